"""Counts in news text: "three", "15", "6,500", "more than 6,500", "dozens", "100 to 300".

A :class:`Quantity` is found on spaCy tokens so that later code can relate it
to the words around it.  Word lists live in ``data/events/numbers.json``.

Decisions (documented in docs/events.md):
- vague plurals ("dozens", "hundreds") give ``value=None`` and the word as ``qualifier``;
- "a dozen" is 12, "two dozen" 24;
- "two people on each side" is 4 (the count is per side and there are two sides), with
  ``per_side=True`` so that a caller can tell;
- ranges ("100 to 300", "100-300", "between 100 and 300") give ``low``/``high`` and
  ``value=low`` (the figure that is certain).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Span, Token

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^(\d[\d,]*)[-\u2013\u2014](\d[\d,]*)$")
_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})


@dataclass(frozen=True)
class Quantity:
    start: int  # token index (doc) of the first token, qualifier included
    end: int  # token index after the last token
    value: int | None
    qualifier: str | None = None
    low: int | None = None
    high: int | None = None
    per_side: bool = False
    num_start: int = 0  # token index of the number itself (without qualifier)


@dataclass(frozen=True)
class _Words:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, str]
    qualifiers: tuple[tuple[str, ...], ...]
    per_side: tuple[tuple[str, ...], ...]


@functools.cache
def _words() -> _Words:
    raw = json.loads(resources.files("ceasefire.data.events").joinpath("numbers.json").read_text())
    quals = sorted((tuple(q.split()) for q in raw["qualifiers"]), key=len, reverse=True)
    sides = sorted((tuple(q.split()) for q in raw["per_side"]), key=len, reverse=True)
    return _Words(raw["units"], raw["tens"], raw["scales"], raw["vague"], tuple(quals), tuple(sides))


def parse_number(text: str) -> int | None:
    """The integer a number written in digits or words means, or None.

    >>> parse_number("6,500"), parse_number("twenty-five"), parse_number("two hundred")
    (6500, 25, 200)
    """
    words = _words()
    text = text.strip().lower()
    if _DIGITS.match(text):
        value = float(text.replace(",", ""))
        return int(value) if value == int(value) else None
    total, current, seen = 0.0, 0.0, False
    for part in re.split(r"[\s-]+", text):
        if not part or part == "and":
            continue
        if _DIGITS.match(part):
            current += float(part.replace(",", ""))
        elif part in words.units and part not in ("no", "a", "an"):
            current += words.units[part]
        elif part in ("a", "an"):
            current += 1
        elif part in words.tens:
            current += words.tens[part]
        elif part in words.scales:
            scale = words.scales[part]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    result = total + current
    return int(result) if seen and result == int(result) else None


def _is_num_token(tok: Token) -> bool:
    words = _words()
    low = tok.lower_
    if low in ("no", "a", "an"):
        return False
    return bool(_DIGITS.match(low)) or low in words.units or low in words.tens or low in words.scales


def _qualifier_before(span: Span, i: int) -> tuple[str | None, int]:
    """A qualifier ending right before token ``i`` within ``span``: (text, its first token)."""
    qualifiers = _words().qualifiers
    if not qualifiers:
        return None, i
    # the words before ``i``, as many as the longest qualifier has (they come longest first), read once
    before = tuple(t.lower_ for t in span.doc[max(span.start, i - len(qualifiers[0])) : i])
    for q in qualifiers:
        if len(q) <= len(before) and before[len(before) - len(q) :] == q:
            return " ".join(q), i - len(q)
    return None, i


def _is_year(tok: Token) -> bool:
    return tok.is_digit and len(tok.text) == 4 and 1800 <= int(tok.text) <= 2100


def find_quantities(span: Span) -> list[Quantity]:
    """Every count in ``span`` (a sentence or any stretch of a parsed Doc), left to right."""
    words = _words()
    # each token read once: spaCy builds a new Token object on every doc[i]
    toks = list(span)
    lows = [t.lower_ for t in toks]
    base = span.start
    out: list[Quantity] = []
    i = span.start
    while i < span.end:
        tok = toks[i - base]
        low = tok.lower_
        prev = toks[i - 1 - base] if i > span.start else None
        name_part = (
            prev is not None
            and prev.is_title
            and prev.pos_ == "PROPN"
            and tok.is_digit
            and not tok.is_sent_start
        )
        if tok.ent_type_ in _SKIP_ENTS or _is_year(tok) or name_part:  # "Highway 27", "Colonia 5"
            i += 1
            continue
        # vague plurals: "dozens", "hundreds", "a few" (but "hundreds of thousands" stays vague too)
        if low in words.vague or (low == "a" and i + 1 < span.end and toks[i + 1 - base].lower_ == "few"):
            n = 2 if low == "a" else 1
            qual, qstart = _qualifier_before(span, i)
            label = words.vague.get(low, "a few")
            # "several hundred", "a few thousand": the scale word is part of the vague count, not a count
            while i + n < span.end and toks[i + n - base].lower_ in words.scales:
                label = f"{label} {toks[i + n - base].lower_}"
                n += 1
            out.append(
                Quantity(qstart, i + n, None, qualifier=label if not qual else f"{qual} {label}", num_start=i)
            )
            i += n
            continue
        m = _RANGE.match(tok.text)
        if m:
            lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
            qual, qstart = _qualifier_before(span, i)
            out.append(Quantity(qstart, i + 1, lo, qual, lo, hi, num_start=i))
            i += 1
            continue
        starts_article = low in ("a", "an") and i + 1 < span.end and toks[i + 1 - base].lower_ in words.scales
        if not (_is_num_token(tok) or starts_article):
            i += 1
            continue
        # the longest run of number words: "two hundred and fifty", "1.5 million", "twenty - five"
        j = i + 1
        while j < span.end:
            nxt = toks[j - base].lower_
            word_next = (
                j + 1 < span.end
                and _is_num_token(toks[j + 1 - base])
                and not _DIGITS.match(toks[j + 1 - base].lower_)
            )
            if (
                (_is_num_token(toks[j - base]) and not _DIGITS.match(nxt))
                or (nxt == "-" and word_next)
                or nxt == "and"
                and j + 1 < span.end
                and toks[j + 1 - base].lower_ in words.units | words.tens
            ):
                j += 1
            else:
                break
        text = " ".join(t.text for t in toks[i - base : j - base])
        value = parse_number(text)
        if value is None:
            i = j
            continue
        after_no = i > span.start and toks[i - 1 - base].lower_ in ("no", "every", "any", "each")
        if toks[i - base].lower_ == "one" and j == i + 1 and (toks[i - base].pos_ == "PRON" or after_no):
            i = j
            continue
        qual, qstart = _qualifier_before(span, i)
        low_v, high_v, end = None, None, j
        # "100 to 300", "100 - 300", "between 100 and 300"
        if (
            j + 1 < span.end
            and toks[j - base].lower_ in ("to", "-", "\u2013", "or", "and")
            and _is_num_token(toks[j + 1 - base])
        ) and (
            toks[j - base].lower_ != "and"
            or (qstart > span.start and toks[qstart - 1 - base].lower_ == "between")
        ):
            k = j + 2
            while k < span.end and _is_num_token(toks[k - base]) and not _DIGITS.match(toks[k - base].lower_):
                k += 1
            other = parse_number(" ".join(t.text for t in toks[j + 1 - base : k - base]))
            if other is not None and other > value:
                low_v, high_v, end = value, other, k
        per_side = False
        for phrase in words.per_side:
            for gap in range(0, 4):
                s = end + gap
                if s + len(phrase) <= span.end and tuple(lows[s - base : s - base + len(phrase)]) == phrase:
                    per_side = True
                    break
            if per_side:
                break
        if per_side:
            value = value * 2
        out.append(Quantity(qstart, end, value, qual, low_v, high_v, per_side, num_start=i))
        i = end
    return out
