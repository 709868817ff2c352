"""Errors raised by dyadwatch.

All errors derive from one root so the CLI can turn any of them into a one-line message::

    DyadwatchError
    ├── ConfigError          a setting or config file is invalid
    ├── SourceError          an input (file, folder, feed, URL) cannot be read at all
    │   └── FetchError       a URL could not be fetched (timeout, size cap, refused address, HTTP error)
    ├── ModelError           the spaCy pipeline named in settings is not installed
    ├── DataFileError        a bundled or user data file (actors, ontology) is malformed
    ├── StoreError           the store cannot be opened, migrated or written
    ├── ActorError           a name or code given on the command line does not resolve to an actor
    ├── GoldFormatError      a gold-standard file for `dyadwatch eval` has an unknown format
    ├── ScenarioError        a scenario file (`dyadwatch scenarios run`) is malformed
    └── HistoryError         an event-data file to import (ICEWS, GDELT, POLECAT) cannot be read

Per-article problems (empty text, not English, not an article) are not errors: they become
`Discarded` records (see `dyadwatch.types`), are counted and stored, and the run goes on.
"""

from __future__ import annotations


class DyadwatchError(Exception):
    """Root of every error dyadwatch raises on purpose."""


class ConfigError(DyadwatchError):
    """A setting or configuration file is invalid."""


class SourceError(DyadwatchError):
    """An input source cannot be read at all."""


class FetchError(SourceError):
    """A URL could not be fetched."""


class ModelError(DyadwatchError):
    """The configured spaCy pipeline cannot be loaded."""


class DataFileError(DyadwatchError):
    """A data file (actor dictionary, ontology table) is malformed."""


class StoreError(DyadwatchError):
    """The store cannot be opened, migrated or written."""


class ActorError(DyadwatchError):
    """A name or code does not resolve to a known actor."""


class GoldFormatError(DyadwatchError):
    """A gold-standard file is in a format `dyadwatch eval` does not know."""


class ScenarioError(DyadwatchError):
    """A scenario file is malformed: the message names the file, the item and what is wrong."""


class HistoryError(DyadwatchError):
    """An event-data file to import cannot be read at all (bad rows are discarded, not raised)."""
