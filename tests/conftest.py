from __future__ import annotations

import pytest

from ceasefire.eval import eval_root


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole test session."""
    from ceasefire.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared_eval():
    """The shared evaluation data folder; tests that need it skip when it is absent."""
    root = eval_root()
    if root is None:
        pytest.skip("../shared/eval is not present on this machine")
    return root


@pytest.fixture(scope="session")
def default_gazetteer(tmp_path_factory):
    """Path of a built default gazetteer: the user's, only read, when it is current; else one
    built once into a temporary folder (offline, from package data)."""
    from ceasefire.resolve.gazetteer import build, default_path, is_current

    if is_current(default_path()):
        return default_path()
    target = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build(target)
    return target


@pytest.fixture
def gaz(default_gazetteer, monkeypatch):
    """The default gazetteer, opened, with the stage pointed at it for one test."""
    from ceasefire.resolve.gazetteer import open_gazetteer

    monkeypatch.setenv("CEASEFIRE_GAZETTEER", str(default_gazetteer))
    open_gazetteer.cache_clear()
    yield open_gazetteer()
    open_gazetteer.cache_clear()
