"""Casualty counts in a sentence: killed, wounded, missing, captured.

A count is a :class:`~ceasefire.extract.numbers.Quantity` tied to the nearest
casualty word (``data/events/casualties.tsv``) on either side: "three soldiers
were killed and 15 wounded", "killing 50", "left 30 dead", "death toll rose to
52", "injuring 100".  A count never reaches over another count.  "No one was
hurt" and "no casualties" give an explicit 0; "did not report any casualties"
gives nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Span, Token

from ceasefire.extract.coding import grammar, lexicon, zero_nouns
from ceasefire.extract.numbers import Quantity, find_quantities

CATEGORIES = ("killed", "wounded", "missing", "captured")
_WINDOW_RIGHT = 6
_WINDOW_LEFT = 4
_STOP = frozenset({";", ":", "(", ")"})


@dataclass(frozen=True)
class Count:
    category: str
    quantity: Quantity | None  # None for an explicit zero
    keyword: int  # token index of the casualty word
    victim: int | None  # token index of the noun naming the victims, if any

    @property
    def value(self) -> int | None:
        return 0 if self.quantity is None else self.quantity.value


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("ceasefire.data.events").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@functools.cache
def casualty_words() -> dict[tuple[str, ...], str]:
    """lemma sequence -> category, from ``casualties.tsv``."""
    return {tuple(row[0].lower().split()): row[1].strip() for row in _read_tsv("casualties.tsv")}


@functools.cache
def victim_sectors() -> dict[str, str]:
    """noun lemma -> actor sector, from ``victims.tsv``."""
    return {row[0].lower(): row[1].strip() for row in _read_tsv("victims.tsv")}


@functools.cache
def _index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First word -> (pattern, category) pairs, longest pattern first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for pattern, cat in casualty_words().items():
        index.setdefault(pattern[0], []).append((pattern, cat))
    return {k: tuple(sorted(v, key=lambda pc: -len(pc[0]))) for k, v in index.items()}


def keyword_at(sent: Span, i: int) -> tuple[str, int] | None:
    """(category, length) of a casualty word starting at token ``i``, longest first."""
    doc = sent.doc
    tok = doc[i]
    lemma, low = tok.lemma_.lower(), tok.lower_
    index = _index()
    cands = index.get(lemma, ()) + (index.get(low, ()) if low != lemma else ())
    for pattern, cat in cands:
        n = len(pattern)
        if i + n > sent.end:
            continue
        if n > 1 and not all(
            doc[i + k].lemma_.lower() == pattern[k] or doc[i + k].lower_ == pattern[k] for k in range(1, n)
        ):
            continue
        # "life" only counts as a death with "claim/take/lose lives"; "toll" only as a death toll
        if pattern == ("life",) and not _lives_taken(tok):
            continue
        if pattern == ("toll",) and not (
            i > sent.start and doc[i - 1].lemma_.lower() in ("death", "casualty")
        ):
            continue
        if pattern == ("body",) and tok.tag_ != "NNS":
            continue
        # the nouns "killing" and "execution" count only with their victims: "the killing of 40 villagers"
        if pattern in (("killing",), ("execution",)) and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children
        ):
            continue
        return cat, n
    return None


def _lives_taken(tok: Token) -> bool:
    return (
        tok.head.lemma_.lower() in ("claim", "take", "lose", "cost")
        or tok.lower_ == "lives"
        and tok.dep_ == "dobj"
    )


def _keywords(sent: Span) -> list[tuple[int, str]]:
    out = []
    i = sent.start
    while i < sent.end:
        hit = keyword_at(sent, i)
        if hit:
            out.append((i, hit[0]))
            i += hit[1]
        else:
            i += 1
    return out


def _victim_noun(sent: Span, q: Quantity) -> int | None:
    """The noun the count counts: "three soldiers", "three of its soldiers"."""
    doc = sent.doc
    num = doc[q.end - 1]
    head = num.head
    if num.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN"):
        return head.i
    # "three of its soldiers", "15 of them"
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj.i
    nxt = q.end
    if nxt < sent.end and doc[nxt].pos_ in ("NOUN", "PROPN"):
        return nxt
    # "three wounded soldiers", "a dozen alleged members", "five suspected armed men": modifiers first
    j = nxt
    while j < min(nxt + 3, sent.end) and (doc[j].pos_ == "ADJ" or doc[j].dep_ == "amod"):
        j += 1
    if nxt < j < sent.end and doc[j].pos_ in ("NOUN", "PROPN"):
        return j
    return None


def find_counts(sent: Span) -> list[Count]:
    """Every casualty count in a sentence, explicit zeros included."""
    doc = sent.doc
    keys = _keywords(sent)
    quantities = [q for q in find_quantities(sent) if q.value is not None or q.qualifier]
    out: list[Count] = []
    used_keys: set[int] = set()
    for qi, q in enumerate(quantities):
        # a count that a subset word introduces ("including 2 women") is part of another count
        prev = doc[q.start - 1].lower_ if q.start > sent.start else ""
        if prev in grammar()["subset_words"]:
            continue
        left_limit = quantities[qi - 1].end if qi > 0 else sent.start
        right_limit = quantities[qi + 1].start if qi + 1 < len(quantities) else sent.end
        victim = _victim_noun(sent, q)
        if victim is not None and _in_breakdown(doc[victim]):
            continue  # "including 20 women and seven children", "98 people - 36 men, 16 children - ..."
        if victim is not None and _is_event_noun(doc[victim]):
            continue  # "8 airstrikes", "three attacks": a number of events, not of people
        adjacent = keyword_at(sent, q.end) if q.end < right_limit else None
        if adjacent:  # "30 killed", "15 wounded"
            out.append(Count(adjacent[0], q, q.end, victim))
            continue
        syntactic = _by_syntax(sent, q, victim)
        if syntactic is not None:
            if syntactic[1]:
                out.append(Count(syntactic[1], q, syntactic[0], victim))
            continue
        best: tuple[int, int, str] | None = None  # (distance, token, category)
        for k, cat in keys:
            if q.end <= k < min(q.end + _WINDOW_RIGHT, right_limit):
                dist = k - q.end + 1
                span_toks = doc[q.end : k]
            elif max(q.start - _WINDOW_LEFT, left_limit) <= k < q.start:
                dist = q.start - k
                span_toks = doc[k + 1 : q.start]
            else:
                continue
            if any(t.text in _STOP for t in span_toks):
                continue
            if best is None or dist < best[0]:
                best = (dist, k, cat)
        if best is None:
            continue
        used_keys.add(best[1])
        out.append(Count(best[2], q, best[1], victim))
    counted = {c.keyword for c in out}
    out.extend(_singular(sent, keys, counted))
    out.extend(_zeros(sent, keys))
    return out


def _in_breakdown(noun: Token) -> bool:
    """Is this noun one part of a breakdown of another count: a list after a subset word ("including
    20 women and seven children") or in apposition ("98 people - 36 men, 16 children and four women")?"""
    top = noun
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    if top.dep_ == "appos" and any(c.dep_ == "nummod" or c.like_num for c in top.head.children):
        return True
    return top.dep_ == "pobj" and top.head.lower_ in grammar()["subset_words"]


def _is_event_noun(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in victim_sectors() or lemma in grammar()["person_nouns"]:
        return False  # "one demonstrator", "two gunmen": people, though the words are also triggers
    return any(e.pos in ("N", "*") and len(e.pattern) == 1 for e in lexicon().get(lemma, ()))


def _category_of_verb(sent: Span, verb: Token) -> str | None:
    """The casualty category a verb expresses itself ("killed") or through its complement ("found dead")."""
    hit = keyword_at(sent, verb.i)
    if hit:
        return hit[0]
    for child in verb.children:
        # "the death toll hit 52"
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in ("toll", "death", "fatality"):
            return "killed"
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "advcl", "conj") and child.i > verb.i:
            hit = keyword_at(sent, child.i)
            if hit:
                return hit[0]
    return None


def _by_syntax(sent: Span, q: Quantity, victim: int | None) -> tuple[int, str | None] | None:
    """(keyword token, category or None) when the count is the subject or object of a verb.

    None when the parse does not tie the count to a verb (the caller then looks at neighbours).
    A count that is the subject of a verb that is no casualty word ("3 were arrested") gives
    category None: it is not a casualty count.
    """
    doc = sent.doc
    if victim is not None:
        own = keyword_at(sent, victim)  # "6,500 lives", "52 deaths", "3 fatalities"
        if own:
            return victim, own[0]
    tok = doc[victim] if victim is not None else doc[q.end - 1]
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
        return tok.i, None  # "killed by four men": the count is of the attackers
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ == "to":
        # "the death toll has grown to 57 people"
        verb = tok.head.head
        if verb.pos_ == "VERB":
            cat = _category_of_verb(sent, verb)
            if cat is not None:
                return verb.i, cat
        return None
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
        verb = tok.head
        cat = _category_of_verb(sent, verb)
        if cat is not None:
            return verb.i, cat
        if verb.lemma_.lower() in (
            "be",
            "have",
            "leave",
            "include",
            "report",
            "say",
            "rise",
            "reach",
            "stand",
        ):
            return None
        return verb.i, None
    return None


_PERSON_TAGS = ("NN", "NNP")


def _singular(sent: Span, keys: list[tuple[int, str]], counted: set[int]) -> list[Count]:
    """One victim named in the singular: "killed a doctor", "a labourer was shot dead", "the man died"."""
    doc = sent.doc
    out = []
    for k, cat in keys:
        verb = doc[k]
        if k in counted or verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        deps = ("nsubj",) if lemma in ("die", "perish") else ("dobj", "nsubjpass")
        # "shot and killed the chief": the object hangs on the first verb
        holders = [verb, verb.head] if verb.dep_ == "conj" and verb.head.pos_ == "VERB" else [verb]
        for child in (c for h in holders for c in h.children):
            if child.dep_ not in deps or child.tag_ not in _PERSON_TAGS or _is_event_noun(child):
                continue
            if child.tag_ == "NNP" and child.ent_type_ != "PERSON":
                continue
            if child.lower_ in ("one", "nobody", "none") or any(
                d.lower_ in ("no", "any") for d in child.children
            ):
                continue  # "no one was hurt" is an explicit zero, found by _zeros
            if (
                lemma in ("die", "perish")
                and child.lemma_.lower() not in victim_sectors()
                and not _is_person_noun(child)
            ):
                continue  # "the engine died", "the talks died"
            out.append(Count(cat, Quantity(child.i, child.i + 1, 1, num_start=child.i), k, child.i))
            break
    return out


def _is_person_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in grammar()["person_nouns"]


def _zeros(sent: Span, keys: list[tuple[int, str]]) -> list[Count]:
    """Explicit zeros: "no casualties", "no one was hurt", "nobody was killed"."""
    doc = sent.doc
    out: list[Count] = []
    for tok in sent:
        if tok.lower_ != "no" or tok.dep_ == "neg":
            continue
        head = tok.head
        lemma = head.lemma_.lower()
        if tok.dep_ == "det" and lemma in zero_nouns():
            for cat in zero_nouns()[lemma]:
                out.append(Count(cat, None, head.i, None))
        elif (tok.dep_ == "det" and head.dep_ in ("nsubj", "nsubjpass")) or (
            tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "one"
        ):
            # "no one was hurt", "no soldiers were killed", "no civilian lost their life"
            subj = head if tok.dep_ == "det" else doc[tok.i + 1]
            verb = subj.head
            for k, cat in keys:
                if (
                    k in (verb.i, subj.i)  # "no lives were lost": the subject is the casualty word
                    or doc[k].head.i == verb.i
                    and doc[k].dep_ in ("acomp", "oprd", "xcomp", "dobj")
                ):
                    out.append(Count(cat, None, k, None))
    for tok in sent:
        if tok.lower_ == "nobody" or (tok.lower_ == "none" and tok.dep_ in ("nsubj", "nsubjpass")):
            verb = tok.head
            for k, cat in keys:
                if k == verb.i or doc[k].head.i == verb.i and doc[k].dep_ in ("acomp", "oprd", "xcomp"):
                    out.append(Count(cat, None, k, None))
    return out
