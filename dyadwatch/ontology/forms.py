"""English inflected forms of lexicon lemmas, for the cheap prefilter (which sees surface words)."""

from __future__ import annotations

import re

# --- inflection -------------------------------------------------------------------------------

_IRREGULAR: dict[str, tuple[str, ...]] = {
    # lemma: past / past-participle forms (both spellings where they differ)
    "shoot": ("shot",),
    "meet": ("met",),
    "hold": ("held",),
    "flee": ("fled",),
    "fight": ("fought",),
    "lead": ("led",),
    "say": ("said",),
    "send": ("sent",),
    "take": ("took", "taken"),
    "give": ("gave", "given"),
    "strike": ("struck", "stricken"),
    "hit": ("hit",),
    "beat": ("beat", "beaten"),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "buy": ("bought",),
    "sell": ("sold",),
    "seek": ("sought",),
    "speak": ("spoke", "spoken"),
    "withdraw": ("withdrew", "withdrawn"),
    "forgive": ("forgave", "forgiven"),
    "leave": ("left",),
    "lay": ("laid",),
    "pay": ("paid",),
    "quit": ("quit", "quitted"),
    "cut": ("cut",),
    "shut": ("shut",),
    "put": ("put",),
    "build": ("built",),
    "lend": ("lent",),
    "freeze": ("froze", "frozen"),
    "drive": ("drove", "driven"),
    "steal": ("stole", "stolen"),
    "bring": ("brought",),
    "think": ("thought",),
    "catch": ("caught",),
    "tell": ("told",),
    "win": ("won",),
    "lose": ("lost",),
    "stand": ("stood",),
    "throw": ("threw", "thrown"),
    "fly": ("flew", "flown"),
    "go": ("went", "gone"),
    "come": ("came", "come"),
    "do": ("did", "done"),
    "have": ("had",),
    "be": ("was", "were", "been"),
    "see": ("saw", "seen"),
    "know": ("knew", "known"),
    "begin": ("began", "begun"),
    "rise": ("rose", "risen"),
    "draw": ("drew", "drawn"),
    "shake": ("shook", "shaken"),
    "forbid": ("forbade", "forbidden"),
    "spread": ("spread",),
    "broadcast": ("broadcast", "broadcasted"),
    "ring": ("rang", "rung"),
    "sink": ("sank", "sunk"),
    "hang": ("hung", "hanged"),
    "feed": ("fed",),
    "read": ("read",),
    "mean": ("meant",),
    "deal": ("dealt",),
    "keep": ("kept",),
    "find": ("found",),
    "hear": ("heard",),
    "make": ("made",),
    "set": ("set",),
    "let": ("let",),
    "run": ("ran", "run"),
    "write": ("wrote", "written"),
    "choose": ("chose", "chosen"),
    "get": ("got", "gotten"),
    "slay": ("slew", "slain"),
    "tear": ("tore", "torn"),
    "hide": ("hid", "hidden"),
    "feel": ("felt",),
    "shed": ("shed",),
    "uphold": ("upheld",),
    "withhold": ("withheld",),
    "overrun": ("overran", "overrun"),
    "undertake": ("undertook", "undertaken"),
    "overthrow": ("overthrew", "overthrown"),
    "swear": ("swore", "sworn"),
    "bear": ("bore", "borne"),
    "dig": ("dug",),
    "bid": ("bid",),
    "spend": ("spent",),
    "teach": ("taught",),
    "understand": ("understood",),
    "bind": ("bound",),
    "mislead": ("misled",),
    "oversee": ("oversaw", "overseen"),
    "foresee": ("foresaw", "foreseen"),
    "light": ("lit", "lighted"),
    "sit": ("sat",),
    "stick": ("stuck",),
    "wind": ("wound",),
}
_DOUBLE = frozenset(
    "admit commit omit permit submit transmit emit remit acquit regret abet occur recur refer prefer "
    "confer defer deter infer transfer incur compel expel repel propel dispel control patrol enrol "
    "annul extol rebel equip embed kidnap worship overstep sidestep outgun upset forget begin".split()
)
_BOTH_L = frozenset({"fuel", "duel", "dial", "trial"})
_VOWELS = "aeiou"
_THIRD_PERSON = {"be": "is", "have": "has"}


