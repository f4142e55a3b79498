"""Division abbreviations outside the US and adjectives naming a division ("English")."""

from __future__ import annotations

from ceasefire.resolve.gazetteer import _tsv
from stage_helpers import picked


def test_canadian_and_australian_abbreviations_name_their_division(gaz):
    p = picked(
        "Wildfires forced evacuations in Kamloops, B.C., and crews came from Alta.", gaz, "B.C.", "Alta."
    )
    assert p["B.C."].feature == "admin1" and p["B.C."].country == "CA" and p["B.C."].lon < -114
    assert p["Alta."].feature == "admin1" and p["Alta."].country == "CA"
    nb = picked("A ferry left Saint John, N.B., late on Friday.", gaz, "N.B.")["N.B."]
    assert nb.country == "CA" and nb.feature == "admin1" and nb.lat > 44
    qld = picked("Floods cut roads across Qld overnight.", gaz, "Qld")["Qld"]
    assert qld.country == "AU" and qld.feature == "admin1"


def test_english_names_england_not_the_whole_kingdom(gaz):
    p = picked("English farmers and Scottish fishermen protested the deal.", gaz, "English", "Scottish")
    assert p["English"].feature == "admin1" and p["English"].country == "GB"
    assert p["Scottish"].feature == "admin1" and p["Scottish"].lat > p["English"].lat + 2
    # the kingdom's own adjective still means the country
    assert picked("British troops left the base.", gaz, "British")["British"].feature == "country"


def test_abbreviation_table_rows_are_well_formed():
    rows = list(_tsv("admin1_abbreviations.tsv"))
    assert rows and all(len(r) == 3 and len(r[1]) == 2 and r[2] for r in rows)
    # ambiguous short forms stay out: "SA" is South Africa as often as South Australia
    assert not {r[0] for r in rows} & {"SA", "WA"}


def test_a_compound_is_not_placed_at_a_small_town_of_another_state(gaz):
    p = picked(
        "Police in New Orleans, Louisiana, closed Elysian Meadows on Sunday.",
        gaz,
        "New Orleans",
        "Louisiana",
        "Elysian Meadows",
    )
    assert p["Elysian Meadows"] is None  # not by Elysian, Minnesota
    # a namesake town near the article's other places still holds it
    q = picked(
        "Deputies in Columbus, Georgia, searched the Chattahoochee Bend after the storm.",
        gaz,
        "Columbus",
        "Georgia",
        "Chattahoochee Bend",
    )
    assert q["Chattahoochee Bend"] is not None and q["Chattahoochee Bend"].host is not None
    assert abs(q["Chattahoochee Bend"].lat - q["Columbus"].lat) < 3


def test_adjectives_of_regions_and_small_countries_resolve(gaz):
    p = picked("Latin American leaders met Saint Lucian officials.", gaz, "Latin American", "Saint Lucian")
    assert p["Latin American"].feature == "continent" and p["Latin American"].lat < 0
    assert p["Saint Lucian"].feature == "country" and p["Saint Lucian"].country == "LC"


def test_more_site_words_place_buildings_at_the_article_town(gaz):
    from ceasefire.resolve.places import is_site_name

    assert is_site_name("Harbour Parade") and is_site_name("Hotel Danubia") and is_site_name("Palais Rouge")
    assert not is_site_name("Parade")  # one word is no site name
    text = "Protesters marched from Springfield to the Riverside State Armory in Springfield, Illinois."
    p = picked(text, gaz, "Springfield", "Illinois", "Riverside State Armory")
    armory = p["Riverside State Armory"]
    assert armory is not None and armory.feature == "site" and armory.admin1 == "IL"
