"""The event evaluations run end to end on the shared data (skipped where it is absent)."""

from __future__ import annotations

import pytest

from ceasefire.eval import run
from ceasefire.eval.acled import states_fatalities
from ceasefire.eval.case2021 import SUB_TO_CASE
from ceasefire.extract.coding import ACLED_TYPES

KEYS = {
    "case2021": ("weighted_f1", "macro_f1"),
    "plover": ("type_accuracy", "mode_accuracy", "actor_country_accuracy", "target_country_accuracy"),
    "acled": ("event_type_accuracy", "sub_event_type_accuracy", "fatalities_exact", "location_25km"),
    "wikievents": ("trigger_f1", "argument_f1"),
}


def check(metrics: dict, name: str, n: int) -> None:
    assert metrics["dataset"] == name
    assert metrics["n"] == n
    for key in KEYS[name]:
        value = metrics[key]
        assert value is None or 0.0 <= value <= 1.0, (key, value)
    assert not metrics.get("stage_errors"), metrics.get("stage_errors")


@pytest.mark.parametrize(
    ("name", "limit"), [("case2021", 20), ("plover", 20), ("acled", 20), ("wikievents", 2)]
)
def test_eval_quick(shared_eval, name, limit):
    metrics = run(name, limit=limit)
    check(metrics, name, limit)
    assert metrics[KEYS[name][0]] > 0.0


@pytest.mark.slow
@pytest.mark.parametrize("name", ["case2021", "plover", "acled", "wikievents"])
def test_eval_full(shared_eval, name):
    metrics = run(name)
    check(metrics, name, metrics["n"])
    assert metrics["n"] > 0


def test_every_acled_sub_event_has_a_case_label():
    subs = {sub for subs in ACLED_TYPES.values() for sub in subs}
    assert subs == set(SUB_TO_CASE)


def test_states_fatalities_reads_the_note_not_our_output():
    assert states_fatalities("On 3 May, gunmen killed 4 traders near the market.")
    assert states_fatalities("Clashes took place; no fatalities were reported.")
    assert not states_fatalities("On 3 May, demonstrators marched to the town hall.")


def test_plover_intentions_are_agree_or_threaten(nlp):
    from ceasefire.eval.plover import plover_type
    from ceasefire.nlp import sentences_of
    from ceasefire.pipeline import Context, get_stage
    from ceasefire.records import Article

    def main_of(text: str):
        doc = nlp(text)
        ctx = Context(article=Article(id="t", text=text), doc=doc, sentences=sentences_of(doc))
        get_stage("events")(ctx)
        from ceasefire.extract.events import main_event

        return main_event(ctx.events, ctx.doc)

    assert plover_type(main_of("The ministry said it will withdraw its observers next week.")) == "AGREE"
    assert plover_type(main_of("The rebels said they would blockade the port.")) == "THREATEN"