def _syllables(word: str) -> int:
    """Rough count of vowel groups ("qu" counts as a consonant)."""
    return len(re.findall(r"[aeiouy]+", word.replace("qu", "qw")))


def _doubling(lemma: str) -> tuple[str, ...]:
    """Stems for -ed/-ing: doubled final consonant, plain, or both (British/US -l verbs)."""
    if lemma in _BOTH_L:
        return (lemma + "l", lemma)  # fuelled / fueled
    w = lemma.replace("qu", "qw")
    cvc = len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS
    if not cvc:
        return (lemma,)
    if lemma in _DOUBLE or _syllables(lemma) == 1:
        return (lemma + lemma[-1],)
    if lemma.endswith("l"):
        return (lemma + "l", lemma)  # cancelled / canceled
    return (lemma,)


def _third_person(lemma: str) -> str:
    """3rd person singular present."""
    if lemma in _THIRD_PERSON:
        return _THIRD_PERSON[lemma]
    if re.search(r"(s|x|z|ch|sh|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _past(lemma: str) -> set[str]:
    """Regular past / past participle forms."""
    if lemma.endswith("e"):
        return {lemma + "d"}
    if re.search(r"[^aeiou]y$", lemma):
        return {lemma[:-1] + "ied"}
    if lemma.endswith("c"):
        return {lemma + "ked"}
    return {stem + "ed" for stem in _doubling(lemma)}


def _gerund(lemma: str) -> set[str]:
    """-ing forms."""
    if lemma.endswith("ie"):
        return {lemma[:-2] + "ying"}
    if lemma.endswith("e") and not re.search(r"(ee|ye|oe)$", lemma) and len(lemma) > 2:
        return {lemma[:-1] + "ing"}
    if lemma.endswith("c"):
        return {lemma + "king"}
    return {stem + "ing" for stem in _doubling(lemma)}


def inflect(lemma: str) -> set[str]:
    """Lemma, 3sg, past, past participle and -ing forms (irregular verbs and UK/US doubling included)."""
    lemma = lemma.lower().strip()
    past = set(_IRREGULAR[lemma]) if lemma in _IRREGULAR else _past(lemma)
    return {lemma, _third_person(lemma), *past, *_gerund(lemma)}


# --- noun plurals -----------------------------------------------------------------------------

_IRREGULAR_PLURAL: dict[str, tuple[str, ...]] = {
    # lemma: plural forms (all in use, so both where two compete)
    "ultimatum": ("ultimatums", "ultimata"),
    "memorandum": ("memorandums", "memoranda"),
    "referendum": ("referendums", "referenda"),
    "medium": ("media", "mediums"),
    "datum": ("data",),
    "criterion": ("criteria",),
    "phenomenon": ("phenomena",),
    "man": ("men",),
    "woman": ("women",),
    "child": ("children",),
    "person": ("people", "persons"),
    "foot": ("feet",),
    "tooth": ("teeth",),
    "life": ("lives",),
    "knife": ("knives",),
    "wife": ("wives",),
    "thief": ("thieves",),
    "leaf": ("leaves",),
    "half": ("halves",),
    "shelf": ("shelves",),
    "wolf": ("wolves",),
    "self": ("selves",),
    "aircraft": ("aircraft",),
    "spacecraft": ("spacecraft",),
    "sheep": ("sheep",),
    "series": ("series",),
    "species": ("species",),
    "headquarters": ("headquarters",),
}


def _plurals(lemma: str) -> set[str]:
    """Plural forms by the simple English rules (consonant+o gets both -oes and -os)."""
    if lemma in _IRREGULAR_PLURAL:
        return set(_IRREGULAR_PLURAL[lemma])
    if lemma.endswith("sis"):
        return {lemma[:-2] + "es"}  # crisis -> crises
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        return {lemma + "es"}
    if re.search(r"[^aeiou]y$", lemma):
        return {lemma[:-1] + "ies"}
    if re.search(r"[^aeiou]o$", lemma):
        return {lemma + "es", lemma + "s"}  # vetoes, embargoes / embargos
    return {lemma + "s"}


def noun_forms(lemma: str) -> set[str]:
    """Lemma and plural form(s) of a noun ("talk" -> talk, talks; "veto" -> veto, vetoes, vetos)."""
    lemma = lemma.lower().strip()
    return {lemma, *_plurals(lemma)}
