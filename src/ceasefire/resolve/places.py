"""The ``places`` stage: find toponyms in an article and resolve them with the gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities plus patterns ("the village of X",
"X district", "near X"); an actor mention such as "Moscow said" is metonymy, not
a place.  Resolution ranks the gazetteer's candidates by population, feature
hints ("village", "region"), the countries of the article's other places and
actors, and falls back to names one edit away inside a country the article is
about.  A toponym the gazetteer lacks stays unresolved (no coordinates).

:func:`event_place` picks the place an event happened at, for the events stage.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ceasefire.pipeline import Context, stage
from ceasefire.records import Place
from ceasefire.resolve.gazetteer import (
    DATA,
    Entry,
    Gazetteer,
    GazetteerError,
    fold,
    iso2,
    neighbours,
    one_edit,
    open_gazetteer,
)

PLACE_LABELS = ("GPE", "LOC", "FAC")
_ADMIN = ("admin1", "admin2", "admin3", "region")
_SETTLEMENT = ("city", "town", "village", "neighbourhood")
_SPECIFIC = {"site": 0, "neighbourhood": 0, "village": 1, "town": 1, "city": 2, "admin3": 3, "admin2": 3}
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÞƏÇŞĞÜÖİ][\w'’\-əçşğüöı]*$")


@dataclass(frozen=True)
class Cues:
    feature_words: dict[str, str]
    locative_preps: frozenset[str]
    near_preps: frozenset[str]
    speech_verbs: frozenset[str]
    not_places: frozenset[str]
    non_event_preps: frozenset[str]
    place_object_verbs: frozenset[str]
    site_words: frozenset[str]
    site_lead_words: frozenset[str]
    qualifier_words: frozenset[str]
    address_verbs: frozenset[str] = frozenset()
    generic_division_names: frozenset[str] = frozenset()
    part_words: tuple[str, ...] = ()  # suburb, neighbourhood, district ...: "a suburb of X"
    settlement_part_words: tuple[str, ...] = ()  # village, town ...: "Torkula village of Guma LGA"


@functools.cache
def cues() -> Cues:
    raw = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    return Cues(
        feature_words=dict(raw["feature_words"]),
        locative_preps=frozenset(raw["locative_preps"]),
        near_preps=frozenset(raw["near_preps"]),
        speech_verbs=frozenset(raw["speech_verbs"]),
        not_places=frozenset(raw["not_places"]),
        non_event_preps=frozenset(raw["non_event_preps"]),
        place_object_verbs=frozenset(raw["place_object_verbs"]),
        site_words=frozenset(raw.get("site_words", ())),
        site_lead_words=frozenset(raw.get("site_lead_words", ())),
        qualifier_words=frozenset(raw.get("qualifier_words", ())),
        address_verbs=frozenset(raw.get("address_verbs", ())),
        generic_division_names=frozenset(raw.get("generic_division_names", ())),
        part_words=tuple(raw.get("part_words", ())),
        settlement_part_words=tuple(raw.get("settlement_part_words", ())),
    )


@dataclass
class Mention:
    """One toponym in the text."""

    start: int  # the mention's span, e.g. "village of Farrukh" or "Donetsk region"
    end: int
    query: str  # the name proper, looked up in the gazetteer ("Farrukh")
    hint: str | None = None  # feature word next to it: village, town, city, admin, region
    near: bool = False  # "near X", "outside X"
    label: str = "GPE"
    name_start: int | None = None  # where the words naming it begin ("the village of ...")
    phrase: str | None = None  # the whole mention ("Donetsk region"), also looked up
    candidates: list[Entry] = field(default_factory=list)
    fuzzy: bool = False
    namesakes: dict[str | None, int] = field(default_factory=dict)  # country -> largest same-named town
    phrase_gids: set[str] = field(default_factory=set)
    tentative: bool = False  # kept only if the gazetteer knows it (no feature word, no "in/near X")
    container_gids: set[str] = field(default_factory=set)  # "Atlanta, Georgia": Georgias that hold an Atlanta
    outer: list[Entry] = field(default_factory=list)  # the chosen places named after it ("X, Georgia")
    # (country, admin1) -> how many other names of the article have a candidate there (when 2 or more)
    neighbours: dict[tuple[str | None, str | None], int] = field(default_factory=dict)
    listed_with: set[str] = field(default_factory=set)  # keys of the names it is listed with ("A, B and C")
    list_divisions: frozenset[str | None] = frozenset()  # countries of the divisions it is listed with
    context_readings: list[tuple[Entry, frozenset[str]]] = field(
        default_factory=list
    )  # "SA", "WA": only where the country fits


# -- recognition --------------------------------------------------------------------------------


def _prep_before(doc: Doc, i: int) -> Token | None:
    """The preposition just before token ``i`` (skipping determiners and adjectives)."""
    j = i - 1
    while j >= 0 and doc[j].pos_ in ("DET", "ADJ", "NUM") and doc[j].lower_ not in ("of",):
        j -= 1
    return doc[j] if j >= 0 and doc[j].pos_ == "ADP" else None


def _hyphen_joined(doc: Doc, j: int, taken: list[bool]) -> bool:
    """Token ``j`` is joined by a bare hyphen to a capitalised name token after it ("Nagorno-Karabakh")."""
    return (
        j + 2 < len(doc)
        and doc[j + 1].text == "-"
        and not doc[j].whitespace_
        and not doc[j + 1].whitespace_
        and not taken[j + 1]
        and not taken[j + 2]
        and doc[j + 2].text[:1].isupper()
        and _NAME_TOKEN.match(doc[j + 2].text) is not None
    )


def _extend(doc: Doc, m: Mention, first: int, last: int) -> Mention:
    """Take in a feature word after (``X district``) or before (``the village of X``) the name."""
    c = cues()
    if last + 1 < len(doc) and doc[last + 1].lower_ in c.feature_words:
        word = doc[last + 1]
        m.hint = c.feature_words[word.lower_]
        m.end = word.idx + len(word)
        m.phrase = doc.text[m.start : m.end]
    lead_ok = first < 3 or doc[first - 3].pos_ in ("DET", "ADJ", "ADP", "PUNCT", "VERB", "CCONJ")
    if first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in c.feature_words and lead_ok:
        word = doc[first - 2]
        m.hint = c.feature_words[word.lower_]
        m.start = word.idx
        m.name_start = doc[first - 3].idx if first >= 3 and doc[first - 3].lower_ == "the" else word.idx
        first = first - 2
    prep = _prep_before(doc, first)
    if prep is not None and prep.lower_ in c.near_preps:
        m.near = True
    return m


def _metonymy(doc: Doc, first: int, last: int, actor_spans: Sequence[tuple[int, int]]) -> bool:
    """True when the name stands for a government or people ("Moscow said"), not a place."""
    c = cues()
    prep = _prep_before(doc, first)
    if prep is not None and prep.lower_ in c.locative_preps:
        return False
    span = doc[first : last + 1]
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in c.locative_preps:  # "in downtown Bogota"
        return False
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in c.speech_verbs:
        return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in c.address_verbs:
        return True  # "urged Moscow to act", "accused Baku of ...": a government is addressed
    if root.dep_ in ("dobj", "pobj"):  # "captured Seoul", "an attack on Kharkiv": the place itself
        return False
    start, end = span.start_char, span.end_char
    return any(s < end and start < e for s, e in actor_spans)


def _locating(doc: Doc, span) -> bool:
    """True when the text marks ``span`` as a location: "in/near/at X", "the outskirts of X",
    or the object of a verb such as "captured X"."""
    c = cues()
    prep = _prep_before(doc, span.start)
    if prep is not None and prep.lower_ in c.locative_preps:
        # "refugees from X", "a convoy to X" name places; "according to X" names a source
        return not (prep.i > 0 and doc[prep.i - 1].lower_ == "according")
    gov = _governor(span.root)
    if gov is None:
        return False
    return gov[0] == "prep" or gov[1].lemma_.lower() in c.place_object_verbs


def _well_known(name: str, gaz: Gazetteer | None) -> bool:
    """True for a name that is, under its main name, a country, a first-level division or a big city
    (spaCy sometimes tags "Ohio" or "Charleston" as an organisation)."""
    if gaz is None:
        return False
    for e in gaz.lookup(name):
        if not e.alt and (e.feature in ("country", "admin1") or e.population >= 50_000):
            return True
    return False


def recognise(
    doc: Doc, actor_spans: Sequence[tuple[int, int]] = (), gaz: Gazetteer | None = None
) -> list[Mention]:
    """Toponym mentions of ``doc``: entities, then patterns spaCy missed."""
    c = cues()
    found: list[Mention] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and not (ent.label_ == "ORG" and _well_known(ent.text, gaz)):
            continue
        first, last = ent.start, ent.end - 1
        while first <= last and doc[first].lower_ in ("the", "a", "an"):
            first += 1
        if first > last or doc[first : last + 1].text in c.not_places:
            continue
        if not any(t.text[:1].isupper() for t in doc[first : last + 1]):
            continue
        if _metonymy(doc, first, last, actor_spans):
            continue
        hint = None
        if last > first and doc[last].lower_ in c.feature_words:  # "Kramatorsk city" as one entity
            hint = c.feature_words[doc[last].lower_]
            last -= 1
        span = doc[first : last + 1]
        # a name the gazetteer lacks is kept as a place only where the text says it is one
        m = Mention(
            span.start_char, span.end_char, span.text, label=ent.label_, tentative=not _locating(doc, span)
        )
        m = _extend(doc, m, first, last)
        if hint:
            m.hint, m.end = hint, ent.end_char
            m.phrase = doc.text[m.start : m.end]
        found.append(m)
        for i in range(ent.start, ent.end):
            taken[i] = True
    # proper names spaCy did not tag as places: after a feature word or a locative preposition
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or tok.pos_ != "PROPN" or not _NAME_TOKEN.match(tok.text):
            i += 1
            continue
        j = i
        while j + 1 < len(doc):
            if not taken[j + 1] and doc[j + 1].pos_ == "PROPN" and _NAME_TOKEN.match(doc[j + 1].text):
                j += 1
            elif _hyphen_joined(doc, j, taken) and gaz is not None and gaz.lookup(doc[i : j + 3].text):
                j += 2  # "Nagorno-Karabakh", "Ivano-Frankivsk": a known name read whole, never two places
            else:
                break
        span = doc[i : j + 1]
        named = i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in c.feature_words
        named = named or (
            i >= 1
            and doc[i - 1].lower_ in c.feature_words
            and c.feature_words[doc[i - 1].lower_] in _SETTLEMENT
        )
        typed = j + 1 < len(doc) and doc[j + 1].lower_ in c.feature_words and doc[j + 1].lower_ != "capital"
        located = _locating(doc, span)
        keep = (named or typed) and span.text not in c.not_places
        tentative = not keep and located and span.text not in c.not_places
        if keep or tentative:
            m = Mention(span.start_char, span.end_char, span.text, label="PATTERN", tentative=tentative)
            found.append(_extend(doc, m, i, j))
        i = j + 1
    found.sort(key=lambda m: m.start)
    return found


# -- resolution ---------------------------------------------------------------------------------


# a town's local context (its division named, neighbours) counts half when a city of the same country
# of BIG_CITY or more and BIG_RATIO times its size bears its name ("Louisville" in an Ohio dateline)
BIG_CITY = 100_000
BIG_RATIO = 40
ADMIN2_DISCOUNT = 1.0  # log10 points off a second-level division named bare (no "county")
CAPITAL_BONUS = 1.5  # a national capital in a country the article names: news means the capital
NEIGHBOUR_WEIGHT = 0.5  # per other name that could lie in the same division (at most 4)


def _score(e: Entry, m: Mention, countries: Counter, admin1s: Counter, chosen: frozenset[str]) -> float:
    s = math.log10(e.population + 1)
    if e.feature == "admin2" and not m.hint:
        s -= ADMIN2_DISCOUNT  # a district's summed population overstates how often a bare name means it
    if e.gid in chosen:  # another spelling in the article already means this place
        s += 2.0
    if e.alt and one_edit(fold(e.name), fold(m.query)):
        s += 0.5
    if e.feature == "country":
        s += 3.0
    elif e.feature == "admin1":
        # a bare name shared by a province and its capital city means the city; a namesake capital
        # of the country outside it (Washington, D.C. for Washington state) only cancels the bonus
        city = m.namesakes.get(e.country, 0)
        capital = bool(city) and (e.population < 5 * city or city < 0)
        inside = capital and any(
            c.country == e.country and c.admin1 == e.admin1 and c.feature in _SETTLEMENT and not c.alt
            for c in m.candidates
        )
        if capital and not inside and e.gid in chosen:  # the article names it otherwise ("Wash.")
            capital = False
        s += (-1.5 if inside else 0.0) if capital else 1.5
    if e.alt:
        s -= 2.0
    if e.fcode == "PPLC":  # a capital, more so of a country the article is about
        s += 1.5 + (CAPITAL_BONUS if countries.get(e.country) and not e.alt else 0.0)
    if m.fuzzy:
        s -= 1.0
    if m.hint:
        if (m.hint == "admin" and e.feature in _ADMIN) or (
            m.hint in _SETTLEMENT and e.feature in _SETTLEMENT
        ):
            s += 3.0
        elif m.hint == "region" and e.feature in _ADMIN:
            s += 2.0
        else:
            s -= 3.0
    if e.gid in m.phrase_gids:
        s += 3.0
    if e.gid in m.container_gids:
        s += 4.0
    if m.outer and all(_inside(e, o) for o in m.outer):
        s += 6.0
    n = countries.get(e.country, 0)
    if n:
        s += 3.0 + (1.0 if n >= 3 else 0.0)
    elif e.country and any(c in countries for c in neighbours(e.country)):
        s += 1.5  # a neighbour of a country the article is about
    local = 0.0
    if e.admin1 and not e.alt:
        local += NEIGHBOUR_WEIGHT * min(m.neighbours.get((e.country, e.admin1), 0), 4)
    if e.feature == "admin1" and not e.alt and e.country in m.list_divisions:
        s += LIST_BONUS  # "Missouri, New York and Virginia": a state among states
    n = admin1s.get((e.country, e.admin1), 0) if e.admin1 else 0
    if n:  # the division itself named (counted twice), or other places in it
        local += 2.5 if n >= 2 else 1.5
    big = m.namesakes.get(e.country, 0)
    if e.feature in _SETTLEMENT and big >= BIG_CITY and big >= BIG_RATIO * (e.population + 1):
        local *= 0.5  # a namesake of a big city of the same country
    return s + local


@functools.cache
def context_abbreviations() -> dict[str, tuple[tuple[str, str | None, frozenset[str]], ...]]:
    """Short forms and epithets read only in an article about their country ("SA", "WA", "SC", "the
    Islamic Republic"): written form -> (ISO2, admin1 code or None for the country itself, the countries
    whose presence in the article licenses the reading), from ``context_abbreviations.tsv``."""
    out: dict[str, list[tuple[str, str | None, frozenset[str]]]] = {}
    text = (DATA / "context_abbreviations.tsv").read_text(encoding="utf-8")
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) not in (3, 4) or not cols[0].strip() or len(cols[1]) != 2:
            raise GazetteerError(
                f"context_abbreviations.tsv line {no}: expected 'name<TAB>ISO2<TAB>code[<TAB>countries]'"
            )
        licence = frozenset(c for c in (cols[3].split("|") if len(cols) == 4 else ()) if c) or {cols[1]}
        out.setdefault(cols[0].strip(), []).append((cols[1], cols[2].strip() or None, frozenset(licence)))
    return {k: tuple(v) for k, v in out.items()}


def _context_readings(query: str, gaz: Gazetteer) -> list[tuple[Entry, frozenset[str]]]:
    """The divisions or countries a short form may name, each with the countries that license it."""
    out: list[tuple[Entry, frozenset[str]]] = []
    for cc, code, licence in context_abbreviations().get(query.strip(), ()):
        if code is None:
            entry = gaz.country(cc)
            if entry is not None:
                out.append((entry, licence))
            continue
        name = gaz.admin1_name(cc, code)
        if name:
            out.extend(
                (e, licence)
                for e in gaz.lookup(name, cc)
                if e.feature == "admin1" and e.admin1 == code and not e.alt
            )
    return out


COUNTY_KM = 100.0  # a town this close to the middle of a second-level division named after it lies in it


def _inside(e: Entry, outer: Entry) -> bool:
    """True when ``e`` lies in the country or first-level division ``outer``."""
    if e.gid == outer.gid or not e.country or e.country != outer.country:
        return False
    if outer.feature == "country":
        return True
    if e.admin1 is None or e.admin1 != outer.admin1:
        return False
    if outer.feature == "admin2":  # "Croft, Yorkshire": a county holds what lies near its middle
        return e.feature != "admin2" and _km(e.lat, e.lon, outer.lat, outer.lon) <= COUNTY_KM
    return outer.feature == "admin1"


def _pairs(mentions: list[Mention], key_of: list[str], text: str | None) -> dict[str, set[str]]:
    """ "City, State" and "City, Country": the key of each name -> keys of the names that follow it
    after a comma (so contain it)."""
    out: dict[str, set[str]] = {}
    if not text:
        return out
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if 0 < b.start - a.end <= 3 and text[a.end : b.start].strip() == "," and key_of[i] != key_of[i + 1]:
            out.setdefault(key_of[i], set()).add(key_of[i + 1])
    return out


LIST_BONUS = 3.5  # for a first-level division listed with other divisions of its country
_LIST_LINK = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*")


def _lists(mentions: list[Mention], key_of: list[str], text: str | None) -> dict[str, set[str]]:
    """Names listed together ("Missouri, New York, North Carolina and Virginia", "California or
    Washington"): the key of each name -> the keys of the others in its list.  A run of names linked by
    commas counts only when an "and"/"or" links two of them ("Washington, D.C." is no list)."""
    out: dict[str, set[str]] = {}
    if not text:
        return out
    run: list[int] = [0]
    closed = False  # the run holds an "and"/"or"

    def flush() -> None:
        if closed and len(run) > 1:
            keys = {key_of[i] for i in run}
            for i in run:
                out.setdefault(key_of[i], set()).update(keys - {key_of[i]})

    for i in range(1, len(mentions)):
        gap = text[mentions[i - 1].end : mentions[i].start]
        if mentions[i].start > mentions[i - 1].end and _LIST_LINK.fullmatch(gap):
            run.append(i)
            closed = closed or gap.strip() != ","
        else:
            flush()
            run, closed = [i], False
    if mentions:
        flush()
    return out


def resolve(
    mentions: list[Mention], gaz: Gazetteer, actor_countries: Iterable[str] = (), text: str | None = None
) -> list[Entry | None]:
    """The gazetteer entry of each mention (None where unknown), each read in the light of the others.

    Mentions of one name share one reading; the context of a name is the countries and
    first-level divisions of the article's other names (and of its actors).  With the article's
    ``text``, "X, Y" (a town, its state or country) makes Y a division or country that holds X.
    """
    groups: dict[str, Mention] = {}
    key_of: list[str] = []
    for m in mentions:
        key = fold(m.phrase or m.query) + "|" + fold(m.query)
        key_of.append(key)
        if key in groups:
            continue
        groups[key] = m
        m.candidates = gaz.lookup(m.query)
        if len(fold(m.query)) <= 3:  # "SA", "UK": only main names and listed abbreviations
            m.candidates = [e for e in m.candidates if not e.alt]
            if m.query.isupper():  # an initialism is no town spelt otherwise ("SA" is not Saa)
                m.candidates = [
                    e
                    for e in m.candidates
                    if e.feature not in _SETTLEMENT
                    or fold(e.name) != fold(m.query)
                    or e.name.upper() == m.query
                ]
        if m.phrase and fold(m.phrase) != fold(m.query):
            seen = {e.gid for e in m.candidates}
            whole = gaz.lookup(m.phrase)
            m.phrase_gids = {e.gid for e in whole}
            m.candidates += [e for e in whole if e.gid not in seen]
        m.context_readings = _context_readings(m.query, gaz)
        if fold(m.query) in cues().generic_division_names:
            # "West" is Cameroon's West Region only in a story about Cameroon, and never a village
            m.context_readings += [
                (e, frozenset({e.country}))
                for e in m.candidates
                if e.country and not e.alt and e.feature not in _SETTLEMENT
            ]
            m.candidates = []
        m.fuzzy = False
        m.namesakes = {}
        for e in m.candidates:
            if e.feature in _SETTLEMENT and not e.alt:
                # a capital city outranks its namesake province whatever their populations
                size = -1 if e.fcode == "PPLC" else e.population + 1
                old = m.namesakes.get(e.country, 0)
                m.namesakes[e.country] = -1 if -1 in (old, size) else max(old, size)
    within = _pairs(mentions, key_of, text)
    for key, others_listed in _lists(mentions, key_of, text).items():
        groups[key].listed_with = others_listed
    holds: dict[str, set[str]] = {}
    for inner, outers in within.items():
        for outer in outers:
            holds.setdefault(outer, set()).add(inner)
    for outer, inners in holds.items():  # "Atlanta, Georgia": the Georgia that holds an Atlanta
        m = groups[outer]
        inner_cands = [e for k in inners for e in groups[k].candidates if not e.alt]
        m.container_gids = {
            e.gid
            for e in m.candidates
            if e.feature in ("country", "admin1") and any(_inside(i, e) for i in inner_cands)
        }
    # how many of the article's other names could lie in each first-level division: towns named
    # together are usually neighbours ("Athens" with "Henderson County" and "Tyler" is Athens, Texas)
    shared: Counter = Counter()
    own: dict[str, set[tuple[str | None, str | None]]] = {}
    for key, m in groups.items():
        own[key] = {(e.country, e.admin1) for e in m.candidates if e.admin1 and not e.alt}
        shared.update(own[key])
    for key, m in groups.items():
        m.neighbours = {a: n - 1 for a in own[key] if (n := shared[a]) > 2}
    prior: Counter = Counter(cc for cc in actor_countries if cc)
    picks: dict[str, Entry | None] = {k: _best(m, prior, Counter()) for k, m in groups.items()}
    for _ in range(2):
        new: dict[str, Entry | None] = {}
        for key, m in groups.items():
            others = [p for k, p in picks.items() if k != key and p is not None]
            ctx_c = prior + Counter(p.country for p in others if p.country)
            ctx_a = Counter((p.country, p.admin1) for p in others if p.admin1)
            ctx_a.update((p.country, p.admin1) for p in others if p.admin1 and p.feature == "admin1")
            if m.context_readings:  # "SA" is South Africa only in a story about South Africa
                readings = {e.gid for e, _ in m.context_readings}
                m.candidates = [e for e in m.candidates if e.gid not in readings]
                m.candidates += [e for e, licence in m.context_readings if any(ctx_c.get(c) for c in licence)]
            if not m.candidates and len(fold(m.query)) >= 5 and ctx_c:
                for cc, _n in ctx_c.most_common(3):
                    near = gaz.fuzzy(m.query, cc)
                    regions = {a for (c, a) in ctx_a if c == cc}
                    if regions:  # inside a division the article is about, when it names one
                        near = [e for e in near if e.admin1 in regions]
                    m.candidates.extend(near)
                m.fuzzy = bool(m.candidates)
            m.outer = [picks[k] for k in within.get(key, ()) if picks.get(k) is not None]  # type: ignore[misc]
            m.list_divisions = frozenset(
                p.country for k in m.listed_with if (p := picks.get(k)) is not None and p.feature == "admin1"
            )
            pick = _best(m, ctx_c, ctx_a, frozenset(p.gid for p in others))
            new[key] = None if pick is not None and _far_fetched(pick, ctx_c, others) else pick
            picks[key] = new[key]
        picks = new
    if text:  # what the text itself ties a place to comes before the article's town
        _place_tied(mentions, key_of, groups, picks, gaz, prior, text)
        _place_located(mentions, key_of, groups, picks, within, text)
    _place_sites(mentions, key_of, groups, picks)
    _place_compounds(groups, picks, gaz, prior)
    return [picks[k] for k in key_of]


_PART_NAME = r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}"


@functools.cache
def _tie_patterns() -> tuple[re.Pattern[str], ...]:
    """Phrases that say a place lies in another one, built from ``part_words`` in cues.json (suburb,
    neighbourhood, township, ...): "Cairo's gated suburb of Madinaty", "Abagana, a suburb of Makurdi",
    "the Crown Heights neighborhood of Brooklyn", "the Cincinnati suburb of West Chester", "Giza's Haram
    district"."""
    c = cues()
    words = "|".join(re.escape(w) for w in sorted(c.part_words, key=len, reverse=True))
    if not words:
        return ()
    part, adjs = rf"(?:{words})", r"(?:[a-z-]+\s){0,2}"
    kinds = "|".join(re.escape(w) for w in c.settlement_part_words)
    kind = rf"(?:{kinds}|{words})" if kinds else part
    return (
        re.compile(rf"(?P<a>{_PART_NAME})['’]s\s{adjs}{part}\sof\s(?P<b>{_PART_NAME})"),  # host a, part b
        re.compile(rf"(?P<b>{_PART_NAME}),\s(?:an?|the)\s{adjs}{part}\s(?:of|in)\s(?P<a>{_PART_NAME})"),
        re.compile(rf"\bthe\s(?P<x>{_PART_NAME})\s{part}\sof\s(?P<y>{_PART_NAME})"),  # either way round
        re.compile(
            rf"(?P<a>{_PART_NAME})['’]s\s(?P<b>{_PART_NAME})\s{part}\b"
        ),  # "Cairo's Abbasiya district"
        re.compile(
            rf"(?P<b>{_PART_NAME})\s{kind}\s(?:of|in)\s(?P<a>{_PART_NAME})"
        ),  # "Torkula village of Guma LGA"
    )


def _tied_hosts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Names that the text says hold the place at ``spans`` ("a suburb of X"), nearest phrase first."""
    out: list[str] = []
    for start, end in spans:
        lo = max(0, start - 80)
        window = text[lo : end + 80]
        for pattern in _tie_patterns():
            for hit in pattern.finditer(window):
                for inner, outer in (("b", "a"), ("x", "y"), ("y", "x")):
                    if inner in pattern.groupindex and hit.span(inner) == (start - lo, end - lo):
                        out.append(hit.group(outer))
    return out


_NEAR_LINK = re.compile(r",?\s(?:near|outside|in|close\sto)\s(?:the\s)?")


def _place_located(
    mentions: list[Mention],
    key_of: list[str],
    groups: dict[str, Mention],
    picks: dict[str, Entry | None],
    within: dict[str, set[str]],
    text: str,
) -> None:
    """A name the gazetteer lacks that the text locates at a known town or district, "Rathbeggan, near
    Dunshaughlin", "Cape Peron in Rockingham", "Knockhill, Fife", lies there (a ``site``, precision
    near).  Only a settlement or a second- or third-level division hosts it: a state or a country is
    too big to stand for the place, and a name listed with others ("Hamburg, Brasoc and Mannheim") is
    not located by its neighbour in the list."""
    local = (*_SETTLEMENT, "admin2", "admin3")
    for i, m in enumerate(mentions):
        key = key_of[i]
        if picks[key] is not None or groups[key].listed_with:
            continue
        hosts = [k for k in within.get(key, ()) if not groups[k].listed_with]
        if i + 1 < len(mentions) and _NEAR_LINK.fullmatch(text[m.end : mentions[i + 1].start]):
            hosts.append(key_of[i + 1])
        for k in hosts:
            host = picks.get(k)
            if host is None or host.host is not None or host.feature not in local:
                continue
            picks[key] = _placed_at(groups[key].query, host, "site")
            break


TIED_KM = 100.0  # a neighbourhood's own reading this close to the place the text ties it to is kept


def _place_tied(
    mentions: list[Mention],
    key_of: list[str],
    groups: dict[str, Mention],
    picks: dict[str, Entry | None],
    gaz: Gazetteer,
    prior: Counter,
    text: str,
) -> None:
    """A neighbourhood which the text itself ties to a town or division ("Cairo's suburb of Madinaty")
    lies at that place: the article's reading of it, else the gazetteer's in the article's context.
    This also replaces a gazetteer reading of the neighbourhood that is smaller than the holding place
    and more than ``TIED_KM`` from it (a namesake elsewhere).  Never a guess: without such a phrase an
    unknown name stays unresolved."""
    others = [p for p in picks.values() if p is not None]
    ctx_c = prior + Counter(p.country for p in others if p.country)
    ctx_a = Counter((p.country, p.admin1) for p in others if p.admin1)
    by_name = {fold(groups[k].query): p for k, p in picks.items() if p is not None and p.host is None}
    for key, m in groups.items():
        own = picks[key]
        if own is not None and own.host is not None:
            continue
        spans = [(mm.start, mm.end) for mm, k in zip(mentions, key_of, strict=True) if k == key]
        for name in _tied_hosts(text, spans):
            host = by_name.get(fold(name))
            if host is None:
                probe = Mention(m.start, m.end, name)
                probe.candidates = [
                    e
                    for e in gaz.lookup(name)
                    if not e.alt and (e.feature in _SETTLEMENT or e.feature in _ADMIN)
                ]
                host = _best(probe, ctx_c, ctx_a, frozenset(p.gid for p in others))
                if host is not None and _far_fetched(host, ctx_c, others):
                    host = None
            if host is None or host.feature not in (*_SETTLEMENT, *_ADMIN) or host == own:
                continue
            if own is not None and (
                host.feature not in _SETTLEMENT  # a division is too big to say where a namesake is not
                or own.population >= host.population
                or _km(own.lat, own.lon, host.lat, host.lon) <= TIED_KM
            ):
                break  # the reading agrees with the phrase, or is the bigger place of the two
            picks[key] = _placed_at(m.query, host, "neighbourhood")
            break


def _place_compounds(
    groups: dict[str, Mention], picks: dict[str, Entry | None], gaz: Gazetteer, prior: Counter
) -> None:
    """A name the gazetteer lacks that holds a known one ("South Waziristan Agency", "Lake Manassas",
    "Old Town Manassas") lies at that place: the longest known part, read in the article's context.
    The place keeps its own id and name; ``Entry.host`` is the part it was placed at."""
    c = cues()
    others = [p for p in picks.values() if p is not None]
    ctx_c = prior + Counter(p.country for p in others if p.country)
    ctx_a = Counter((p.country, p.admin1) for p in others if p.admin1)
    for key, m in groups.items():
        words = m.query.split()
        if picks[key] is not None or len(words) < 2 or len(words) > 6:
            continue
        for size in range(len(words) - 1, 0, -1):
            found = None
            for i in range(len(words) - size + 1):
                part = words[i : i + size]
                short = len(part[0]) < 4 and not (part[0].isupper() and len(part[0]) >= 2)  # "Western US"
                if size == 1 and (short or part[0].lower() in c.qualifier_words):
                    continue
                if not part[0][:1].isupper():
                    continue
                probe = Mention(m.start, m.end, " ".join(part))
                probe.candidates = [e for e in gaz.lookup(probe.query) if not e.alt and e.feature != "site"]
                pick = _best(probe, ctx_c, ctx_a, frozenset(p.gid for p in others))
                # only a big place, or one in a country the article is about: "Brands Hatch" is not
                # in a Hatch abroad
                big = pick is not None and (pick.feature not in _SETTLEMENT or pick.population >= 100_000)
                # a small town must lie in a division the article is about, when it names any in
                # that country ("Elysian Fields" in a New Orleans story is not by Elysian, Minnesota)
                regions = {a for (cc, a) in ctx_a if pick is not None and cc == pick.country}
                local = (
                    pick is not None
                    and pick.country in ctx_c
                    and (
                        not regions
                        or pick.admin1 in regions
                        or any(_km(pick.lat, pick.lon, o.lat, o.lon) <= NEAR_KM for o in others)
                    )
                )
                if pick is not None and (big or local) and not _far_fetched(pick, ctx_c, others):
                    rest = words[:i] + words[i + size :]
                    qualified = all(w.lower() in c.qualifier_words for w in rest)
                    # "Lake Manassas" lies by the town; "Tennessee Colony" is not a site of a state
                    if qualified or pick.feature in _SETTLEMENT:
                        found = (pick, qualified)
                        break
            if found:
                inner, qualified = found
                picks[key] = _placed_at(m.query, inner, inner.feature if qualified else "site")
                break


def is_site_name(name: str) -> bool:
    """True for a name that says it is a street or a building: "Royal Street", "Rue Casa Calvo"."""
    c = cues()
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    return words[-1].lower() in c.site_words or words[0].lower() in c.site_lead_words


def _place_sites(
    mentions: list[Mention], key_of: list[str], groups: dict[str, Mention], picks: dict[str, Entry | None]
) -> None:
    """A street or building the gazetteer lacks lies in the town the article is about: the settlement
    mentioned most often (on a tie, the one named last before the site).  It keeps its own id and
    name and takes the town's point; ``Entry.host`` says so (the place's precision is "near")."""
    towns = [
        (i, picks[k])
        for i, k in enumerate(key_of)
        if (p := picks[k]) is not None and p.feature in _SETTLEMENT
    ]
    if not towns:
        return
    # a small town must lie in the country most of the article's places are in: a lone namesake
    # abroad ("State" read as a town in Italy) is not where a Chicago street is
    mentioned = Counter(p.country for k in key_of if (p := picks[k]) is not None and p.country)
    if mentioned:
        main = mentioned.most_common(1)[0][0]
        towns = [
            t
            for t in towns
            if t[1].country == main or t[1].population >= 100_000  # type: ignore[union-attr]
        ] or towns
    counts = Counter(p.gid for _, p in towns)  # type: ignore[union-attr]
    for key, m in groups.items():
        if picks[key] is not None or not is_site_name(m.query):
            continue
        first = key_of.index(key)
        _, town = max(
            towns,
            key=lambda item, first=first: (counts[item[1].gid], item[0] if item[0] < first else -item[0]),
        )
        picks[key] = _placed_at(m.query, town, "site")


NEAR_KM = 400.0  # a compound's small town this close to another place of the article may hold it
FAR_KM = 2500.0  # a small town this far from every other place of the article is a guess
FAR_POPULATION = 50_000  # a town this big is no guess wherever it lies


def _far_fetched(e: Entry, countries: Counter, others: list[Entry]) -> bool:
    """True for a small place in a country the article never mentions, far from all its other places
    (a Malian village must not land on its Portuguese namesake)."""
    if (
        e.feature not in _SETTLEMENT
        or e.population >= FAR_POPULATION
        or not countries
        or e.country in countries
    ):
        return False
    located = [o for o in others if o.feature not in ("continent",)]
    return bool(located) and all(_km(e.lat, e.lon, o.lat, o.lon) > FAR_KM for o in located)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _best(
    m: Mention, countries: Counter, admin1s: Counter, chosen: frozenset[str] = frozenset()
) -> Entry | None:
    if not m.candidates:
        return None
    return max(m.candidates, key=lambda e: (_score(e, m, countries, admin1s, chosen), e.population, e.gid))


def _precision(entry: Entry | None, near: bool) -> str | None:
    if entry is None:
        return None
    if entry.host:  # a site placed at the town that holds it
        return "near"
    if entry.feature in ("country", "continent"):
        return "country"
    if entry.feature in _ADMIN:
        return "admin"
    return "near" if near else "exact"


def _local_id(name: str) -> str:
    return "local:" + (fold(name).replace(" ", "-") or "unnamed")


def _placed_at(name: str, host: Entry, feature: str) -> Entry:
    """A place the gazetteer lacks, named ``name``, put at ``host``'s point (``Entry.host`` says so)."""
    return Entry(
        gid=_local_id(name),
        name=name,
        lat=host.lat,
        lon=host.lon,
        country=host.country,
        admin1=host.admin1,
        fcode=None,
        feature=feature,
        population=0,
        host=host.gid,
    )


