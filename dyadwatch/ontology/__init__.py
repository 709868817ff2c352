"""Ontology layer: CAMEO/PLOVER tables and the verb lexicon (versioned data files + loader)."""

from dyadwatch.ontology.tables import (
    PLOVER_TYPES,
    CameoCode,
    Ontology,
    VerbPattern,
    inflect,
    load_ontology,
    penta_for_root,
    quad_for_root,
)

__all__ = [
    "PLOVER_TYPES",
    "CameoCode",
    "Ontology",
    "VerbPattern",
    "inflect",
    "load_ontology",
    "penta_for_root",
    "quad_for_root",
]
