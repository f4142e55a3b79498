"""The event trigger lexicon and the codings it carries (PLOVER, ACLED, CAMEO).

The lexicon is ``data/events/triggers.tsv`` plus any files named in the
environment variable ``CEASEFIRE_EVENT_LEXICON`` (paths separated by the OS path
separator, same format; a user entry replaces a built-in one with the same
pattern and part of speech).  Each entry has a stable name, ``"<pos>:<pattern>"``
(e.g. ``"N:drone strike"``), which events carry in their ``entry`` field.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from ceasefire.records import PLOVER_TYPES

ACLED_TYPES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
        "Explosions/Remote violence": (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
        "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
        "Riots": ("Violent demonstration", "Mob violence"),
        "Strategic developments": (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)
VIOLENT_ACLED = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
POS_CLASSES = MappingProxyType(
    {"V": ("VERB",), "N": ("NOUN", "PROPN"), "A": ("ADJ",), "*": ("VERB", "NOUN", "PROPN", "ADJ")}
)


class LexiconError(ValueError):
    """A trigger lexicon file has a malformed line."""


@dataclass(frozen=True)
class Entry:
    pattern: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    acled_event: str | None
    acled_sub: str | None
    priority: int

    @property
    def name(self) -> str:
        return f"{self.pos}:{' '.join(self.pattern)}"

    @property
    def violent(self) -> bool:
        return self.type == "ASSAULT" or self.acled_event in VIOLENT_ACLED


def _parse_lines(text: str, origin: str) -> list[Entry]:
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 7:
            raise LexiconError(
                f"{origin}:{lineno}: expected 7 tab-separated columns, got {len(cols)}: {line!r}"
            )
        pattern, pos, typ, mode, ev, sub, prio = cols
        if pos not in POS_CLASSES:
            raise LexiconError(f"{origin}:{lineno}: part of speech must be V, N, A or *, not {pos!r}")
        if typ not in PLOVER_TYPES:
            raise LexiconError(f"{origin}:{lineno}: {typ!r} is not a PLOVER type")
        ev_v = None if ev == "-" else ev
        sub_v = None if sub == "-" else sub
        if ev_v is not None and (ev_v not in ACLED_TYPES or (sub_v and sub_v not in ACLED_TYPES[ev_v])):
            raise LexiconError(f"{origin}:{lineno}: unknown ACLED coding {ev!r} / {sub!r}")
        if not prio.isdigit():
            raise LexiconError(f"{origin}:{lineno}: priority must be a whole number, not {prio!r}")
        entries.append(
            Entry(
                tuple(pattern.lower().split()),
                pos,
                typ,
                None if mode == "-" else mode,
                ev_v,
                sub_v,
                int(prio),
            )
        )
    return entries


@functools.cache
def _lexicon(extra: str) -> dict[str, tuple[Entry, ...]]:
    text = resources.files("ceasefire.data.events").joinpath("triggers.tsv").read_text(encoding="utf-8")
    merged: dict[tuple[tuple[str, ...], str], Entry] = {}
    for entry in _parse_lines(text, "triggers.tsv"):
        merged[(entry.pattern, entry.pos)] = entry
    for path in filter(None, extra.split(os.pathsep)):
        file = Path(path)
        if not file.is_file():
            raise LexiconError(f"CEASEFIRE_EVENT_LEXICON names {path!r}, which is not a file")
        for entry in _parse_lines(file.read_text(encoding="utf-8"), path):
            merged[(entry.pattern, entry.pos)] = entry
    index: dict[str, list[Entry]] = {}
    for entry in merged.values():
        index.setdefault(entry.pattern[0], []).append(entry)
    # longest patterns first, so that "drone strike" wins over "strike"
    return {k: tuple(sorted(v, key=lambda e: -len(e.pattern))) for k, v in index.items()}


def lexicon() -> dict[str, tuple[Entry, ...]]:
    """First lemma -> entries starting with it (built-in file plus ``CEASEFIRE_EVENT_LEXICON``)."""
    return _lexicon(os.environ.get("CEASEFIRE_EVENT_LEXICON", ""))


def entry_by_name(name: str | None) -> Entry | None:
    if not name or ":" not in name:
        return None
    pos, pattern = name.split(":", 1)
    for entry in lexicon().get(pattern.split()[0], ()):
        if entry.pos == pos and " ".join(entry.pattern) == pattern:
            return entry
    return None


@functools.cache
def _cameo_table() -> dict[tuple[str, str], str]:
    text = resources.files("ceasefire.data.events").joinpath("cameo.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            typ, mode, code = line.split("\t")
            table[(typ, mode)] = code.strip()
    return table


def cameo_root(plover_type: str, mode: str | None) -> str | None:
    """CAMEO root code for a PLOVER type and mode, or None where the table has none."""
    table = _cameo_table()
    return table.get((plover_type, mode or "*")) or table.get((plover_type, "*"))


@functools.cache
def modality_words() -> dict[str, str]:
    text = resources.files("ceasefire.data.events").joinpath("modality.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, effect = line.split("\t")
            out[word.lower()] = effect.strip()
    return out


@functools.cache
def non_political_words() -> dict[tuple[str, ...], str]:
    """Lemma sequences that mark crime or disaster news -> category."""
    text = resources.files("ceasefire.data.events").joinpath("non_political.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, cat = line.split("\t")
            out[tuple(word.lower().split())] = cat.strip()
    return out


@functools.cache
def grammar() -> dict[str, frozenset[str]]:
    """Word classes for the parse rules (``data/events/grammar.json``); ``zero_nouns`` keys only."""
    raw = json.loads(
        resources.files("ceasefire.data.events").joinpath("grammar.json").read_text(encoding="utf-8")
    )
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@functools.cache
def zero_nouns() -> dict[str, tuple[str, ...]]:
    """Nouns that give an explicit zero after "no" ("no casualties") -> the categories they zero."""
    raw = json.loads(
        resources.files("ceasefire.data.events").joinpath("grammar.json").read_text(encoding="utf-8")
    )
    return {k: tuple(v) for k, v in raw["zero_nouns"].items()}
