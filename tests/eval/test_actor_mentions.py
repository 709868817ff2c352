"""The actor layer on its own: gold actor mentions, span location and the mention scores."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.eval import (
    METRICS,
    GoldActor,
    GoldSentence,
    GoldSet,
    check_floors,
    evaluate,
    format_reports,
    locate,
    read_gold,
)

DATA = Path(__file__).parent / "data"
GOLD_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gold-dev"

Answer = tuple[str, str | None] | None


def no_events(items):
    return {}


def fake_actor_coder(answers: Mapping[tuple[str, str], Answer]):
    """Answers by (sentence id, words under the span); records the items and the spanned words."""
    calls: list[list] = []
    spanned: list[tuple[str, str]] = []

    def actor_coder(items):
        calls.append(list(items))
        out = {}
        for sid, text, _date, spans in items:
            words = [text[start:end] for start, end in spans]
            spanned.extend((sid, w) for w in words)
            out[sid] = [answers.get((sid, w)) for w in words]
        return out

    actor_coder.calls = calls  # type: ignore[attr-defined]
    actor_coder.spanned = spanned  # type: ignore[attr-defined]
    return actor_coder


# -- readers ---------------------------------------------------------------------------------------


def test_plover_json_fills_actors() -> None:
    agree, fight, protest = read_gold(DATA / "actors_tiny.json").sentences
    # Belorian is listed as source and target: it appears once; "***" -> no sector
    assert agree.actors == (
        GoldActor("Arvanian", "XAR", "GOV"),
        GoldActor("Belorian", "XBE", "GOV"),
        GoldActor("Lakeside Council", "IGO", None),
    )
    assert fight.actors == (
        GoldActor("corvellan Navy", "XCO", "MIL"),  # sector cut to three letters
        GoldActor("Arvanian fishermen", "XAR", "CVL"),  # whitespace run collapsed
    )
    assert protest.actors == (GoldActor("Zemlan traders", "XZM", None), GoldActor("Vell", "XVE", None))


def test_reciprocal_actors_appear_once() -> None:
    agree = read_gold(DATA / "plover_tiny.json").sentences[0]
    assert len(agree.events) == 2  # A->B and B->A ...
    assert agree.actors == (GoldActor("Arvanian", "XAR", "GOV"), GoldActor("Belorian", "XBE", "GOV"))  # ... once each


def test_codebook_tsv_fills_actors() -> None:
    a1, a2, cx = read_gold(DATA / "actors_tiny.tsv").sentences
    assert a1.actors == (GoldActor("Beloria", "XBE", "GOV"), GoldActor("Lakeside Council", "IGO", None))
    # the entry without "=" ("diplomatic") is a slip and dropped
    assert a2.actors == (GoldActor("Dravonian rebels", "XDR", "REB"), GoldActor("ARVANIAN police", "XAR", "COP"))
    assert cx.actors == ()


def test_formats_without_actor_texts_leave_actors_empty() -> None:
    for name in ("petr_tiny.xml", "penta_tiny.tsv", "petr_unittest_tiny.xml"):
        assert all(s.actors == () for s in read_gold(DATA / name).sentences)


# -- span location ----------------------------------------------------------------------------------


def test_locate_first_occurrence_then_case_insensitive_then_none() -> None:
    text = "Arvania warned Arvania's neighbours; the ARVANIAN fleet sailed."
    assert locate(text, "Arvania") == (0, 7)  # first occurrence
    assert locate(text, "fleet") == (text.index("fleet"), text.index("fleet") + 5)
    assert locate(text, "arvanian FLEET") == (text.index("ARVANIAN"), text.index("ARVANIAN") + 14)
    assert locate(text, "Arvanian") == (text.index("ARVANIAN"), text.index("ARVANIAN") + 8)  # only case-insensitively
    assert locate(text, "Beloria") is None
    assert locate(text, "") is None


def test_spans_sent_to_the_actor_coder() -> None:
    coder = fake_actor_coder({})
    report = evaluate(read_gold(DATA / "actors_tiny.json"), no_events, actor_coder=coder)
    assert len(coder.calls) == 1  # once for the whole set
    items = coder.calls[0]
    assert [sid for sid, *_ in items] == ["ACT-AGREE-0001", "ACT-FIGHT-0001", "ACT-PROTEST-0001"]
    assert items[0][2] == date(2032, 5, 1)
    assert items[1][3] == ((4, 18),)  # "Corvellan navy", found case-insensitively; the fishermen skipped
    assert coder.spanned == [
        ("ACT-AGREE-0001", "Arvanian"), ("ACT-AGREE-0001", "Belorian"), ("ACT-AGREE-0001", "Lakeside Council"),
        ("ACT-FIGHT-0001", "Corvellan navy"),
        ("ACT-PROTEST-0001", "Zemlan traders"), ("ACT-PROTEST-0001", "Vell"),
    ]
    assert (report.mention_n, report.mention_skipped) == (6, 1)
    assert (report.mention_coverage, report.mention_country_accuracy, report.mention_sector_accuracy) == (
        0.0, 0.0, None,  # nothing resolved: no actor has a correct country, so sector is not measured
    )


# -- arithmetic -------------------------------------------------------------------------------------


def test_mention_scores_by_hand() -> None:
    coder = fake_actor_coder({
        ("ACT-AGREE-0001", "Arvanian"): ("XAR", "GOV"),  # country right, sector right
        ("ACT-AGREE-0001", "Belorian"): ("XBE", None),  # country right, sector missed
        ("ACT-AGREE-0001", "Lakeside Council"): ("IGOLKC", "GOV"),  # bare gold IGO: right; no gold sector
        ("ACT-FIGHT-0001", "Corvellan navy"): ("XCO", "mil"),  # right, sector compared upper-cased
        # "Zemlan traders": unresolved (None)
        ("ACT-PROTEST-0001", "Vell"): ("XVL", "GOV"),  # gold slip "XVE" kept: counts as wrong
    })
    report = evaluate(read_gold(DATA / "actors_tiny.json"), no_events, actor_coder=coder)
    assert (report.mention_n, report.mention_skipped) == (6, 1)
    assert report.mention_coverage == pytest.approx(5 / 6)
    assert report.mention_country_accuracy == pytest.approx(4 / 6)
    assert report.mention_sector_accuracy == pytest.approx(2 / 3)  # Arvanian, Belorian, Corvellan navy


def test_bare_igo_rule() -> None:
    sentence = GoldSentence(
        "s1", "The Lakeside Council and the Hill Pact met.", None, (), None, True,
        actors=(GoldActor("Lakeside Council", "IGO", "GOV"), GoldActor("Hill Pact", "IGOHLP", None)),
    )
    gold = GoldSet("igo", "codebook-tsv", "-", (sentence,))

    def score(lakeside: Answer, hill: Answer) -> float | None:
        answers = {("s1", "Lakeside Council"): lakeside, ("s1", "Hill Pact"): hill}
        return evaluate(gold, no_events, actor_coder=fake_actor_coder(answers)).mention_country_accuracy

    assert score(("IGOLKC", "GOV"), ("IGOHLP", None)) == 1.0  # any IGO key fills a bare gold "IGO"
    assert score(("IGO", None), ("IGO", None)) == 0.5  # ... but a bare predicted IGO is not "IGOHLP"
    assert score(("XAR", "GOV"), ("IGOXXX", None)) == 0.0


def test_codebook_tsv_mentions() -> None:
    coder = fake_actor_coder({
        ("A-1", "Beloria"): ("XBE", "GOV"),
        ("A-1", "Lakeside Council"): ("IGOLKC", None),
        ("A-2", "Arvanian police"): ("XAR", "MIL"),  # located case-insensitively; sector wrong
    })
    report = evaluate(read_gold(DATA / "actors_tiny.tsv"), no_events, actor_coder=coder)
    assert [sid for sid, *_ in coder.calls[0]] == ["A-1", "A-2"]  # cx-1 has no actors: not sent
    assert (report.mention_n, report.mention_skipped) == (4, 0)
    assert report.mention_coverage == 0.75  # "Dravonian rebels" unresolved
    assert report.mention_country_accuracy == 0.75
    assert report.mention_sector_accuracy == pytest.approx(1 / 2)  # Beloria right, police wrong


def test_missing_id_is_unresolved_and_wrong_length_raises() -> None:
    gold = read_gold(DATA / "actors_tiny.tsv")
    report = evaluate(gold, no_events, actor_coder=lambda items: {"A-1": [("XBE", "GOV"), None]})
    assert (report.mention_n, report.mention_coverage, report.mention_country_accuracy) == (4, 0.25, 0.25)
    assert report.mention_sector_accuracy == 1.0
    with pytest.raises(ValueError, match="A-1"):
        evaluate(gold, no_events, actor_coder=lambda items: {"A-1": [("XBE", "GOV")]})


def test_not_measured_without_actor_coder_or_actor_texts() -> None:
    fields = ("mention_n", "mention_skipped", "mention_coverage", "mention_country_accuracy",
              "mention_sector_accuracy")
    plain = evaluate(read_gold(DATA / "actors_tiny.json"), no_events)
    assert all(getattr(plain, f) is None for f in fields)
    coder = fake_actor_coder({})
    penta = evaluate(read_gold(DATA / "penta_tiny.tsv"), no_events, actor_coder=coder)
    assert all(getattr(penta, f) is None for f in fields) and coder.calls == []


# -- report and floors ------------------------------------------------------------------------------


def test_floors_on_mention_metrics() -> None:
    assert {"mention_coverage", "mention_country_accuracy", "mention_sector_accuracy"} <= set(METRICS)
    coder = fake_actor_coder({("A-1", "Beloria"): ("XBE", "GOV"), ("A-2", "Dravonian rebels"): ("XDR", "REB")})
    measured = evaluate(read_gold(DATA / "actors_tiny.tsv"), no_events, actor_coder=coder)
    unmeasured = evaluate(read_gold(DATA / "actors_tiny.json"), no_events)
    floors = {"actors_tiny": {"mention_coverage": 0.5, "mention_country_accuracy": 0.6, "mention_sector_accuracy": 1.0}}
    assert check_floors([measured], floors) == ["actors_tiny: mention_country_accuracy 0.500 below floor 0.600"]
    assert check_floors([unmeasured], {"*": {"mention_coverage": 0.1}}) == [
        "actors_tiny: mention_coverage not measured (floor 0.100)",
    ]


def test_format_reports_adds_mention_table() -> None:
    plain = evaluate(read_gold(DATA / "penta_tiny.tsv"), no_events)
    first_table = format_reports([plain])
    assert "coverage" not in first_table and len(first_table.splitlines()) == 3
    coder = fake_actor_coder({("A-1", "Beloria"): ("XBE", "GOV")})
    measured = evaluate(read_gold(DATA / "actors_tiny.tsv"), no_events, actor_coder=coder)
    lines = format_reports([plain, measured]).splitlines()
    assert lines[:4] == format_reports([plain, evaluate(read_gold(DATA / "actors_tiny.tsv"), no_events)]).splitlines()
    assert lines[4] == ""
    assert lines[5].split() == ["gold", "actors", "skipped", "coverage", "country", "sector"]
    assert lines[7].split() == ["actors_tiny", "4", "0", "25.0", "25.0", "100.0"]
    assert len(lines) == 8  # the penta set has no mention row


# -- real data --------------------------------------------------------------------------------------


@pytest.mark.shared
def test_real_plover_gsr_has_actor_mentions() -> None:
    path = GOLD_DEV / "plover" / "PLOVER_GSR_CAMEO.txt"
    if not path.is_file():
        pytest.skip(f"shared gold data not found at {path}")
    gold = read_gold(path)
    actors = [a for s in gold.sentences for a in s.actors]
    assert len(actors) > 300
    assert all(a.text and a.text == a.text.strip() for a in actors)
    report = evaluate(gold, no_events, actor_coder=lambda items: {})
    assert report.mention_n is not None and report.mention_n + (report.mention_skipped or 0) == len(actors)
    assert report.mention_coverage == 0.0
