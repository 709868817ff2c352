"""Evaluation behind `dyadwatch eval GOLD...`: read gold files, run a coder, score, report.

Readers (`readers`, `petr_xml`) turn PLOVER GSR JSON, the joined codebook TSV, PETRARCH validation
XML and ConfliBERT penta TSV into one `GoldSet` shape. `evaluate` scores a `Coder` on a set; the
scoring rules (multiset (source, target, root) matching, reciprocal expansion, penta of a
sentence, PLOVER accuracy) are written out in `dyadwatch.eval.scoring`. Given an `ActorCoder`,
`evaluate` also scores the actor layer alone on the gold actor mentions (`GoldActor`).
"""

from dyadwatch.eval.gold import (
    FICTIONAL_FORMATS,
    PLOVER_RENAMES,
    GoldActor,
    GoldEvent,
    GoldSentence,
    GoldSet,
    current_plover,
    penta_of_root,
    split_petr_code,
)
from dyadwatch.eval.readers import detect_format, read_gold
from dyadwatch.eval.report import METRICS, check_floors, format_reports
from dyadwatch.eval.scoring import PRF, ActorCoder, Coder, EvalReport, evaluate, locate, macro_f1, sentence_penta

__all__ = [
    "FICTIONAL_FORMATS",
    "METRICS",
    "PLOVER_RENAMES",
    "PRF",
    "ActorCoder",
    "Coder",
    "EvalReport",
    "GoldActor",
    "GoldEvent",
    "GoldSentence",
    "GoldSet",
    "check_floors",
    "current_plover",
    "detect_format",
    "evaluate",
    "format_reports",
    "locate",
    "macro_f1",
    "penta_of_root",
    "read_gold",
    "sentence_penta",
    "split_petr_code",
]
