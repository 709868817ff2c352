"""read_sources over local files: HTML, text, JSONL and folders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.config import Settings
from dyadwatch.ingest import read_sources
from dyadwatch.types import Article, Discarded

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
SETTINGS = Settings()

PARAGRAPHS = (
    "Azerbaijan and Russia signed an agreement on Thursday to extend the transit of natural gas "
    "through the Caspian region for another ten years, officials in Baku said.",
    "The Azerbaijani foreign minister praised the accord as a sign of deepening cooperation, while "
    "the Russian energy ministry said the deal would stabilise supplies to southern markets.",
    "Analysts in Tbilisi cautioned that the agreement leaves several pricing questions unresolved "
    "and could be renegotiated if regional tensions flare again.",
)


def read(*sources: str | Path, settings: Settings = SETTINGS) -> list[Article | Discarded]:
    return list(read_sources([str(s) for s in sources], settings=settings))


def only_article(items: list[Article | Discarded]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def test_html_with_heavy_chrome_keeps_only_the_article() -> None:
    article = only_article(read(DATA / "chrome_article.html"))
    assert article.text == "\n\n".join(PARAGRAPHS)
    for chrome in (
        "A- A A+",
        "cookie",
        "Subscribe today",
        "Politics",
        "Editor's note",
        "reader survey",
        "Related articles",
        "Georgia hosts regional",
        "Copyright",
        "Privacy policy",
        "Leyla",
    ):
        assert chrome not in article.text, chrome
    assert article.title == "Baku and Moscow sign pipeline accord"
    assert article.published == date(2024, 3, 14)
    assert article.outlet == "Caspian Ledger"
    assert article.author == "Leyla Mammadova"
    assert article.url == "https://caspianledger.example/world/baku-moscow-pipeline-accord"
    assert article.source == str(DATA / "chrome_article.html")
    assert article.language == "en"
    assert article.id.startswith("a")


def test_same_article_twice_and_across_layouts_gets_one_id() -> None:
    items = read(DATA / "chrome_article.html", DATA / "chrome_article.html", DATA / "same_article_print.html")
    assert all(isinstance(i, Article) for i in items)
    assert len({i.id for i in items}) == 1
    assert items[2].text == items[0].text


def test_html_and_jsonl_of_the_same_body_get_the_same_id() -> None:
    html = only_article(read(DATA / "chrome_article.html"))
    jsonl = only_article(read(DATA / "same_article.jsonl"))
    assert jsonl.id == html.id
    assert jsonl.text == html.text
    assert jsonl.published == date(2024, 3, 14)
    assert jsonl.url == html.url


def test_text_file_with_header() -> None:
    article = only_article(read(DATA / "with_header.txt"))
    assert article.title == "Yerevan and Tbilisi agree on new border crossing"
    assert article.published == date(2024, 5, 2)
    assert article.outlet == "South Caucasus Wire"
    assert article.url == "https://scwire.example/2024/05/02/border-crossing"
    assert article.text.startswith(
        "Armenia and Georgia agreed on Wednesday to open a second road crossing on"
    )
    assert article.text.count("\n\n") == 1
    assert "\n" not in article.text.replace("\n\n", "")


def test_text_file_without_header_is_all_body() -> None:
    plain = only_article(read(DATA / "no_header.txt"))
    headed = only_article(read(DATA / "with_header.txt"))
    assert plain.title == ""
    assert plain.published is None and plain.outlet is None and plain.url is None
    assert plain.text == headed.text
    assert plain.id == headed.id


def test_jsonl_bad_lines_become_discards_and_good_lines_survive() -> None:
    path = str(DATA / "mixed.jsonl")
    items = read(path)
    articles = [i for i in items if isinstance(i, Article)]
    discards = [(d.item_id, d.reason) for d in items if isinstance(d, Discarded)]
    assert [a.title for a in articles] == ["Ankara hosts talks", "Moscow recalls envoy"]
    assert articles[0].published == date(2024, 2, 1)
    assert articles[1].published == date(2024, 2, 3)
    assert articles[0].url == "https://example.org/m1"
    assert discards == [
        (f"{path}:2", "invalid JSON: Expecting ',' delimiter (line 2)"),
        (f"{path}:3", "missing field 'text'"),
        (f"{path}:4", "not English (detected: de)"),
        (f"{path}:6", "not an article (24 characters of text; minimum 80)"),
    ]
    assert all(d.stage == "ingest" and d.source == path for d in items if isinstance(d, Discarded))


def test_jsonl_invalid_date_and_wrong_types(tmp_path: Path) -> None:
    body = (
        "Georgia and Armenia signed a transit accord on Tuesday in Tbilisi, officials from both sides said."
    )
    path = tmp_path / "x.ndjson"
    path.write_text(
        f'{{"published": "March 5", "text": "{body}"}}\n[1, 2]\n{{"text": 42}}\n{{"text": ""}}\n',
        encoding="utf-8",
    )
    reasons = [d.reason for d in read(path)]
    assert reasons == [
        "invalid date 'March 5' in field 'published' (expected YYYY-MM-DD or ISO datetime)",
        "expected a JSON object, got list",
        "field 'text' is not a string",
        "empty text",
    ]


def test_folder_walk_is_sorted_recursive_and_reports_unknown_suffixes() -> None:
    tree = DATA / "tree"
    items = read(tree)
    assert [i.source for i in items] == [
        str(tree / "a_sub" / "c_story.jsonl"),
        str(tree / "b_notes.txt"),
        str(tree / "z_data.csv"),
    ]
    assert isinstance(items[0], Article) and isinstance(items[1], Article)
    assert items[2] == Discarded(
        "ingest", str(tree / "z_data.csv"), "unsupported file type .csv", str(tree / "z_data.csv")
    )


def test_missing_path_is_discarded_not_raised(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.html")
    assert read(missing) == [Discarded("ingest", missing, "no such file or folder", missing)]


def test_unreadable_file_is_discarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.html"
    path.write_text("<html></html>", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [item] = read(path)
    assert isinstance(item, Discarded) and item.reason == "cannot read: Permission denied"


def test_empty_short_and_undecodable_inputs(tmp_path: Path) -> None:
    (tmp_path / "a_empty.html").write_text(
        "<html><head><title>x</title></head><body></body></html>", encoding="utf-8"
    )
    (tmp_path / "b_short.txt").write_text("Talks resumed on Monday in Baku.\n", encoding="utf-8")
    (tmp_path / "c_latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "d_blank.txt").write_text("\n\n  \n", encoding="utf-8")
    reasons = [d.reason for d in read(tmp_path)]
    assert reasons == [
        "empty text",
        "not an article (32 characters of text; minimum 80)",
        "not UTF-8 text: invalid continuation byte at byte 3",
        "empty text",
    ]


def test_min_article_chars_is_a_setting() -> None:
    items = read(DATA / "no_header.txt", settings=Settings(min_article_chars=10_000))
    assert isinstance(items[0], Discarded)
    assert items[0].reason.startswith("not an article (")
    assert items[0].reason.endswith("characters of text; minimum 10000)")


def test_a_single_string_source_is_not_iterated_by_character() -> None:
    items = list(read_sources(str(DATA / "no_header.txt"), settings=SETTINGS))
    assert len(items) == 1 and isinstance(items[0], Article)


def test_page_without_date_markup_gets_no_date_from_copyright_footer(tmp_path: Path) -> None:
    html = (DATA / "chrome_article.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">', "")
    html = html.replace('<time datetime="2024-03-14">March 14, 2024</time>', "")
    path = tmp_path / "undated.html"
    path.write_text(html, encoding="utf-8")
    article = only_article(read(path))
    assert article.published is None  # htmldate's extensive search would say 2024-01-01


def test_text_header_with_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "bad_date.txt"
    path.write_text("Title\nDate: yesterday\n\nBody text.\n", encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Discarded)
    assert item.reason == "invalid date 'yesterday' in header 'Date' (expected YYYY-MM-DD)"
