from __future__ import annotations

import json

import pytest

from ceasefire.nlp import check_model, sentences_of
from ceasefire.nlp import model as model_mod


def test_md_model_is_installed_and_matches_its_pins():
    status = check_model("md")
    assert status.installed
    assert status.hashes_ok, status.mismatched


def test_a_changed_model_file_is_refused(monkeypatch):
    manifest = json.loads(json.dumps(model_mod._manifest()))
    first = next(iter(manifest["md"]["files"]))
    manifest["md"]["files"][first] = "0" * 64
    monkeypatch.setattr(model_mod, "_manifest", lambda: manifest)
    status = check_model("md")
    assert not status.hashes_ok and status.mismatched == [first]
    with pytest.raises(model_mod.ModelError, match="differ from the pinned release"):
        model_mod._load_checked("md")


def test_sentences_carry_offsets_into_the_text(nlp):
    text = "Shelling hit the town on Monday.  The ministry denied it. Two people died."
    sents = sentences_of(nlp(text))
    assert [text[s.start : s.end] for s in sents] == [
        "Shelling hit the town on Monday.",
        "The ministry denied it.",
        "Two people died.",
    ]
