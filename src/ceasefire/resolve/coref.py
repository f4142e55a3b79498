"""In-article reference resolution for actors: a small explicit resolver, no model.

It attaches to an earlier actor:

- definite descriptions ("the ministry", "the army", "the group", "the spokesman", "officials
  said") that agree in type with it (``anaphors.tsv``; a body phrase refers to the same kind
  of body);
- "it" / "its" when "it" is the subject of a reporting or action verb (``verbs.tsv``) or "its"
  owns an organisational noun (``possessed.tsv``), to a singular organisation or state;
- "they" / "their" to a plural actor (troops, officials, rebels) or a group;
- "he" / "she" / "his" / "her" to a person.

Among the actors that fit, the one named in the closest sentence wins (at most
``WINDOW`` sentences back), a grammatical subject before a non-subject, then the most recent.
A candidate inside a quotation does not count for a pronoun outside it ('"Armenian troops
fired first," it said' refers to whoever spoke, not to the troops).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ceasefire.resolve.actor_kb import ActorKB, normalise

WINDOW = 3  # sentences back
_ORGANISATIONS = frozenset({"state", "body", "org", "group", "igo", "ngo"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
# bare plurals of these sectors ("officials said", "troops fired") may refer back; "workers" may not
_ORGANISED = frozenset({"government", "military", "police", "peacekeepers", "rebels", "militia"})


@dataclass(frozen=True)
class Candidate:
    start: int  # token offsets
    end: int
    ref: Any  # actors.ActorRef
    plural: bool
    kind: str
    body: str | None
    sector: str | None


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes in pairs)."""
    regions = [(m.start(), m.end()) for m in re.finditer(r"\u201c[^\u201d]*\u201d", text)]
    regions += [(m.start(), m.end()) for m in re.finditer(r'"[^"\n]*"', text)]
    return regions


def _region(regions: list[tuple[int, int]], char: int) -> tuple[int, int] | None:
    for r in regions:
        if r[0] <= char < r[1]:
            return r
    return None


def fits(c: Candidate, accepts: Iterable[str]) -> bool:
    for a in accepts:
        if a.startswith("sector:"):
            if c.sector == a[7:]:
                return True
        elif a.startswith("kind:"):
            if c.kind == a[5:]:
                return True
        elif c.body == a:
            return True
    return False


def _subject_rank(doc: Doc, start: int, end: int) -> int:
    """0: subject of its sentence's main verb; 1: subject of another clause; 2: not a subject."""
    root = doc[start:end].root
    if root.dep_ not in _SUBJECT:
        return 2
    return 0 if root.head.dep_ == "ROOT" else 1


def _reporter(tok, verbs: frozenset[str]):
    """The subject of the reporting verb whose complement ``tok`` is the subject of, if any."""
    clause = tok.head
    for _ in range(4):
        if clause.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
            return None
        governor = clause.head
        if governor.lemma_.lower() in verbs:
            subjects = [c for c in governor.children if c.dep_ in _SUBJECT]
            if subjects:
                return subjects[0]
        clause = governor
    return None


