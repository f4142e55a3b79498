"""Readings that depend on the article: short forms read in their country's context, and names that
settle on one another's reading."""

from __future__ import annotations

from ceasefire.resolve.places import context_abbreviations
from stage_helpers import picked


def test_short_forms_follow_the_article_country(gaz):
    text = "Miners marched in Johannesburg and Pretoria. Unemployment in SA has risen for a year."
    assert picked(text, gaz, "Johannesburg", "Pretoria", "SA")["SA"].feature == "country"
    assert picked(text, gaz, "Johannesburg", "Pretoria", "SA")["SA"].country == "ZA"
    text = "Fires burned near Perth and Bunbury. Crews across WA were on alert."
    wa = picked(text, gaz, "Perth", "Bunbury", "WA")["WA"]
    assert wa.country == "AU" and wa.feature == "admin1" and wa.lon < 130
    text = "Rain fell on Seattle and Spokane. Roads across WA were closed."
    wa = picked(text, gaz, "Seattle", "Spokane", "WA")["WA"]
    assert wa.country == "US" and wa.feature == "admin1"
    text = "A man was arrested in Myrtle Beach, SC on Monday."
    sc = picked(text, gaz, "Myrtle Beach", "SC")["SC"]
    assert sc.country == "US" and sc.feature == "admin1" and 32 < sc.lat < 35.5


def test_a_short_form_alone_is_not_guessed(gaz):
    assert picked("Officials in SA said little.", gaz, "SA")["SA"] is None
    # "SA" in a story about Germany is none of its readings
    text = "Police in Berlin and Hamburg said the SA march was banned."
    assert picked(text, gaz, "Berlin", "Hamburg", "SA")["SA"] is None


def test_context_table_is_well_formed():
    table = context_abbreviations()
    assert ("ZA", None, frozenset({"ZA"})) in table["SA"] and ("AU", "05", frozenset({"AU"})) in table["SA"]
    # words that are also postal codes stay out
    assert not {"IN", "OR", "ME", "LA"} & set(table)


def test_names_settle_on_a_shared_country(gaz):
    # each name alone would go to its larger namesake abroad; read together they are the Irish towns
    text = "The accused was arrested in Dundalk and sent to the Central Mental Hospital in Dundrum."
    p = picked(text, gaz, "Dundalk", "Dundrum")
    assert p["Dundalk"].country == "IE" and p["Dundrum"].country == "IE"


def test_a_state_named_otherwise_is_the_bare_name_too(gaz):
    text = "SPOKANE, Wash. - Crews spent the week at home in Washington before flying to Denver."
    p = picked(text, gaz, "SPOKANE", "Wash.", "Washington", "Denver")
    assert p["Wash."].feature == "admin1"
    assert p["Washington"].feature == "admin1" and p["Washington"].lon < -115
    # without the state named otherwise, the bare name is still the capital
    text = "Talks in Washington ended as diplomats flew back to Denver."
    assert picked(text, gaz, "Washington", "Denver")["Washington"].feature == "city"


def test_a_town_named_with_its_county_lies_in_that_county(gaz):
    text = "Floods hit Richmond, North Yorkshire, and the A1 was closed."
    richmond = picked(text, gaz, "Richmond", "North Yorkshire")["Richmond"]
    assert richmond.country == "GB" and richmond.lat > 54


def test_a_capital_of_a_country_the_article_names(gaz):
    text = "Buyers from France met in Paris to buy wheat grown near Dallas, Texas."
    p = picked(text, gaz, "France", "Paris", "Dallas", "Texas")
    assert p["Paris"].country == "FR" and p["Dallas"].country == "US"


def test_a_big_city_airport_outranks_a_namesake_hamlet(gaz):
    text = "Travellers from Tokyo and Dubai were stranded at Heathrow overnight."
    heathrow = picked(text, gaz, "Tokyo", "Dubai", "Heathrow")["Heathrow"]
    assert heathrow.country == "GB" and heathrow.feature == "site"


def test_a_sizeable_town_abroad_is_no_guess(gaz):
    text = "After shows in Nashville and Memphis, the tribute act comes to Stevenage on Friday."
    town = picked(text, gaz, "Nashville", "Memphis", "Stevenage")["Stevenage"]
    assert town is not None and town.country == "GB"


def test_only_the_capital_itself_is_a_capital(gaz):
    washingtons = [e for e in gaz.lookup("Washington", "US") if e.feature in ("city", "town", "village")]
    assert len(washingtons) > 5
    capitals = [e for e in washingtons if e.fcode == "PPLC"]
    assert len(capitals) == 1 and capitals[0].admin1 == "DC"


def test_a_state_listed_with_states_is_not_the_capital(gaz):
    text = "Jobs moved from western states such as California or Washington to Texas."
    p = picked(text, gaz, "California", "Washington", "Texas")
    assert p["Washington"].feature == "admin1" and p["Washington"].lon < -115


def test_epithets_of_countries_need_their_country_in_the_story(gaz):
    text = "Tehran raised oil exports; Iran says the Islamic Republic will keep selling to India."
    p = picked(text, gaz, "Tehran", "Iran", "Islamic Republic", "India")
    assert p["Islamic Republic"].country == "IR" and p["Islamic Republic"].feature == "country"
    text = "Patients from Derry and Belfast, and some from the Republic, use the unit."
    assert picked(text, gaz, "Derry", "Belfast", "Republic")["Republic"].country == "IE"
    text = "Voters in Brazil and Chile backed the Republic in the poll."
    assert picked(text, gaz, "Brazil", "Chile", "Republic")["Republic"] is None


def test_generic_division_names_need_their_country(gaz):
    text = "Moscow warned Washington as relations between Russia and the West soured."
    assert picked(text, gaz, "Moscow", "Russia", "West")["West"] is None
    text = "Farmers in Bamenda and Douala said roads in the West were cut."
    west = picked(text, gaz, "Bamenda", "Douala", "West")["West"]
    assert west is not None and west.country == "CM" and west.feature == "admin1"
