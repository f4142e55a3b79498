"""The offline gazetteer: name folding, GeoNames imports, lookups, and the command."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile

import pytest

from ceasefire.resolve.gazetteer import (
    Gazetteer,
    GazetteerError,
    fold,
    import_dump,
    is_current,
    one_edit,
    open_gazetteer,
)


def geonames_row(gid, name, alternates, lat, lon, fcode="PPL", cc="ZZ", admin1="01", pop=0) -> str:
    fclass = "A" if fcode.startswith("ADM") else "P"
    cols = [str(gid), name, name, ",".join(alternates), str(lat), str(lon), fclass, fcode, cc, "", admin1]
    cols += ["", "", "", str(pop), "", "100", "Asia/Test", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


TINY = "\n".join(
    [
        geonames_row(9000001, "Velmora", ["Velmorah", "Vəlmora"], 41.1, 45.2, pop=900),
        geonames_row(9000002, "Ostrach", ["Ostrakh"], 41.3, 45.6, pop=12000),
        geonames_row(9000003, "Tarsin Province", [], 41.2, 45.4, fcode="ADM1"),
        geonames_row(9000004, "Daro", [], 41.0, 45.0, pop=300),
    ]
)


@pytest.fixture
def tiny(tmp_path):
    src = tmp_path / "ZZ.txt"
    src.write_text(TINY + "\n", encoding="utf-8")
    return src


def test_fold_meets_transliterations():
    assert fold("Fərrux") == fold("Farrukh") == fold("Farukh")
    assert fold("P’arrukh") == fold("Parukh")
    assert fold("Qarabağ") == fold("Karabagh")
    assert fold("Şuşa") == fold("Shusha")
    assert fold("the Gaza Strip") == fold("Gaza Strip")
    assert fold("Kharkiv") != fold("Kherson")


def test_one_edit():
    assert one_edit("farukh", "parukh")
    assert one_edit("farukh", "furukh")
    assert one_edit("farukh", "faruk")
    assert not one_edit("farukh", "farukh")
    assert not one_edit("farukh", "parukk")


def test_import_tiny_dump_and_find_variants(tiny, tmp_path):
    path = tmp_path / "g.sqlite"
    result = import_dump(tiny, path)
    assert result["rows"] == 4 and result["new_places"] == 4
    gaz = Gazetteer(path)
    for spelling in ("Velmora", "Velmorah", "Vəlmora", "VELMORA"):
        assert [e.gid for e in gaz.lookup(spelling)] == ["geonames:9000001"]
    assert gaz.lookup("Ostrakh")[0].population == 12000
    assert gaz.admin1_name("ZZ", "01") == "Tarsin Province"
    assert gaz.lookup("Nowhereville") == []
    gaz.close()


def test_reimport_adds_nothing(tiny, tmp_path):
    path = tmp_path / "g.sqlite"
    import_dump(tiny, path)
    again = import_dump(tiny, path)
    assert again["rows"] == 4
    assert again["new_places"] == 0 and again["new_names"] == 0


def test_import_zip(tiny, tmp_path):
    archive = tmp_path / "ZZ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(tiny, "ZZ.txt")
    path = tmp_path / "g.sqlite"
    assert import_dump(archive, path)["new_places"] == 4
    assert Gazetteer(path).lookup("Ostrach")


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ("9000009\tBroken\tBroken\t\t41.0", "line 3: 5 tab-separated columns"),
        (geonames_row(9000009, "Broken", [], "north", 45.0), "line 3: id, latitude"),
        (geonames_row(9000009, "Broken", [], 141.0, 45.0), "line 3: coordinates out of range"),
    ],
)
def test_corrupt_dump_is_refused_and_changes_nothing(tmp_path, tiny, bad_line, message):
    path = tmp_path / "g.sqlite"
    import_dump(tiny, path)
    rows = TINY.splitlines()
    corrupt = tmp_path / "bad.txt"
    corrupt.write_text("\n".join([rows[0].replace("9000001", "9000011"), rows[1], bad_line]) + "\n")
    with pytest.raises(GazetteerError, match=message):
        import_dump(corrupt, path)
    gaz = Gazetteer(path)
    assert gaz.get("geonames:9000011") is None  # the good first line was rolled back too
    gaz.close()


def test_fuzzy_stays_inside_the_country(tiny, tmp_path):
    path = tmp_path / "g.sqlite"
    import_dump(tiny, path)
    gaz = Gazetteer(path)
    assert [e.name for e in gaz.fuzzy("Welmora", "ZZ")] == ["Velmora"]
    assert gaz.fuzzy("Welmora", "FR") == []
    assert gaz.lookup("Daro") and gaz.fuzzy("Dary", "ZZ") == []  # one edit away, but too short to guess
    gaz.close()


def test_not_a_gazetteer_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(GazetteerError, match="not a ceasefire gazetteer"):
        Gazetteer(other)
    with pytest.raises(GazetteerError, match="gazetteer build"):
        Gazetteer(tmp_path / "missing.sqlite")
    assert not is_current(other)


def test_default_gazetteer_knows_countries_regions_and_cities(default_gazetteer):
    gaz = Gazetteer(default_gazetteer)
    ukraine = gaz.lookup("Ukraine")
    assert any(e.feature == "country" and e.iso3 == "UKR" for e in ukraine)
    karabakh = [e for e in gaz.lookup("Nagorno Karabakh") if e.feature == "region"]
    assert karabakh and 39 < karabakh[0].lat < 41 and 46 < karabakh[0].lon < 48
    kharkiv = [e for e in gaz.lookup("Kharkov") if e.country == "UA"]
    assert kharkiv and kharkiv[0].population > 1_000_000
    gaz.close()


def test_az_dump_brings_farukh(shared_eval, default_gazetteer, tmp_path):
    path = tmp_path / "g.sqlite"
    shutil.copy(default_gazetteer, path)
    import_dump(shared_eval / "geo" / "gazetteer" / "AZ.txt", path)
    gaz = Gazetteer(path)
    ids = {e.gid for spelling in ("Farukh", "Farrukh", "Fərrux") for e in gaz.lookup(spelling, "AZ")}
    assert len(ids) == 1
    gaz.close()
    open_gazetteer.cache_clear()


def test_command_lookup_and_stats(tiny, tmp_path):
    from typer.testing import CliRunner

    from ceasefire.cli import _load_commands, app

    _load_commands()
    path = tmp_path / "g.sqlite"
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "import", str(tiny), "--path", str(path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["gazetteer", "lookup", "VELMORAH", "--path", str(path)])
    assert result.exit_code == 0 and '"geonames:9000001"' in result.output
    result = runner.invoke(app, ["gazetteer", "stats", "--path", str(path)])
    assert '"places": 4' in result.output
    bad = tmp_path / "bad.txt"
    bad.write_text("only\tthree\tcolumns\n")
    result = runner.invoke(app, ["gazetteer", "import", str(bad), "--path", str(path)])
    assert result.exit_code == 1
