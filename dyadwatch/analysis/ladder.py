"""The escalation ladder: an ordinal rung 0-6 for every CAMEO code, and the crisis threshold.

| rung | meaning                                              | CAMEO                              |
|------|------------------------------------------------------|------------------------------------|
| 0    | normal or cooperative                                | 01-09                              |
| 1    | verbal friction                                      | 10, 11, 12 (but 114)               |
| 2    | formal protest, non-military threat, protest action  | 114, 13 (but 138), 14              |
| 3    | downgrade of relations or sanctions                  | 16                                 |
| 4    | coercion of the other side's nationals or assets     | 17                                 |
| 5    | military signalling                                  | 15, 138                            |
| 6    | force                                                | 18, 19, 20                         |

The ladder follows the analysis notes (§1.2.4) with two choices of ours where they are silent:
CAMEO 13 threats other than military ones sit with formal protests (rung 2), and 14 (protest
actions, e.g. a rally outside an embassy) sits there too.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

RUNG_NAMES: Mapping[int, str] = MappingProxyType(
    {
        0: "normal or cooperative",
        1: "verbal friction",
        2: "formal protest",
        3: "downgrade or sanctions",
        4: "coercion of nationals or assets",
        5: "military signalling",
        6: "force",
    }
)
"""Short name of each rung."""

CRISIS_RUNG = 3
"""A dyad-month with an incident at this rung or higher is a *crisis month* (the forecast target)."""

_ROOT_RUNG: Mapping[str, int] = MappingProxyType(
    {"10": 1, "11": 1, "12": 1, "13": 2, "14": 2, "15": 5, "16": 3, "17": 4, "18": 6, "19": 6, "20": 6}
)


def rung_of(cameo: str) -> int:
    """The ladder rung (0-6) of a CAMEO code such as "114", "0841" or "173"."""
    code = cameo.strip()
    if code.startswith("114"):
        return 2
    if code.startswith("138"):
        return 5
    return _ROOT_RUNG.get(code[:2], 0)
