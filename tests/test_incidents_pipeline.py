"""End to end: invented articles through the whole pipeline, ``ceasefire ingest`` links them."""

from __future__ import annotations

import json

from test_link_helpers import run_cli

ARTICLES = [
    {
        "id": "e2e-1",
        "url": "https://yerevan-courier.example/1",
        "outlet": "yerevan-courier.example",
        "published": "2022-03-26",
        "title": "Three soldiers killed in drone strike near Farukh",
        "text": "Three Armenian soldiers were killed and 15 wounded when Azerbaijani drones struck positions "
        "near the village of Farukh on Friday, Armenia's Defence Ministry said. "
        "The ministry said Azerbaijani troops had entered the village.",
    },
    {
        "id": "e2e-2",
        "url": "https://baku-post.example/2",
        "outlet": "baku-post.example",
        "published": "2022-03-27",
        "title": "Baku denies entering Farukh",
        "text": "Azerbaijan's Defence Ministry on Saturday denied that its troops had entered the village of Farukh. "
        "Separatist officials said three soldiers were killed and 14 wounded in the drone strike near Farukh "
        "on Friday.",
    },
]


def test_ingest_links_two_contradicting_reports(tmp_path, nlp):
    src = tmp_path / "articles.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = str(tmp_path / "e2e.db")
    ingest = run_cli("ingest", str(src), "--db", db, "--quiet")
    assert ingest.exit_code == 0, ingest.output
    incidents = [
        json.loads(x) for x in run_cli("incidents", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    strike = [i for i in incidents if i["type"] == "ASSAULT" and set(i["articles"]) == {"e2e-1", "e2e-2"}]
    assert len(strike) == 1, incidents
    disputes = [
        json.loads(x) for x in run_cli("disputes", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    figures = [d for d in disputes if d["kind"] == "figures" and d["incident"] == strike[0]["id"]]
    assert figures
    given = {(s["figure"]["killed"], s["figure"]["wounded"]) for s in figures[0]["sides"]}
    assert {(3, 15), (3, 14)} <= given
    assert any(d["kind"] == "stance" for d in disputes)
