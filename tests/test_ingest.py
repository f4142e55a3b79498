"""The ingest stage on small files written for these tests."""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
from pathlib import Path

import pytest

from ceasefire.ingest import Problem, read_bytes, read_paths
from ceasefire.ingest.base import iso_date, outlet_of
from ceasefire.ingest.markdown import is_credit_line, markdown_to_text
from ceasefire.records import Article

SCRAPE = """# Kremlin Says Istanbul Talks Brought 'Some Progress'

March 29, 2022

Photo: Dmitry Orlov / TASS

Russia's negotiators said on Tuesday that the talks had brought **some progress**, and a deputy
minister [urged](#) both delegations to keep meeting.

Ilya Pitalev / RIA Novosti

Ukraine's delegation [said](https://example.org/statement) it would study the proposals.

Original url: <https://www.themoscowtimes.com/2022/03/29/istanbul-talks-progress-a77001>
"""

ENGLISH = (
    "Shelling hit the outskirts of the town overnight, local officials said on Monday, "
    "and two houses were destroyed near the railway station while residents sheltered in basements."
)
GERMAN = (
    "In der Nacht wurde der Stadtrand beschossen, teilten die örtlichen Behörden am Montag mit. "
    "Zwei Häuser in der Nähe des Bahnhofs wurden zerstört, während die Bewohner in Kellern Schutz suchten."
)

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Border guards report shooting near the river crossing</title>
<link rel="canonical" href="https://www.borderdaily.example.com/news/river-crossing-shooting">
<meta property="article:published_time" content="2022-05-04T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Border guards report shooting near the river crossing</h1>
<p>Border guards said shots were fired across the river near the old crossing point late on Tuesday,
and that one guard was slightly hurt. The regional governor said the shooting lasted about twenty minutes.</p>
<p>The neighbouring country's interior ministry denied that its personnel had opened fire and said its
patrols had only observed the area. Both sides said talks between local commanders would take place on Thursday.</p>
<p>Villagers on both banks said the crossing had been closed since the start of the month and that
farmers had been unable to reach their fields on the other side of the river.</p>
</article><footer>Copyright Border Daily</footer></body></html>
"""


def only_articles(items: list) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def only_problems(items: list) -> list[Problem]:
    return [x for x in items if isinstance(x, Problem)]


def warc_bytes(records: list[tuple[str, str, bytes]]) -> bytes:
    """A gzipped WARC of (uri, content type, payload) response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, ctype, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        )
    return out.getvalue()


# -- Markdown and text scrapes ---------------------------------------------------------


def test_markdown_scrape_fields(tmp_path: Path) -> None:
    (tmp_path / "talks.md").write_text(SCRAPE, encoding="utf-8")
    [article] = list(read_paths([str(tmp_path / "talks.md")]))
    assert isinstance(article, Article)
    assert article.title == "Kremlin Says Istanbul Talks Brought 'Some Progress'"
    assert article.published == "2022-03-29"
    assert article.url == "https://www.themoscowtimes.com/2022/03/29/istanbul-talks-progress-a77001"
    assert article.outlet == "themoscowtimes.com"
    assert article.source_path == str(tmp_path / "talks.md")
    assert article.language == "en"


def test_markdown_scrape_body_has_no_markup_credit_or_footer(tmp_path: Path) -> None:
    (tmp_path / "talks.md").write_text(SCRAPE, encoding="utf-8")
    [article] = list(read_paths([str(tmp_path / "talks.md")]))
    body = article.text
    assert body.startswith("Russia's negotiators said on Tuesday")
    assert "had brought some progress, and a deputy minister urged both delegations" in body
    assert "it would study the proposals." in body
    for junk in ("[", "](", "**", "#", "TASS", "RIA", "Photo", "Original url", "themoscowtimes", "March 29"):
        assert junk not in body


def test_scrape_shape_in_a_txt_file_is_parsed_too(tmp_path: Path) -> None:
    (tmp_path / "talks.txt").write_text(SCRAPE, encoding="utf-8")
    [article] = list(read_paths([str(tmp_path / "talks.txt")]))
    assert article.title.startswith("Kremlin Says")
    assert article.outlet == "themoscowtimes.com"


def test_plain_text_without_structure_is_all_body(tmp_path: Path) -> None:
    text = "Ceasefire Holds In The North\n\n" + ENGLISH + "\n"
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    [article] = list(read_paths([str(tmp_path / "note.txt")]))
    assert article.text == text.strip()
    assert article.title is None and article.published is None and article.url is None
    assert article.outlet is None


def test_credit_lines() -> None:
    assert is_credit_line("Ilya Pitalev / RIA Novosti")
    assert is_credit_line("Photo: Someone Somebody / TASS")
    assert is_credit_line("© Reuters")
    assert not is_credit_line("Officials said at least two people were killed in the strike on Monday.")
    # a wire marker at the end of a body line is not a credit there
    assert not is_credit_line("Talks resume next week (AFP)", header=False)


