"""The actors stage on short reports written for these tests."""

from __future__ import annotations

import pytest

from ceasefire.pipeline import Context
from ceasefire.resolve.actor_kb import ActorKBError, default_kb, load_kb, read_named_file
from stage_helpers import actor_at, run_stages


def run(nlp, text: str, published: str | None = "2022-03-28") -> Context:
    return run_stages(nlp, text, ("actors",), published)


at = actor_at


REPORT = (
    "Armenia urged Moscow on Monday to ensure the withdrawal of Azerbaijani troops from the village. "
    "Armenia's Foreign Ministry said the Azerbaijani side had broken the truce. "
    "The Russian Defense Ministry said Azerbaijani forces had entered the area patrolled by Russian "
    'peacekeepers. "Talks are under way to settle the situation," it said. '
    "The Kremlin declined to comment."
)


def test_moscow_times_style_report(nlp):
    ctx = run(nlp, REPORT)
    moscow = at(ctx, "Moscow")
    assert (moscow.country, moscow.sector) == ("RUS", "government")
    mod = at(ctx, "Russian Defense Ministry")
    assert mod.country == "RUS" and mod.sector in ("government", "military")
    assert at(ctx, "it said") is mod  # the pronoun after the quote is the ministry
    kremlin = at(ctx, "Kremlin")
    assert (kremlin.country, kremlin.sector) == ("RUS", "government")
    mfa = at(ctx, "Armenia's Foreign Ministry")
    assert (mfa.country, mfa.sector) == ("ARM", "government")
    assert mfa.id != at(ctx, "Armenia urged").id  # the ministry is more specific than the state
    troops = at(ctx, "Azerbaijani troops")
    assert (troops.country, troops.sector) == ("AZE", "military")
    assert at(ctx, "Azerbaijani forces") is troops
    side = at(ctx, "Azerbaijani side")
    assert (side.country, side.sector) == ("AZE", "government")
    pko = at(ctx, "Russian peacekeepers")
    assert (pko.country, pko.sector) == ("RUS", "peacekeepers")


def test_spans_are_exact_and_evidence_points_at_first_mention(nlp):
    ctx = run(nlp, REPORT)
    mfa = at(ctx, "Armenia's Foreign Ministry")
    start = ctx.text.index("Armenia's Foreign Ministry")
    assert [start, start + len("Armenia's Foreign Ministry")] in [list(s) for s in mfa.spans]
    assert mfa.name == "Armenia's Foreign Ministry"
    assert mfa.evidence.start <= start < mfa.evidence.end
    assert mfa.entry


def test_capital_as_agent_but_not_as_place(nlp):
    ctx = run(nlp, "Protesters gathered in Moscow on Sunday. Later Moscow said it would not change course.")
    assert at(ctx, "Moscow", 0) is None
    assert at(ctx, "Moscow", 1).country == "RUS"


def test_same_state_one_actor_with_every_mention(nlp):
    ctx = run(nlp, "Baku rejected the offer. Azerbaijan said the talks were over.")
    baku, aze = at(ctx, "Baku"), at(ctx, "Azerbaijan")
    assert baku is aze and len(aze.spans) == 2


def test_body_tied_by_of_and_in(nlp):
    ctx = run(
        nlp, "The Ministry of Defence of Azerbaijan denied it. The health ministry in Gaza gave a toll."
    )
    aze = at(ctx, "Ministry of Defence of Azerbaijan")
    assert (aze.country, aze.id) == ("AZE", "AZE-GOV-MOD")
    gaza = at(ctx, "health ministry in Gaza")
    assert gaza.country == "PSE" and gaza.sector == "government"


def test_igos_ngos_and_armed_groups(nlp):
    text = (
        "Human Rights Watch said Malian soldiers and Wagner fighters killed civilians. "
        "The UN Security Council met, and Hamas and the self-proclaimed Donetsk People's Republic issued statements."
    )
    ctx = run(nlp, text)
    hrw = at(ctx, "Human Rights Watch")
    assert (hrw.country, hrw.sector) == (None, "ngo")
    assert (at(ctx, "UN Security Council").country, at(ctx, "UN Security Council").sector) == (None, "igo")
    assert at(ctx, "Malian soldiers").country == "MLI"
    assert at(ctx, "Wagner").country == "RUS"
    assert at(ctx, "Hamas").sector == "rebels"
    assert at(ctx, "Donetsk People's Republic").country is None


def test_office_holders_follow_the_published_date(nlp):
    text = "Petro Poroshenko said the ceasefire had to hold."
    in_office = at(run(nlp, text, published="2016-05-01"), "Petro Poroshenko")
    retired = at(run(nlp, text, published="2021-05-01"), "Petro Poroshenko")
    assert in_office.id == retired.id  # the same real person
    assert (in_office.country, in_office.sector) == ("UKR", "government")
    assert (retired.country, retired.sector) == ("UKR", "person")


