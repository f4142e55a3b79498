"""``ceasefire report``: Markdown and HTML with contradicting claims side by side."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from test_link import clash_reports
from test_link_helpers import make_db, run_cli


def _incident_id(db: str) -> str:
    out = run_cli("incidents", "--db", db, "--format", "jsonl")
    return json.loads(out.stdout.splitlines()[0])["id"]


def test_markdown_report_puts_assertion_and_denial_in_one_row(tmp_path):
    db = make_db(tmp_path / "x.db", clash_reports())
    result = run_cli("report", _incident_id(db), "--db", db)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "| asserts | denies |" in text
    row = next(line for line in text.splitlines() if line.startswith("| **ARM-MOD**"))
    assert "**AZE-MOD**" in row, "the contradicting claims share one table row"
    assert row.index("ARM-MOD") < row.index("AZE-MOD"), "the assertion comes first, the denial second"
    assert "denied that its forces attacked Velmora" in row
    assert "https://azerland-daily.example/n-2#:~:text=" in row, "the link opens the article at the sentence"
    assert "3 killed, 14 wounded" in text and "3 killed, 15 wounded" in text


def test_html_report_is_a_page_with_side_by_side_claims(tmp_path):
    db = make_db(tmp_path / "x.db", clash_reports())
    out = tmp_path / "report.html"
    result = run_cli("report", "--db", db, "--country", "ARM", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.depth = 0

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag == "td" and self.rows:
                self.rows[-1].append("")

        def handle_data(self, data):
            if self.rows and self.rows[-1]:
                self.rows[-1][-1] += data

    parser = Cells()
    parser.feed(page)
    pair = [r for r in parser.rows if len(r) == 2 and r[0].strip().startswith("ARM-MOD")]
    assert pair and pair[0][1].strip().startswith("AZE-MOD")
    assert 'href="https://arvenia-news.example/n-1"' in page


def test_report_needs_an_incident_or_a_filter(tmp_path):
    db = make_db(tmp_path / "x.db", clash_reports())
    assert run_cli("report", "--db", db).exit_code != 0
    missing = run_cli("report", "inc-000000000000", "--db", db)
    assert missing.exit_code == 1 and "no incident" in missing.output
