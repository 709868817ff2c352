"""RSS/Atom feed files, and the XML entity guard."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from dyadwatch.config import Settings
from dyadwatch.ingest import read_sources
from dyadwatch.ingest.feeds import ENTITIES_REFUSED, check_feed_xml, looks_like_feed
from dyadwatch.types import Article, Discarded

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
SETTINGS = Settings()


def read(*sources: str | Path) -> list[Article | Discarded]:
    return list(read_sources([str(s) for s in sources], settings=SETTINGS))


def test_rss_file_entries_become_articles() -> None:
    path = str(DATA / "news.rss")
    first, second, link_only = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Tehran and Baku resume flights"
    assert first.text.startswith("Iran and Azerbaijan resumed direct flights")
    assert "\n\nThe first flight carried officials and business travellers." in first.text
    assert "Short teaser" not in first.text
    assert first.published == date(2024, 4, 9)
    assert first.outlet == "Caspian Ledger"
    assert first.author == "Reza Karimi"
    assert first.url == "https://caspianledger.example/world/tehran-baku-flights"
    assert first.source == path
    assert second.text.startswith("Turkmenistan and Turkey signed a memorandum")
    assert "<p>" not in second.text
    assert link_only == Discarded(
        "ingest",
        "https://caspianledger.example/world/link-only",
        "entry has no text and no fetchable link",
        path,
    )


def test_atom_file_entries_become_articles() -> None:
    first, second = read(DATA / "news.atom")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Yerevan and Tbilisi agree on new border crossing"
    assert first.published == date(2024, 5, 2)
    assert first.outlet == "South Caucasus Wire"
    assert first.author == "Nino Beridze"
    assert first.url == "https://scwire.example/2024/05/02/border-crossing"
    assert second.published == date(2024, 5, 3)
    assert second.text.startswith("Georgia's prime minister met the Armenian ambassador")


def test_feed_entry_and_text_file_with_the_same_body_share_an_id() -> None:
    [entry, _] = read(DATA / "news.atom")
    [text_file] = read(DATA / "with_header.txt")
    assert entry.id == text_file.id


def test_billion_laughs_is_refused_quickly() -> None:
    path = str(DATA / "billion_laughs.xml")
    start = time.perf_counter()
    items = read(path)
    assert time.perf_counter() - start < 2
    assert items == [Discarded("ingest", path, ENTITIES_REFUSED, path)]


def test_external_entity_is_refused() -> None:
    path = str(DATA / "xxe.rss")
    assert read(path) == [Discarded("ingest", path, "feed declares XML entities; refused", path)]


def test_entity_declaration_in_malformed_xml_is_still_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss><channel><item>&a;</channel>'
    assert check_feed_xml(data) == ENTITIES_REFUSED


def test_rss_091_with_public_doctype_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "old.rss"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        '<rss version="0.91"><channel><title>Old Wire</title><item><title>Talks</title>'
        "<link>https://old.example/1</link><description>Kazakhstan and Uzbekistan held border talks in "
        "Tashkent on Monday and agreed to meet again next month, officials said.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    [item] = read(path)
    assert isinstance(item, Article)
    assert item.outlet == "Old Wire"


def test_garbage_feed_file_is_discarded(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("this is not xml at all {", encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Discarded)
    assert item.reason.startswith("not a readable RSS/Atom feed")


def test_looks_like_feed() -> None:
    assert looks_like_feed((DATA / "news.rss").read_bytes())
    assert looks_like_feed((DATA / "news.atom").read_bytes())
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- hi --><rdf:RDF xmlns:rdf="x">')
    assert not looks_like_feed((DATA / "chrome_article.html").read_bytes())
    assert not looks_like_feed(b'<?xml version="1.0"?><sitemap/>')
