"""The reporting-cue lexicon: ``data/claims/cues.tsv`` plus any files named in ``CEASEFIRE_CUES``.

Each cue has a kind (verb, noun, phrase, hedge, falsity), the stance it gives
to what it introduces (asserts, denies, neutral), a strength (how firmly the
source commits) and whether a plain noun-phrase object can be its content.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ceasefire.records import SECTORS

CueKind = Literal["verb", "attitude", "noun", "phrase", "hedge", "falsity"]
CueStance = Literal["asserts", "denies", "neutral"]
_KINDS = ("verb", "attitude", "noun", "phrase", "hedge", "falsity")
_STANCES = ("asserts", "denies", "neutral")
_CONTENT = ("clause", "object")


class CueFileError(ValueError):
    """A cue file has a malformed line."""


@dataclass(frozen=True)
class Cue:
    cue: str
    kind: CueKind
    stance: CueStance
    strength: float
    takes_object: bool
    origin: str  # file:line it came from

    @property
    def entry(self) -> str:
        return f"cue:{self.kind}:{self.cue}"


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    phrases: dict[tuple[str, ...], Cue]
    hedges: dict[str, Cue]
    falsity: dict[str, Cue]
    attitudes: dict[str, Cue]


def _tsv_rows(lines: list[str], origin: str, width: int) -> Iterator[tuple[str, list[str]]]:
    """(``file:line``, fields) of each data line; blank and ``#`` lines skipped, wrong widths refused."""
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        where = f"{origin}:{number}"
        if len(fields) != width:
            raise CueFileError(f"{where}: expected {width} tab-separated fields, got {len(fields)}: {line!r}")
        yield where, fields


def parse_cue_lines(lines: list[str], origin: str) -> list[Cue]:
    """Cues from the lines of one TSV file; a malformed line raises :class:`CueFileError`."""
    cues = []
    for where, fields in _tsv_rows(lines, origin, 5):
        cue, kind, stance, strength, content = fields
        if not cue:
            raise CueFileError(f"{where}: empty cue")
        if kind not in _KINDS:
            raise CueFileError(f"{where}: kind {kind!r} is not one of {', '.join(_KINDS)}")
        if stance not in _STANCES:
            raise CueFileError(f"{where}: stance {stance!r} is not one of {', '.join(_STANCES)}")
        if content not in _CONTENT:
            raise CueFileError(f"{where}: content {content!r} is not one of {', '.join(_CONTENT)}")
        try:
            value = float(strength)
        except ValueError:
            raise CueFileError(f"{where}: strength {strength!r} is not a number") from None
        if not 0.0 <= value <= 1.0:
            raise CueFileError(f"{where}: strength {value} is outside 0..1")
        cues.append(Cue(cue.lower(), kind, stance, value, content == "object", where))  # type: ignore[arg-type]
    return cues


def _extra_paths() -> tuple[str, ...]:
    env = os.environ.get("CEASEFIRE_CUES", "")
    return tuple(p for p in env.split(os.pathsep) if p.strip())


def load_cues() -> CueLexicon:
    """The cue lexicon: packaged cues, then user files from ``CEASEFIRE_CUES`` (later lines win)."""
    return _load(_extra_paths())


@functools.cache
def _load(extra: tuple[str, ...]) -> CueLexicon:
    packaged = Path(__file__).resolve().parents[1] / "data" / "claims" / "cues.tsv"
    cues = parse_cue_lines(packaged.read_text(encoding="utf-8").splitlines(), "data/claims/cues.tsv")
    for path in extra:
        file = Path(path)
        if not file.is_file():
            raise CueFileError(f"CEASEFIRE_CUES names {path!r}, which is not a file")
        cues += parse_cue_lines(file.read_text(encoding="utf-8").splitlines(), str(file))
    lex = CueLexicon({}, {}, {}, {}, {}, {})
    for cue in cues:
        if cue.kind == "verb":
            lex.verbs[cue.cue] = cue
        elif cue.kind == "attitude":
            lex.attitudes[cue.cue] = cue
        elif cue.kind == "noun":
            lex.nouns[cue.cue] = cue
        elif cue.kind == "phrase":
            lex.phrases[tuple(cue.cue.split())] = cue
        elif cue.kind == "hedge":
            lex.hedges[cue.cue] = cue
        else:
            lex.falsity[cue.cue] = cue
    return lex