def build_places(
    ctx: Context, mentions: list[Mention], picks: list[Entry | None], gaz: Gazetteer
) -> list[Place]:
    """Group resolved mentions into one Place per gazetteer entry (or per unknown name)."""
    groups: dict[str, list[tuple[Mention, Entry | None]]] = {}
    for m, e in zip(mentions, picks, strict=True):
        key = e.gid if e else _local_id(m.query)
        groups.setdefault(key, []).append((m, e))
    places: list[Place] = []
    for key, items in groups.items():
        m0, entry = items[0]
        start = m0.name_start if m0.name_start is not None else m0.start
        admin1 = None
        if entry is not None:
            admin1 = entry.name if entry.feature == "admin1" else gaz.admin1_name(entry.country, entry.admin1)
        places.append(
            Place(
                id=key,
                name=ctx.text[start : m0.end],
                canonical=entry.name if entry else m0.query,
                lat=entry.lat if entry else None,
                lon=entry.lon if entry else None,
                country=entry.iso3 if entry else None,
                admin1=admin1,
                feature=entry.feature if entry else (m0.hint if m0.hint in _SETTLEMENT else None),
                precision=_precision(entry, all(m.near for m, _ in items)),
                spans=sorted({(m.start, m.end) for m, _ in items}),
                evidence=ctx.evidence(m0.start, m0.end),
            )
        )
    places.sort(key=lambda p: p.spans[0])
    return places


