"""The link stage's knowledge, read once from ``ceasefire/data/link/`` (user-editable files)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ceasefire.records import PLOVER_TYPES


class LinkDataError(ValueError):
    """A data file of the link stage is malformed; the message names the file and the problem."""


DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "link"


def _read(name: str) -> str:
    path = DATA_DIR / name
    if not path.is_file():
        raise LinkDataError(f"{path} is missing: the link stage needs its data files")
    return path.read_text(encoding="utf-8")


@cache
def families() -> MappingProxyType[str, str]:
    """PLOVER type -> family (``violence``, ``territorial``, ..., ``reaction``)."""
    raw = json.loads(_read("families.json"))
    table = {k: v for k, v in raw.items() if not k.startswith("_")}
    unknown = sorted(set(table) - set(PLOVER_TYPES))
    if unknown:
        raise LinkDataError(f"data/link/families.json: unknown PLOVER types {unknown}")
    missing = sorted(set(PLOVER_TYPES) - set(table))
    if missing:
        raise LinkDataError(f"data/link/families.json: no family for {missing}")
    return MappingProxyType(table)


def family_of(event_type: str) -> str:
    return families()[event_type]


@dataclass(frozen=True)
class Settings:
    distance_km: MappingProxyType[str, float]
    date_slack_days: MappingProxyType[str, int]
    score: MappingProxyType[str, float]
    join_threshold: float
    title_similarity: float
    shingle_size: int
    copy_similarity: float
    credited_copy_similarity: float
    report_modalities: frozenset[str | None]
    name_similarity: float


@cache
def settings() -> Settings:
    raw: dict[str, Any] = json.loads(_read("settings.json"))
    try:
        return Settings(
            distance_km=MappingProxyType({k: float(v) for k, v in raw["distance_km"].items()}),
            date_slack_days=MappingProxyType({k: int(v) for k, v in raw["date_slack_days"].items()}),
            score=MappingProxyType({k: float(v) for k, v in raw["score"].items()}),
            join_threshold=float(raw["join_threshold"]),
            title_similarity=float(raw["title_similarity"]),
            shingle_size=int(raw["shingle_size"]),
            copy_similarity=float(raw["copy_similarity"]),
            credited_copy_similarity=float(raw["credited_copy_similarity"]),
            report_modalities=frozenset(raw["report_modalities"]),
            name_similarity=float(raw["name_similarity"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkDataError(f"data/link/settings.json: missing or bad setting: {exc}") from None


@cache
def wire_agencies() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(agency, credit pattern) pairs: a credit in an article marks it as a wire copy."""
    out = []
    for line_no, line in enumerate(_read("wire_agencies.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise LinkDataError(f"data/link/wire_agencies.tsv:{line_no}: expected 'agency<TAB>pattern'")
        try:
            out.append((parts[0].strip(), re.compile(parts[1].strip())))
        except re.error as exc:
            raise LinkDataError(f"data/link/wire_agencies.tsv:{line_no}: bad pattern: {exc}") from None
    return tuple(out)


@cache
def common_capitalised() -> frozenset[str]:
    """Capitalised words that are no names (sentence openers, weekdays, months): one per line."""
    words = set()
    for line in _read("common_capitalised.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower())
    return frozenset(words)