# --------------------------------------------------------------------------- generic sources

CountryMode = Literal["scene", "local", "none"]
_COUNTRY_MODES = ("scene", "local", "none")


@dataclass(frozen=True)
class GenericSource:
    """An unnamed source ("witnesses", "news reports", "a local official") and the actor it becomes."""

    head: str
    requires: tuple[str, ...]
    sector: str
    country: CountryMode
    code: str
    origin: str


def parse_generic_lines(lines: list[str], origin: str) -> list[GenericSource]:
    """Rows of a generic-source TSV file; a malformed line raises :class:`CueFileError`."""
    rows = []
    for where, fields in _tsv_rows(lines, origin, 5):
        head, requires, sector, country, code = fields
        if not head or not code:
            raise CueFileError(f"{where}: empty head or code")
        if sector not in SECTORS:
            raise CueFileError(f"{where}: sector {sector!r} is not one of {', '.join(SECTORS)}")
        if country not in _COUNTRY_MODES:
            raise CueFileError(f"{where}: country {country!r} is not one of {', '.join(_COUNTRY_MODES)}")
        words = () if requires == "-" else tuple(w.strip().lower() for w in requires.split("|") if w.strip())
        rows.append(GenericSource(head.lower(), words, sector, country, code.upper(), where))  # type: ignore[arg-type]
    return rows


def load_generic_sources() -> dict[str, tuple[GenericSource, ...]]:
    """Generic sources by head word: the packaged table, then files named in ``CEASEFIRE_GENERIC_SOURCES``."""
    env = os.environ.get("CEASEFIRE_GENERIC_SOURCES", "")
    return _load_generic(tuple(p for p in env.split(os.pathsep) if p.strip()))


@functools.cache
def _load_generic(extra: tuple[str, ...]) -> dict[str, tuple[GenericSource, ...]]:
    packaged = Path(__file__).resolve().parents[1] / "data" / "claims" / "generic_sources.tsv"
    rows = parse_generic_lines(
        packaged.read_text(encoding="utf-8").splitlines(), "data/claims/generic_sources.tsv"
    )
    for path in extra:
        file = Path(path)
        if not file.is_file():
            raise CueFileError(f"CEASEFIRE_GENERIC_SOURCES names {path!r}, which is not a file")
        rows += parse_generic_lines(file.read_text(encoding="utf-8").splitlines(), str(file))
    by_head: dict[str, list[GenericSource]] = {}
    for row in rows:
        # a later row with the same head and requirement replaces the earlier one
        kept = [r for r in by_head.get(row.head, []) if r.requires != row.requires]
        by_head[row.head] = [row, *kept]
    return {head: tuple(found) for head, found in by_head.items()}


# --------------------------------------------------------------------------- source lines


@dataclass(frozen=True)
class SourceLines:
    """How to recognise a line that only names a source ("As reported by X with reference to Y.")."""

    leads: tuple[str, ...]
    references: tuple[str, ...]
    lead_lines: int  # a source line among the first N lines also covers the lines before it
    following_lines: int  # how many lines after it it covers at most


@functools.cache
def load_source_lines() -> SourceLines:
    """The packaged ``data/claims/source_lines.json``; a malformed file raises :class:`CueFileError`."""
    path = Path(__file__).resolve().parents[1] / "data" / "claims" / "source_lines.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        leads = tuple(str(w).lower() for w in raw["leads"])
        references = tuple(str(w).lower() for w in raw["references"])
        lead_lines, following = int(raw["lead_lines"]), int(raw["following_lines"])
    except (ValueError, KeyError, TypeError) as exc:
        raise CueFileError(f"{path}: not a valid source-lines file: {exc}") from None
    # longest first, so that "as reported by" wins over "reported by"
    return SourceLines(
        tuple(sorted(leads, key=len, reverse=True)),
        tuple(sorted(references, key=len, reverse=True)),
        lead_lines,
        following,
    )