@stage("places")
def places_stage(ctx: Context) -> None:
    """Fill ``ctx.places`` with every place mentioned in the article."""
    try:
        gaz = open_gazetteer()
    except GazetteerError as exc:
        ctx.warnings.append(f"places: {exc}")
        return
    actor_spans = [tuple(s) for a in ctx.actors for s in a.spans]
    mentions = recognise(ctx.doc, actor_spans, gaz)
    countries = [iso2(a.country) for a in ctx.actors if a.country]
    picks = resolve(mentions, gaz, [c for c in countries if c], ctx.text)
    kept = [
        (m, p)
        for m, p in zip(mentions, picks, strict=True)
        # a name placed only through a part of it or the article's town needs the text to locate it
        if (p is not None and p.host is None) or not m.tentative or m.hint
    ]
    mentions, picks = [m for m, _ in kept], [p for _, p in kept]
    ctx.places.extend(build_places(ctx, mentions, picks, gaz))


# -- the place of an event ----------------------------------------------------------------------

_CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "parataxis", "acl", "xcomp", "csubj")


def _clause_head(tok: Token) -> Token:
    while tok.dep_ not in _CLAUSE_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _governor(tok: Token) -> tuple[str, Token] | None:
    """What makes the toponym whose root is ``tok`` a location: ("prep", the locative
    preposition over it, as in "in the village of X"), or ("arg", the verb it is the
    object or passive subject of, as in "captured the town of X"); None otherwise."""
    c = cues()
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ in ("pobj", "pcomp") or (head.dep_ == "prep" and tok.dep_ == "pobj"):
            word = head.lower_
            if word in c.locative_preps and word not in c.non_event_preps:
                return ("prep", head)
            if word == "of":  # "the village of X", "the outskirts of X"
                tok = head.head
                continue
            return None
        if tok.dep_ in ("compound", "appos", "conj", "amod", "nmod"):
            tok = head
            continue
        if tok.dep_ in ("dobj", "nsubjpass", "obj") and head.pos_ in ("VERB", "AUX"):
            return ("arg", head)
        return None
    return None


