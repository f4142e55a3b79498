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