def test_bad_published_date_is_a_warning_not_a_guess(nlp):
    ctx = run(nlp, "Vladimir Putin spoke on Monday.", published="last spring")
    assert any("published" in w for w in ctx.warnings)
    assert at(ctx, "Vladimir Putin").country == "RUS"


def test_title_gives_an_unknown_person_a_country(nlp):
    ctx = run(nlp, "Slovak Foreign Minister Jan Horvath said he was worried.")
    person = at(ctx, "Jan Horvath")
    assert (person.country, person.sector) == ("SVK", "government")
    assert at(ctx, "he") is person


def test_demonyms_before_weapons_and_in_conjunctions(nlp):
    ctx = run(nlp, "A Russian missile strike hit the depot. Hungarian and Romanian officials agreed to talk.")
    assert at(ctx, "Russian").id == "RUS-MIL"
    assert at(ctx, "Hungarian").country == "HUN"
    assert at(ctx, "Romanian officials").country == "ROU"


def test_user_file_adds_actors(tmp_path, monkeypatch, nlp):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "id\tcanonical\tcountry\tsector\tkind\taliases\tvalid_from\tvalid_to\toffice\n"
        "GEO-REB-BLUEFOX\tGeorgia: Blue Fox Brigade\tGEO\trebels\tgroup\tBlue Fox Brigade|Blue Foxes\t\t\t\n"
    )
    kb = load_kb((str(extra),))
    assert "GEO-REB-BLUEFOX" in kb.named
    monkeypatch.setenv("CEASEFIRE_ACTORS", str(extra))
    assert "GEO-REB-BLUEFOX" in default_kb().named
    ctx = run(nlp, "The Blue Fox Brigade said it shelled the base.")
    assert at(ctx, "Blue Fox Brigade").id == "GEO-REB-BLUEFOX"


def test_user_json_file(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(
        '[{"id": "NGO-TESTWATCH", "canonical": "Test Watch", "sector": "ngo", "aliases": ["Test Watch"]}]'
    )
    rows = read_named_file(extra)
    assert rows[0].country is None and rows[0].aliases == ("Test Watch",)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("X-1\tSomething\tRUSSIA\tgovernment\tbody\tSomething\t\t\t", "alpha-3"),
        ("X-1\tSomething\tRUS\tgoverning\tbody\tSomething\t\t\t", "sector"),
        ("X-1\tSomething\tRUS\tgovernment\tbody\t\t\t\t", "aliases"),
        ("X-1\tSomething\tRUS\tgovernment\tbody\tSomething\t2020-13-01\t\t", "ISO date"),
    ],
)
def test_bad_user_file_is_a_clear_error(tmp_path, line, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "id\tcanonical\tcountry\tsector\tkind\taliases\tvalid_from\tvalid_to\toffice\n" + line + "\n"
    )
    with pytest.raises(ActorKBError, match=message) as err:
        load_kb((str(bad),))
    assert "bad.tsv:2" in str(err.value)


def test_missing_user_file_is_a_clear_error(tmp_path):
    with pytest.raises(ActorKBError, match="does not exist"):
        load_kb((str(tmp_path / "nope.tsv"),))


def test_titled_stranger_takes_the_one_country_of_the_sentence(nlp):
    ctx = run(nlp, "President Amadou Kone promised the Burkinabe people new elections.")
    person = at(ctx, "Amadou Kone")
    assert person.country == "BFA" and person.sector == "government"
    two = run(nlp, "President Amadou Kone thanked Ghana and Togo for their help.")
    assert at(two, "Amadou Kone").country is None  # two countries: no guess


def test_demonym_reaches_its_head_and_ethnic_groups_are_not_states(nlp):
    ctx = run(nlp, "Angry French paper workers blocked the bridge. Ethnic Albanians marched in Skopje.")
    assert at(ctx, "French paper workers").country == "FRA"
    assert at(ctx, "Albanians") is None


def test_unnamed_organisations_only_when_they_speak(nlp):
    ctx = run(nlp, "A human rights group said the vote was rigged. The result was read on state television.")
    group = at(ctx, "human rights group")
    assert (group.country, group.sector) == (None, "ngo")
    assert at(ctx, "state television") is None


def test_named_groups_own_forces_and_staff(nlp):
    ctx = run(nlp, "Wagner troops left the base. Arab League Secretary-General Omar Haddad urged calm.")
    assert at(ctx, "Wagner troops").id == "RUS-MIL-WAGNER"
    envoy = at(ctx, "Omar Haddad")
    assert envoy.sector == "igo" and envoy.country is None


def test_residents_of_a_town_belong_to_its_country(nlp):
    ctx = run(nlp, "Residents of Kharkiv described the night of shelling.")
    residents = at(ctx, "Residents of Kharkiv")
    assert (residents.country, residents.sector) == ("UKR", "civilians")