def _is_ancestor(a: Token, b: Token) -> bool:
    return a.i == b.i or any(x.i == a.i for x in b.ancestors)


# how far from the trigger a place may be and still count: 0 attached to it, 1 same clause,
# 2 anywhere in the sentence under a locative preposition
MAX_EVENT_RANK = 2


def _rank(root: Token, trig: Token, clause: Token) -> float | None:
    gov = _governor(root)
    if gov is None:
        return None
    kind, word = gov
    if kind == "arg":
        return 0.5 if word.i == trig.i else None
    attach = word.head
    same_clause = _clause_head(attach).i == clause.i
    if same_clause and (_is_ancestor(attach, trig) or _is_ancestor(trig, attach)):
        return 0
    return 1 if same_clause else 2


def event_place(ctx: Context, trigger_start: int, trigger_end: int) -> Place | None:
    """The place the event whose trigger is at ``trigger_start:trigger_end`` happened at.

    In order: a place under a locative preposition ("in/near/at X") attached to the
    trigger or to a word of the trigger's own phrase, or the trigger's object ("captured
    the town of X"); then one under a locative preposition elsewhere in the trigger's
    clause.  A sentence whose places are all elsewhere (another clause, "a driver from X")
    gives None; a sentence that names no place at all gives the article's main place.
    """
    if not ctx.places:
        return None
    span = ctx.doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    trig = span.root
    sent = trig.sent
    clause = _clause_head(trig)
    best: tuple | None = None
    in_sentence = False
    for place in ctx.places:
        for s, e in place.spans:
            if not (sent.start_char <= s < sent.end_char):
                continue
            in_sentence = True
            mspan = ctx.doc.char_span(s, e, alignment_mode="expand")
            if mspan is None:
                continue
            rank = _rank(mspan.root, trig, clause)
            if rank is None or rank > MAX_EVENT_RANK:
                continue
            # the most specific place first; a name the gazetteer lacks is usually a small one
            if place.precision is None or (place.precision == "near" and place.id.startswith("local:")):
                specific = 1  # unknown, or placed at the town or place it names: as specific as a village
            else:
                specific = _SPECIFIC.get(place.feature or "", 4 if place.precision != "country" else 5)
            key = (rank, specific, abs(mspan.root.i - trig.i))
            if best is None or key < best[0]:
                best = (key, place)
    if best is not None:
        return best[1]
    return None if in_sentence else main_place(ctx.places)


def main_place(places: Sequence[Place]) -> Place | None:
    """The article's main place: the resolved place mentioned most often (first on ties)."""
    resolved = [p for p in places if p.precision is not None]
    if not resolved:
        return None
    return max(resolved, key=lambda p: (len(p.spans), p.precision != "country", -p.spans[0][0]))
