"""The only place that chains stages.

- `coding`: sources -> articles -> sentences -> candidates -> events -> store (`run_pipeline`), and the
  evaluation run over gold files (`run_evaluation`);
- `incidents`: stored events -> incidents (one real-world event, N mentions), written back as
  assignments (`cluster_store`) and read for analyses (`load_incidents`);
- `history`: ICEWS / GDELT / POLECAT files -> store (`import_history`);
- `analyse`: store -> every analysis of one dyad -> brief, tables (`analyse_dyad`, `brief_for`, ...).
"""

from dyadwatch.pipeline.analyse import DyadRequest, analyse_from_store, brief_for
from dyadwatch.pipeline.coding import (
    ARTICLE_BATCH,
    DEFAULT_GOLD,
    SCORED_MODALITIES,
    Coder,
    build_coder,
    code_actor_spans,
    code_texts,
    run_evaluation,
    run_pipeline,
)

__all__ = [
    "ARTICLE_BATCH",
    "DyadRequest",
    "analyse_from_store",
    "DEFAULT_GOLD",
    "SCORED_MODALITIES",
    "Coder",
    "brief_for",
    "build_coder",
    "code_actor_spans",
    "code_texts",
    "run_evaluation",
    "run_pipeline",
]