def _sentence_of(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def resolve_references(
    doc: Doc, kb: ActorKB, candidates: list[Candidate], pieces: list
) -> list[tuple[int, int, Any]]:
    """(start, end, actor ref) for each reference that resolves; ``pieces`` are the
    knowledge-base matches (bodies, anaphors) that named no country of their own."""
    sent = _sentence_of(doc)
    regions = quote_regions(doc.text)
    subject = {c.start: _subject_rank(doc, c.start, c.end) for c in candidates}
    pool = sorted(candidates, key=lambda c: c.start)
    out: list[tuple[int, int, Any]] = []
    determiners = kb.cues["determiners"]

    def pick(i: int, char: int, ok) -> Candidate | None:
        here = _region(regions, char)
        best, best_key = None, None
        for c in pool:
            if c.end > i:
                break
            dist = sent[i] - sent[c.start]
            if dist > WINDOW:
                continue
            where = _region(regions, doc[c.start].idx)
            if where is not None and where != here:
                continue
            if not ok(c):
                continue
            key = (dist, subject.get(c.start, 2), -c.start)
            if best_key is None or key < best_key:
                best, best_key = c, key
        return best

    def add(start: int, end: int, c: Candidate, plural: bool) -> None:
        out.append((start, end, c.ref))
        new = Candidate(start, end, c.ref, plural, c.kind, c.body, c.sector)
        subject[start] = _subject_rank(doc, start, end)
        pool.append(new)
        pool.sort(key=lambda x: x.start)

    references: list[tuple[int, int, str]] = []  # (start, end, "piece"/"pronoun")
    piece_at = {p.start: p for p in pieces}
    for p in pieces:
        references.append((p.start, p.end, "piece"))
    for tok in doc:
        if tok.lower_ in ("it", "its", "they", "their", "he", "she", "his", "her"):
            references.append((tok.i, tok.i + 1, "pronoun"))
    references.sort()

    for start, end, what in references:
        char = doc[start].idx
        if what == "piece":
            p = piece_at[start]
            phrase = normalise(doc[start:end].text)
            last = phrase.split()[-1]
            accepts: tuple[str, ...] = ()
            if p.type == "body":
                accepts = (p.ref,)
            anaphor = kb.anaphors.get(phrase) or kb.anaphors.get(last)
            if anaphor is not None:
                accepts += anaphor.accepts
            if not accepts:
                continue
            plural = doc[end - 1].tag_ in ("NNS", "NNPS")
            before = doc[start - 1].lower_ if start > 0 else ""
            bare_subject = (
                plural
                and doc[start:end].root.dep_ in _SUBJECT
                and p.type == "body"
                and kb.bodies[p.ref].sector in _ORGANISED
            )
            if before in kb.cues.get("non_state_markers", frozenset()):
                continue  # "separatist officials" are not the ministry named before them
            # "a ministry spokesperson", "an army official": the body word modifying a role noun
            # refers back like "the ministry" does, though the article before it is indefinite
            role_owner = (
                before in ("a", "an")
                and end - start == 1
                and doc[start].dep_ == "compound"
                and doc[start].head.lower_ in kb.cues.get("role_nouns", frozenset())
            )
            if before not in determiners and not bare_subject and not role_owner:
                continue
            c = pick(
                start,
                char,
                # a person is "the president" or "the spokesman", never "the troops" or "the authorities"
                lambda c, accepts=accepts: (
                    fits(c, accepts) and (c.kind != "person" or "kind:person" in accepts)
                ),
            )
            if c is not None:
                # the span takes the determiner: "the ministry"
                add(start - 1 if before in determiners or role_owner else start, end, c, plural)
            continue
        tok = doc[start]
        low = tok.lower_
        if low in ("it", "they") and tok.dep_ in _SUBJECT:
            # "Iraq said it would allow ...": the subject of the reporting verb above
            speaker = _reporter(tok, kb.verbs)
            c = None
            if speaker is not None:
                c = next((c for c in pool if c.start <= speaker.i < c.end and c.end <= start), None)
                if c is not None and (c.kind == "person" or (low == "it") == c.plural):
                    c = None
            if c is not None:
                add(start, end, c, low == "they")
                continue
        if low == "it":
            if tok.dep_ not in _SUBJECT or tok.head.lemma_.lower() not in kb.verbs:
                continue
            c = pick(start, char, lambda c: c.kind in _ORGANISATIONS and not c.plural)
        elif low == "its":
            if tok.dep_ != "poss" or tok.head.lemma_.lower() not in kb.possessed:
                continue
            c = pick(start, char, lambda c: c.kind in _ORGANISATIONS and not c.plural)
        elif low == "they":
            if tok.dep_ not in _SUBJECT:
                continue
            c = pick(start, char, lambda c: c.plural or c.kind in ("group", "people"))
        elif low == "their":
            if tok.dep_ != "poss" or tok.head.lemma_.lower() not in kb.possessed:
                continue
            c = pick(start, char, lambda c: c.plural or c.kind in ("group", "people"))
        elif low in ("he", "she"):
            if tok.dep_ not in _SUBJECT:
                continue
            c = pick(start, char, lambda c: c.kind == "person")
        else:  # his, her
            if tok.dep_ != "poss":
                continue
            c = pick(start, char, lambda c: c.kind == "person")
        if c is not None:
            add(start, end, c, low in ("they", "their"))
    return out
