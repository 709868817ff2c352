"""HISTORY stage: import machine-coded event data (ICEWS, GDELT 1.0/2.0, POLECAT) as events.

So that status and forecasts rest on years of history, not on the last few articles, each row of
an event-data file becomes one synthetic `Article` (a short rendered line naming who did what to
whom, e.g. "Police (Russia) [RUSCOP] → Citizen (Azerbaijan) [AZECVL]: Arrest, detain, or charge
with legal action [CAMEO 173]") with one `Sentence` and one `Event` whose mentions and trigger point
into that line. Actors are mapped onto our codes (ISO3 countries, IGO codes, our sector codes) with
the actor dictionary and the tables in `history/data/`; event weights, quad classes and PLOVER
types come from our ontology for the row's CAMEO code (POLECAT's PLOVER codes are mapped to a
representative CAMEO code). Every event records its provenance in `versions` ("import=gdelt2;...")
and its article's `source` is "path:line".

Rows that cannot be used (an actor with no country or IGO, such as a region or an unnamed
group; an unknown CAMEO code or PLOVER type; a bad date) become `Discarded(stage="import")`
records. Rows between two actors of the same country (RUS -> RUS) are kept: they are domestic
events, which the dyad analyses leave out by their own filter but which show a state's internal
unrest and crackdowns, useful context for its foreign behaviour and for a third-party network.

    for record in read_history("icews", "events.2018.tab", countries={"AZE", "RUS"}):
        ...  # CodedArticle or Discarded, ready for store.write_coded / store.write_discards
"""

from dyadwatch.history.reader import (
    HISTORY_KINDS,
    STAGE,
    HistoryReader,
    ImportCounts,
    detect_kind,
    read_history,
)

__all__ = ["HISTORY_KINDS", "STAGE", "HistoryReader", "ImportCounts", "detect_kind", "read_history"]
