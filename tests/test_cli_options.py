"""Global options: user knowledge files given on the command line reach the stages."""

from __future__ import annotations

import json
import subprocess
import sys


def _run(*args: str, stdin: str = "", env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("CEASEFIRE_")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "ceasefire", *args], input=stdin, capture_output=True, text=True, env=env
    )


ARTICLE = json.dumps(
    {
        "id": "opt-1",
        "published": "2024-05-02",
        "text": "The Blue Fox Brigade said on Tuesday that its fighters had left the ridge.",
    }
)


def _actor_ids(out: str) -> set[str]:
    doc = json.loads(out.splitlines()[0])
    return {a["id"] for a in doc["actors"]}


def test_actors_option_adds_a_user_actor(tmp_path):
    table = tmp_path / "mine.tsv"
    table.write_text(
        "id\tcanonical\tcountry\tsector\tkind\taliases\tvalid_from\tvalid_to\toffice\n"
        "GEO-REB-BLUEFOX\tGeorgia: Blue Fox Brigade\tGEO\trebels\tgroup\tBlue Fox Brigade|Blue Foxes\t\t\t\n"
    )
    without = _run("extract", "-", "--format", "jsonl", "-q", stdin=ARTICLE)
    assert without.returncode == 0, without.stderr
    assert "GEO-REB-BLUEFOX" not in _actor_ids(without.stdout)

    with_file = _run("--actors", str(table), "extract", "-", "--format", "jsonl", "-q", stdin=ARTICLE)
    assert with_file.returncode == 0, with_file.stderr
    assert "GEO-REB-BLUEFOX" in _actor_ids(with_file.stdout)


def test_a_missing_knowledge_file_is_a_usage_error(tmp_path):
    result = _run("--actors", str(tmp_path / "absent.tsv"), "extract", "-", stdin=ARTICLE)
    assert result.returncode == 2
    assert "absent.tsv" in result.stderr
