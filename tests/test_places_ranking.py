"""Ranking of namesakes: "City, State", divisions over their namesake cities, world regions, sites."""

from __future__ import annotations

from ceasefire.nlp import sentences_of
from ceasefire.pipeline import Context
from ceasefire.records import Article
from ceasefire.resolve.places import is_site_name, places_stage, resolve
from stage_helpers import mentions_of, picked


def test_city_comma_state_puts_the_city_in_that_state(gaz):
    text = "Flooding closed schools in Paris, Texas, on Monday."
    p = picked(text, gaz, "Paris", "Texas")
    assert p["Paris"].country == "US" and p["Texas"].feature == "admin1"
    assert p["Paris"].admin1 == p["Texas"].admin1
    # without the state the bare name is the French capital
    alone = picked("Flooding closed schools in Paris on Monday.", gaz, "Paris")
    assert alone["Paris"].country == "FR"


def test_comma_pattern_also_chooses_the_state(gaz):
    text = "The mayor of Atlanta, Georgia, met farmers."
    p = picked(text, gaz, "Atlanta", "Georgia")
    assert p["Georgia"].country == "US" and p["Georgia"].feature == "admin1"
    # no comma between them: no containment is read into "Atlanta and Georgia"
    loose = picked("Talks in Tbilisi and Georgia's west.", gaz, "Tbilisi", "Georgia")
    assert loose["Georgia"].country == "GE"


def test_a_state_is_not_its_namesake_city_without_city(gaz):
    p = picked("Wheat prices rose across Kansas this week.", gaz, "Kansas")
    assert p["Kansas"].feature == "admin1" and p["Kansas"].country == "US"
    city = picked("Fans in Kansas City cheered.", gaz, "Kansas City")
    assert city["Kansas City"].feature == "city"


def test_named_division_outweighs_population(gaz):
    text = "Deputies in Colorado searched Louisville after the storm; Boulder was spared."
    p = picked(text, gaz, "Colorado", "Louisville", "Boulder")
    assert p["Louisville"].admin1 == p["Colorado"].admin1
    assert picked("Fans in Louisville celebrated.", gaz, "Louisville")["Louisville"].population > 500_000


def test_seas_and_world_regions_beat_small_namesakes(gaz):
    p = picked(
        "Storms over the Pacific delayed ships bound for North Africa and the Gulf of Mexico.",
        gaz,
        "Pacific",
        "North Africa",
        "Gulf of Mexico",
    )
    assert p["Pacific"].feature == "water"
    assert p["North Africa"].feature == "region" and 20 < p["North Africa"].lat < 35
    assert p["Gulf of Mexico"].feature == "water" and p["Gulf of Mexico"].lon < -80


def test_division_point_lies_inside_the_division(gaz):
    (ontario,) = [e for e in gaz.lookup("Ontario") if e.feature == "admin1"]
    # the province's reference point, not the middle of a box that reaches Hudson Bay and Lake Erie
    assert 46 < ontario.lat < 52 and -92 < ontario.lon < -78


def test_site_names():
    assert is_site_name("Royal Street") and is_site_name("Rue Casa Calvo") and is_site_name("Mercy Hospital")
    assert not is_site_name("Street") and not is_site_name("Springfield") and not is_site_name("the street")


def test_unknown_street_lies_in_the_town_of_the_article(nlp, gaz):
    text = (
        "Police in Nashville closed shops on Quillmore Street after a shooting. "
        "Nashville officials said the street would reopen on Friday."
    )
    doc = nlp(text)
    ctx = Context(article=Article(id="t", text=text), doc=doc, sentences=sentences_of(doc))
    places_stage(ctx)
    town = next(p for p in ctx.places if p.canonical == "Nashville")
    street = ctx.place_at(text.index("Quillmore"), text.index("Quillmore") + len("Quillmore Street"))
    assert street is not None and street.feature == "site" and street.precision == "near"
    assert (street.lat, street.lon) == (town.lat, town.lon) and street.id.startswith("local:")
    # with no town in the article a street is not placed anywhere
    ms = mentions_of("Crowds gathered on Quillmore Street.", "Quillmore Street")
    assert resolve(ms, gaz, text="Crowds gathered on Quillmore Street.") == [None]


def test_a_name_holding_a_known_place_lies_there(gaz):
    text = "Divers searched Lake Manassas after the storm in Virginia."
    ms = mentions_of(text, "Lake Manassas", "Virginia")
    p = dict(zip([m.query for m in ms], resolve(ms, gaz, text=text), strict=True))
    lake, town = p["Lake Manassas"], gaz.lookup("Manassas", "US")[0]
    assert lake is not None and lake.host == town.gid and (lake.lat, lake.lon) == (town.lat, town.lon)
    assert lake.gid.startswith("local:") and lake.name == "Lake Manassas" and lake.feature == "site"
    # a name that only starts with a state's name is another place, not a site of that state
    assert resolve(mentions_of("Volunteers reached Kentucky Narrows by noon.", "Kentucky Narrows"), gaz) == [
        None
    ]
    # a direction word narrows a division without making it another kind of place
    north = resolve(mentions_of("Rain fell across northern areas of Western Ohio.", "Western Ohio"), gaz)[0]
    assert north is not None and north.feature == "admin1" and north.country == "US"
    # a part that is only a small namesake abroad is not a reason to place it there
    text = "Crowds filled Brands Hatch for the race in Kent, England."
    ms = mentions_of(text, "Brands Hatch", "Kent", "England")
    got = dict(zip([m.query for m in ms], resolve(ms, gaz, text=text), strict=True))
    assert got["Brands Hatch"] is None or got["Brands Hatch"].country == "GB"


def test_names_read_together_share_a_division(gaz):
    # three towns that all have namesakes in one state pull each other there
    text = "Crews from Tyler, Athens and Palestine rebuilt the bridge."
    ms = mentions_of(text, "Tyler", "Athens", "Palestine")
    together = dict(zip([m.query for m in ms], resolve(ms, gaz, text=text), strict=True))
    assert {together[n].country for n in ("Tyler", "Athens", "Palestine")} == {"US"}
    assert len({together[n].admin1 for n in ("Tyler", "Athens", "Palestine")}) == 1
    alone = resolve(mentions_of("Tourists filled Athens.", "Athens"), gaz)[0]
    assert alone.country == "GR"