def test_markdown_to_text_unwraps_markup() -> None:
    text = markdown_to_text(
        "## Heading\n\nA [link](http://x.example) and ![pic](a.png) *stress*\nwrapped.\n\n- item one"
    )
    assert text == "Heading\n\nA link and stress wrapped.\n\nitem one"


# -- HTML -------------------------------------------------------------------------------


def test_html_page(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [article] = list(read_paths([str(tmp_path)]))
    assert article.title == "Border guards report shooting near the river crossing"
    assert article.url == "https://www.borderdaily.example.com/news/river-crossing-shooting"
    assert article.outlet == "borderdaily.example.com"
    assert article.published == "2022-05-04"
    assert article.text.startswith("Border guards said shots were fired")
    assert "interior ministry denied" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_random_bytes_named_html_is_not_text(tmp_path: Path) -> None:
    (tmp_path / "noise.html").write_bytes(random.Random(7).randbytes(3000))
    [problem] = list(read_paths([str(tmp_path / "noise.html")]))
    assert isinstance(problem, Problem)
    assert problem.kind == "not text"
    assert "noise.html" in problem.message()


# -- JSON and JSON Lines ----------------------------------------------------------------


def test_jsonl_keeps_ids_and_text_and_reports_bad_lines(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a-1",
            "text": "  " + ENGLISH + "\n",
            "url": "https://www.example.com/a",
            "date": "April 2, 2022",
        },
        {
            "text": GERMAN,
            "title": "Beschuss",
            "published": "2022-04-03T10:00:00Z",
            "outlet": "Example Zeitung",
        },
    ]
    lines = [json.dumps(rows[0]), "{not json", "", json.dumps(rows[1]), json.dumps({"title": "no text"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(read_paths([str(tmp_path / "batch.jsonl")]))
    first, second = only_articles(items)
    assert first.id == "a-1"
    assert first.text == rows[0]["text"]  # unchanged, whitespace included
    assert first.published == "2022-04-02"
    assert first.outlet == "example.com"
    assert first.source_path.endswith("batch.jsonl#line 1")
    assert second.id and second.id != first.id
    assert second.outlet == "Example Zeitung"
    assert second.published == "2022-04-03"
    kinds = {(p.kind, p.record) for p in only_problems(items)}
    assert kinds == {("malformed", "line 2"), ("no text", "line 5")}


def test_derived_ids_are_stable(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": ENGLISH}), encoding="utf-8")
    a = list(read_paths([str(tmp_path / "one.json")]))
    b = list(read_paths([str(tmp_path / "one.json")]))
    assert a[0].id == b[0].id


def test_json_array(tmp_path: Path) -> None:
    data = [{"text": ENGLISH, "url": "https://a.example.org/1"}, {"text": ENGLISH + " More.", "url": None}]
    (tmp_path / "arr.json").write_text(json.dumps(data), encoding="utf-8")
    items = list(read_paths([str(tmp_path / "arr.json")]))
    assert [a.url for a in only_articles(items)] == ["https://a.example.org/1", None]
    assert only_articles(items)[1].outlet is None


def test_broken_json_file(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"text": "unfinished', encoding="utf-8")
    [problem] = list(read_paths([str(tmp_path / "bad.json")]))
    assert problem.kind == "malformed"


# -- feeds ------------------------------------------------------------------------------

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Frontline Notes</title><link>https://www.frontline-notes.example.net/</link>
<item><title>Full story</title><link>https://www.frontline-notes.example.net/full</link>
<pubDate>Tue, 05 Apr 2022 09:00:00 +0000</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Two drones were shot down over the district, the governor said.</p><p>Nobody was hurt, <b>he</b> added.</p>]]></content:encoded>
</item>
<item><title>Summary only</title><link>https://www.frontline-notes.example.net/summary</link>
<description>&lt;p&gt;A convoy of aid trucks reached the besieged town on Wednesday.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><link>https://www.frontline-notes.example.net/empty</link></item>
</channel></rss>
"""


def test_feed_entries(tmp_path: Path) -> None:
    (tmp_path / "notes.xml").write_text(FEED, encoding="utf-8")
    items = list(read_paths([str(tmp_path / "notes.xml")]))
    full, summary = only_articles(items)
    assert (
        full.text
        == "Two drones were shot down over the district, the governor said.\n\nNobody was hurt, he added."
    )
    assert full.published == "2022-04-05"
    assert full.outlet == "frontline-notes.example.net"
    assert full.title == "Full story"
    assert summary.text == "A convoy of aid trucks reached the besieged town on Wednesday."
    assert summary.published is None
    [problem] = only_problems(items)
    assert problem.kind == "no text" and problem.record == "entry 2"


# -- WARC -------------------------------------------------------------------------------


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title>
<link href="https://valleypost.example.org/"/><updated>2022-06-02T10:00:00Z</updated>
<entry><title>Checkpoint reopened</title><link href="https://valleypost.example.org/checkpoint"/>
<id>urn:uuid:1</id><updated>2022-06-02T09:00:00Z</updated>
<content type="html">&lt;p&gt;The checkpoint on the valley road reopened on Thursday after a week.&lt;/p&gt;</content>
</entry></feed>
"""


def test_atom_feed_by_content(tmp_path: Path) -> None:
    (tmp_path / "valley").write_text(ATOM, encoding="utf-8")  # no extension: sniffed
    [article] = list(read_paths([str(tmp_path / "valley")]))
    assert article.text == "The checkpoint on the valley road reopened on Thursday after a week."
    assert article.published == "2022-06-02"
    assert article.url == "https://valleypost.example.org/checkpoint"


def test_warc_html_and_non_html_records(tmp_path: Path) -> None:
    data = warc_bytes(
        [
            ("https://www.borderdaily.example.com/news/river", "text/html; charset=utf-8", PAGE.encode()),
            ("https://www.borderdaily.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    items = list(read_paths([str(tmp_path / "crawl.warc.gz")]))
    [article] = only_articles(items)
    assert article.url == "https://www.borderdaily.example.com/news/river"
    assert article.source_path.startswith(str(tmp_path / "crawl.warc.gz") + "#offset ")
    [problem] = only_problems(items)
    assert problem.kind == "not html"
    assert "logo.png" in problem.record and problem.record.startswith("offset ")


def test_truncated_warc_keeps_records_before(tmp_path: Path) -> None:
    first = warc_bytes([("https://a.example.com/1", "text/html", PAGE.encode())])
    second = PAGE.replace("Border guards", "Coast guards").encode()
    data = warc_bytes(
        [
            ("https://a.example.com/1", "text/html", PAGE.encode()),
            ("https://a.example.com/2", "text/html", second),
        ]
    )
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(first) + (len(data) - len(first)) // 2])
    items = list(read_paths([str(tmp_path / "cut.warc.gz")]))
    assert [a.url for a in only_articles(items)] == ["https://a.example.com/1"]
    assert [p.kind for p in only_problems(items)] == ["truncated"]


# -- folders, stdin, bad files -----------------------------------------------------------


@pytest.mark.parametrize("extra", [10, 150])
def test_warc_cut_just_after_a_record_is_reported(tmp_path: Path, extra: int) -> None:
    first = warc_bytes([("https://a.example.com/1", "text/html", PAGE.encode())])
    both = warc_bytes(
        [
            ("https://a.example.com/1", "text/html", PAGE.encode()),
            ("https://a.example.com/2", "text/html", b"<p>x</p>"),
        ]
    )
    items = list(read_bytes(both[: len(first) + extra], "cut.warc.gz"))
    assert len(only_articles(items)) == 1
    assert [p.kind for p in only_problems(items)] == ["truncated"]


def test_not_a_warc(tmp_path: Path) -> None:
    [problem] = list(read_bytes(b"these are plain words, not an archive", "fake.warc"))
    assert problem.kind == "malformed"


def test_folder_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(SCRAPE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "noise.html").write_bytes(random.Random(3).randbytes(2048))
    whole = warc_bytes([("https://a.example.com/1", "text/html", PAGE.encode())])
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / ".hidden.md").write_text(SCRAPE.replace("Kremlin", "Hidden"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.txt.gz").write_bytes(gzip.compress(ENGLISH.encode())[:-12])
    items = list(read_paths([str(tmp_path)]))
    [article] = only_articles(items)
    assert article.title.startswith("Kremlin")
    by_file = {Path(p.path).name: p.kind for p in only_problems(items)}
    assert by_file == {
        "empty.txt": "empty",
        "noise.html": "not text",
        "cut.warc.gz": "truncated",
        "bad.txt.gz": "truncated",
    }


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    items = list(read_paths([str(tmp_path / "absent.md"), str(tmp_path / "none")]))
    assert [p.kind for p in items] == ["missing", "empty"]


def test_undecodable_text(tmp_path: Path) -> None:
    # UTF-8 text with invalid bytes that are also undefined in cp1252
    (tmp_path / "odd.txt").write_bytes(ENGLISH.encode() + b"\x81\x8d\x8f\x90\x9d" * 20)
    [problem] = list(read_paths([str(tmp_path / "odd.txt")]))
    assert problem.kind == "not text"


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    line = json.dumps({"id": "s1", "text": ENGLISH})
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO((line + "\n" + line.replace("s1", "s2") + " ").encode()))
    )
    items = list(read_paths(["-"]))
    assert [a.id for a in only_articles(items)] == ["s1"]  # the second has the same text
    assert [p.kind for p in only_problems(items)] == ["duplicate"]


def test_stdin_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SCRAPE.encode())))
    [article] = list(read_paths(["-"]))
    assert article.outlet == "themoscowtimes.com" and article.source_path == "<stdin>"


def test_input_format_overrides_extension(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    [as_text] = list(read_paths([str(tmp_path / "page.txt")]))
    [as_html] = list(read_paths([str(tmp_path / "page.txt")], input_format="html"))
    assert "<p>" in as_text.text
    assert "<p>" not in as_html.text and as_html.published == "2022-05-04"
    [as_htm] = list(read_paths([str(tmp_path / "page.txt")], input_format="HTM"))
    assert as_htm.text == as_html.text
    with pytest.raises(ValueError, match="unknown input format"):
        read_paths([str(tmp_path / "page.txt")], input_format="pdf")  # refused before reading


# -- language, dedup, dates --------------------------------------------------------------


def test_language_marking() -> None:
    rows = [{"text": ENGLISH}, {"text": GERMAN}, {"text": "Kyiv, 5 May."}]
    items = list(read_bytes("\n".join(json.dumps(r) for r in rows).encode(), "x.jsonl"))
    assert [a.language for a in items] == ["en", "de", None]


def test_dedup_by_url_and_by_text(tmp_path: Path) -> None:
    rows = [
        {"text": ENGLISH, "url": "https://news.example.com/a"},
        {"text": GERMAN, "url": "http://www.news.example.com/a/#comments"},
        {"text": ENGLISH.upper().replace("  ", " ") + "\n", "url": "https://other.example.com/b"},
        {"text": GERMAN, "url": "https://other.example.com/c"},
    ]
    (tmp_path / "dups.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    items = list(read_paths([str(tmp_path / "dups.jsonl")]))
    assert [a.url for a in only_articles(items)] == [
        "https://news.example.com/a",
        "https://other.example.com/c",
    ]
    problems = only_problems(items)
    assert [(p.kind, p.record) for p in problems] == [("duplicate", "line 2"), ("duplicate", "line 3")]
    assert "same URL" in problems[0].reason and "same text" in problems[1].reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("March 29, 2022", "2022-03-29"),
        ("29 March 2022", "2022-03-29"),
        ("2022-03-29T23:10:00+03:00", "2022-03-29"),
        ("Tue, 29 Mar 2022 10:00:00 GMT", "2022-03-29"),
        ("2 days ago", None),
        ("March 2022", None),
        ("", None),
        (None, None),
        ("2022-02-30", None),
    ],
)
def test_iso_date(raw: str | None, expected: str | None) -> None:
    assert iso_date(raw) == expected


def test_outlet_of() -> None:
    assert outlet_of("https://www.Reuters.com/world/x") == "reuters.com"
    assert outlet_of("not a url") is None
    assert outlet_of(None) is None


def test_bundled_sample_reads_cleanly() -> None:
    sample = Path(__file__).resolve().parents[1] / "samples"
    items = list(read_paths([str(sample)]))
    assert only_problems(items) == []
    articles = only_articles(items)
    assert len(articles) >= 5
    assert len({a.outlet for a in articles}) == len(articles)
    assert all(a.published and a.published.startswith("2022-03") for a in articles)
    assert all(a.language == "en" for a in articles)


def test_known_non_article_formats_are_named(tmp_path: Path) -> None:
    (tmp_path / "report").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://x.example.com/a</loc></url></urlset>',
        encoding="utf-8",
    )
    problems = list(read_paths([str(tmp_path)]))
    assert [(Path(p.path).name, p.kind) for p in problems] == [
        ("report", "unsupported"),
        ("sitemap.xml", "unsupported"),
    ]
    assert "PDF" in problems[0].reason


def test_readme_is_left_out_of_folders_but_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About these files\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "story.txt").write_text(GERMAN, encoding="utf-8")
    assert [a.language for a in read_paths([str(tmp_path)])] == ["de"]
    [readme] = list(read_paths([str(tmp_path / "README.md")]))
    assert readme.title == "About these files"


def test_declared_legacy_charset_and_non_english_page(tmp_path: Path) -> None:
    russian = (
        "Ночью обстреляли окраину города, сообщили местные власти в понедельник. "
        "Два дома возле вокзала были разрушены, жители укрывались в подвалах."
    )
    page = (
        '<html><head><meta charset="windows-1251"><title>Обстрел</title></head>'
        f"<body><article><p>{russian}</p><p>{russian}</p></article></body></html>"
    )
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    [article] = list(read_paths([str(tmp_path / "ru.html")]))
    assert article.language == "ru"
    assert russian in article.text
