"""The "events" stage: what happened, who did it to whom, where, when, and how many died.

Every sentence is scanned for triggers from the lexicon (``extract/coding.py``):
verbs ("shelled"), nouns ("the incursion", "clashes") and multi-word patterns
("a drone strike").  Each trigger becomes an :class:`~ceasefire.records.Event`
with its codings, the actor and target found in the dependency parse, the
place (``resolve.places.event_place`` when that stage is installed), the date
(``extract/dates.py``), casualty counts (``extract/casualties.py``) and flags
for negation, modality and background.  See docs/events.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ceasefire.extract import casualties as cas
from ceasefire.extract.coding import (
    POS_CLASSES,
    VIOLENT_ACLED,
    Entry,
    cameo_root,
    entry_by_name,
    grammar,
    lexicon,
    modality_words,
    non_political_words,
)
from ceasefire.extract.dates import DateExpr, find_dates, parse_published
from ceasefire.pipeline import Context, stage
from ceasefire.records import Acled, Actor, Event, EventSpans, Place, Victims

_AGENT_OF = frozenset(
    {"RETREAT", "MOBILIZE", "PROTEST", "CONSULT"}
)  # "withdrawal of troops": "of" names the agent
_CLIMB = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "conj", "acl", "pcomp", "attr", "advcl", "nsubj",
                    "nsubjpass", "compound", "amod", "nmod", "appos", "oprd", "relcl"})  # fmt: skip
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_ACTOR_DEPS = ("compound", "amod", "poss", "nmod")
_OWNER_PRONOUNS = frozenset({"its", "their", "it", "they", "his", "her", "he", "she"})


@dataclass
class _Trigger:
    start: int  # token indices
    end: int
    head: Token
    entry: Entry


@dataclass
class _Draft:
    trigger: _Trigger
    sent: Span
    sent_index: int
    actor: Actor | None = None
    target: Actor | None = None
    actor_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    negated: bool = False
    modality: str | None = None
    background: bool = False
    counts: list[cas.Count] = field(default_factory=list)
    type: str = ""
    mode: str | None = None
    acled_event: str | None = None
    acled_sub: str | None = None
    target_tok: Token | None = None
    agent_tok: Token | None = None
    entry_name: str | None = None
    undated: bool = False


def find_triggers(sent: Span) -> list[_Trigger]:
    """Lexicon triggers of one sentence, longest pattern first, no token used twice."""
    doc = sent.doc
    lex = lexicon()
    taken: set[int] = set()
    found: list[_Trigger] = []
    for tok in sent:
        if tok.i in taken:
            continue
        lemma = tok.lemma_.lower()
        cands = lex.get(lemma, ()) + (lex.get(tok.lower_, ()) if tok.lower_ != lemma else ())
        for entry in cands:
            n = len(entry.pattern)
            if tok.i + n > sent.end:
                continue
            toks = doc[tok.i : tok.i + n]
            if n > 1:
                if any(t.i in taken for t in toks):
                    continue
                if (
                    tuple(t.lemma_.lower() for t in toks) != entry.pattern
                    and tuple(t.lower_ for t in toks) != entry.pattern
                ):
                    continue
                head = next(
                    (t for t in toks if not (toks.start <= t.head.i < toks.end) or t.head == t), toks[-1]
                )
            else:
                if tok.pos_ not in POS_CLASSES[entry.pos]:
                    continue
                hyphen = tok.i > sent.start and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
                if hyphen and entry.pos == "V":
                    continue  # "open-ended", "state-backed": a verb as the second half of an adjective
                if tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
                    continue
                if entry.pos == "V" and lemma in grammar()["transitive_only"] and not _has_object(tok):
                    continue  # "Moscow ended its cooperation" is an act; "the war ended" is not
                head = tok
            found.append(_Trigger(tok.i, tok.i + n, head, entry))
            taken.update(range(tok.i, tok.i + n))
            break
    # a noun modifying another noun names a kind of thing ("riot police", "war crimes"), not an event,
    # unless that noun is an event too ("missile attack")
    heads = {t.head.i for t in found}
    return [
        t
        for t in found
        if not (
            t.end - t.start == 1
            and t.head.dep_ in ("compound", "amod")
            and t.head.head.pos_ in ("NOUN", "PROPN")
            and t.head.head.i not in heads
        )
    ]


def _has_object(verb: Token) -> bool:
    """The verb takes an object or is passive ("ended its cooperation", "talks were halted")."""
    return any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children)


def _noun_phrase(tok: Token) -> tuple[int, int]:
    """Character span of a noun with its modifiers on the left (det excluded)."""
    left = tok
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "det") and child.i < left.i:
            left = child
    while left.dep_ == "det" and left.i < tok.i:
        left = left.doc[left.i + 1]
    return left.idx, tok.idx + len(tok)


def _actor_of(ctx: Context, tok: Token, depth: int = 0) -> tuple[Actor | None, tuple[int, int]]:
    """The actor a noun (with its compounds, adjectives and possessor) refers to, and its span."""
    span = _noun_phrase(tok)
    actor = ctx.actor_at(tok.idx, tok.idx + len(tok))
    if actor is None and tok.pos_ == "PRON" and depth < 2:
        owner = _owner(tok)
        if owner is not None:
            return _actor_of(ctx, owner, depth + 1)
    if actor is None:
        for child in tok.lefts:
            if child.dep_ in _ACTOR_DEPS:
                actor = ctx.actor_at(child.idx, child.idx + len(child))
                if actor is None and child.dep_ == "poss" and child.pos_ == "PRON" and depth < 2:
                    owner = _owner(child)  # "their forces": whose forces the sentence says
                    actor = _actor_of(ctx, owner, depth + 1)[0] if owner is not None else None
                if actor is not None:
                    break
    if actor is None:
        actor = ctx.actor_at(*span)
    if actor is None:
        # "thousands of Iraqi Kurds", "activists from the Fatah Party", "demonstrators in Baghdad"
        preps = (
            ("of", "from", "in")
            if not (tok.like_num or tok.lemma_.lower() in grammar()["collective"])
            else ("of",)
        )
        inner = _pobj(tok, *preps)
        if inner is not None and inner.i != tok.i:
            found, inner_span = _actor_of(ctx, inner)
            if found is not None:
                return found, inner_span if tok.like_num or tok.lemma_.lower() in grammar()[
                    "collective"
                ] else span
    if actor is None and tok.pos_ in ("NOUN", "PROPN"):
        found_tok = _nearest_actor_below(ctx, tok)
        if found_tok is not None:
            actor = ctx.actor_at(found_tok.idx, found_tok.idx + len(found_tok))
    return actor, span


def _nearest_actor_below(ctx: Context, tok: Token) -> Token | None:
    """The closest token under a noun that is part of an actor mention ("leaders of the opposition
    coalition of Azerbaijan", "doctors from two American aid groups"), not crossing into clauses or into
    phrases that name another party ("talks with X", "an attack on X")."""
    skip_preps = grammar()["other_party_preps"]
    frontier, depth = [tok], 0
    while frontier and depth < 3:
        nxt = []
        for cur in frontier:
            for child in cur.children:
                if child.dep_ in ("acl", "amod") and child.lemma_.lower() in grammar()["membership_words"]:
                    # "workers affiliated with the union", "militants loyal to the government": theirs
                    for prep in _children(child, "prep"):
                        for obj in _children(prep, "pobj"):
                            found = next(
                                (
                                    t
                                    for t in obj.subtree
                                    if t.i <= obj.i and ctx.actor_at(t.idx, t.idx + len(t))
                                ),
                                None,
                            )
                            if found is not None:
                                return found
                    continue
                if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct"):
                    continue
                if child.dep_ == "prep" and child.lower_ in skip_preps:
                    continue
                if ctx.actor_at(child.idx, child.idx + len(child)) is not None:
                    return child
                nxt.append(child)
        frontier, depth = nxt, depth + 1
    return None


def _owner(pron: Token) -> Token | None:
    """The subject an unresolved pronoun most plausibly refers to: that of the nearest clause above it
    whose subject does not contain the pronoun ("Bosnian Serbs said their forces ..." -> Bosnian Serbs)."""
    if pron.lower_ not in _OWNER_PRONOUNS:
        return None
    cur, steps = pron, 0
    while cur.head != cur and steps < 8:
        cur, steps = cur.head, steps + 1
        if cur.pos_ not in ("VERB", "AUX"):
            continue
        for subj in _children(cur, "nsubj", "nsubjpass"):
            if pron.i in {t.i for t in subj.subtree} or subj.pos_ == "PRON":
                continue
            return subj
    return None


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobj(tok: Token, *preps: str) -> Token | None:
    for prep in tok.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The agent of a verb: its subject, the subject (or object) of the verb it depends on, ..."""
    subj = _children(verb, "nsubj")
    if subj:
        tok = subj[0]
        if tok.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return tok
    by = _pobj(verb, "by") if _passive(verb) else None
    if by is not None:
        return by
    if verb.lemma_.lower() in grammar()["stative_participles"]:
        passive_subj = _children(verb, "nsubjpass")
        if passive_subj:
            return passive_subj[0]  # "forces were engaged in ethnic cleansing": the doers
    if depth > 3:
        return None
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "conj") and not _children(verb, "aux"):
        return None  # "would respond if attacked": a bare passive participle names no attacker
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "xcomp":
        obj = _children(head, "dobj")
        if obj and head.lemma_.lower() in (
            "urge",
            "ask",
            "call",
            "order",
            "force",
            "tell",
            "allow",
            "persuade",
        ):
            return obj[0]
        return _subject_of(head, depth + 1)
    if verb.dep_ == "conj" and _children(head, "nsubjpass") and not _children(head, "nsubj"):
        # "the minister was indicted by the court and will resign": the conjuncts share the subject
        return _children(head, "nsubjpass")[0]
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return _subject_of(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and not _children(verb, "nsubjpass"):
        return head
    if verb.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):
        # "Syria is willing to withdraw": the adjective's subject is its copula's subject
        return _subject_of(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "resorted to throwing stones", "by shelling the town": a gerund takes the clause's subject
        return _subject_of(head.head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "ADJ" and head.head.dep_ == "acomp":
        # "both sides are guilty of violating the truce": the adjective's subject
        return _subject_of(head.head.head, depth + 1)
    return None


def _passive(verb: Token) -> bool:
    """Whether a verb is passive, so that a "by" phrase names its agent ("was shelled by X")."""
    return verb.tag_ == "VBN" or any(c.dep_ in ("auxpass", "agent") for c in verb.children)


def _parties(ctx: Context, trig: _Trigger) -> tuple[Token | None, Token | None]:
    """(agent, patient) tokens of a trigger from the dependency parse."""
    head = trig.head
    agent: Token | None = None
    patient: Token | None = None
    lemma = head.lemma_.lower()
    if head.pos_ in ("VERB", "AUX") or trig.entry.pos == "V":
        agent = _subject_of(head)
        passive = _children(head, "nsubjpass")
        objs = _children(head, "dobj")
        if passive:
            patient = passive[0]
        elif objs:
            patient = objs[0]
        if patient is None:
            patient = _pobj(head, "with", "on", "against", "at", "into", "in")
            if (
                patient is not None
                and patient.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON", "")
                and (ctx.actor_at(patient.idx, patient.idx + len(patient)) is None)
            ):
                patient = None
        if patient is None and trig.entry.type in grammar()["clause_target_types"]:
            # "demanded that the government resign", "charged that border agents abused migrants"
            for clause in _children(head, "ccomp"):
                subj = _children(clause, "nsubj", "nsubjpass")
                if subj:
                    patient = subj[0]
                    break
    else:
        poss = _children(head, "poss")
        if lemma in grammar()["agent_nouns"] and ctx.actor_at(*_noun_phrase(head)) is not None:
            agent = head  # "demonstrators in Baghdad blocked a road": the protesters are who protests
        elif poss:
            agent = poss[0]
        if agent is None:
            agent = _pobj(head, "by")
        if agent is None:
            for child in head.lefts:
                if child.dep_ not in ("compound", "amod", "nmod"):
                    continue
                # "a US drone strike", "US Predator attacks": a modifier of a modifier may name the doer
                found = next(
                    (t for t in child.subtree if t.i < head.i and ctx.actor_at(t.idx, t.idx + len(t))), None
                )
                if found is not None:
                    agent = found
                    break
        patient = _pobj(head, "on", "against", "at", "targeting", "with", "upon")
        if patient is None and head.dep_ == "dobj":
            # "opened investigations against X", "imposed sanctions on X": the phrase hangs on the verb
            patient = _pobj(head.head, "on", "against", "targeting", "upon")
        if patient is None and head.dep_ == "nsubj" and head.head.pos_ == "VERB":
            # "a roadside bombing killed a soldier", "the airstrike hit a hospital": what the event did
            objs = _children(head.head, "dobj")
            patient = objs[0] if objs else None
        of = _pobj(head, "of")
        if of is not None:
            if trig.entry.type in _AGENT_OF and agent is None:
                agent = of
            elif patient is None and trig.entry.type not in _AGENT_OF:
                patient = of
        between = _pobj(head, "between")
        host = (
            _subject_of(head.head) if between is not None and head.dep_ == "dobj" and agent is None else None
        )
        if host is not None and ctx.actor_at(*_noun_phrase(host)) is not None:
            # "Morocco would host a meeting between X and Y": the one who holds it acts; X and Y take part
            agent = host
        if between is not None:
            agent = agent or between
            conj = _children(between, "conj")
            if conj and patient is None:
                patient = conj[0]
        light = head.dep_ == "nsubjpass" and head.head.lemma_.lower() in grammar()["light_verbs"]
        if agent is None and (head.dep_ == "dobj" or light):
            agent = _subject_of(head.head)
        if agent is None:
            # "Serb forces killed three people in a gunbattle", "forces launched artillery and mortar fire",
            # "youths resorted to throwing stones during demonstrations"
            gov, steps = head, 0
            while gov.dep_ in ("pobj", "prep", "conj", "dobj", "compound", "appos") and steps < 4:
                gov, steps = gov.head, steps + 1
                if gov.pos_ in ("NOUN", "PROPN") and gov.lemma_.lower() in grammar()["report_nouns"]:
                    break  # "rejected Russian claims of a withdrawal": the rejecter did not withdraw
                if (
                    trig.entry.type == "ASSAULT"
                    and gov.pos_ in ("NOUN", "PROPN")
                    and gov.dep_ in _SUBJ
                    and ctx.actor_at(gov.idx, gov.idx + len(gov)) is not None
                ):
                    agent = gov  # "Russian aircraft including helicopter gunships killed ...": whose weapons
                    break
                if gov.pos_ in ("VERB", "AUX") and gov.dep_ != "prep":  # not "including"
                    agent = _subject_of(gov)
                    break
    if (
        patient is None
        and head.pos_ in ("NOUN", "PROPN")
        and trig.entry.type in grammar()["clause_target_types"]
    ):
        # "its demand that Israel ease restrictions" (the clause may hang on the verb of "reiterated its demand")
        clauses = _children(head, "acl", "ccomp")
        if head.dep_ == "dobj":
            clauses += _children(head.head, "ccomp")
        for clause in clauses:
            subj = _children(clause, "nsubj", "nsubjpass")
            if subj and any(m.lower_ == "that" for m in _children(clause, "mark")):
                patient = subj[0]
                break
    if agent is not None and patient is None and lemma in grammar()["reciprocal"]:
        conj = _children(agent, "conj")
        if conj:
            patient = conj[0]
    return agent, patient


_RECIPIENT_DEPS = ("dobj", "dative", "pobj", "nsubjpass", "poss", "compound", "amod")
_RECIPIENT_PREPS = frozenset(
    {
        "to",
        "with",
        "on",
        "against",
        "from",
        "into",
        "in",
        "for",
        "at",
        "between",
        "toward",
        "towards",
    }
)


def _recipient(ctx: Context, head: Token, agent: Token | None, exclude: Actor | None = None) -> Token | None:
    """The nearest actor below the trigger that receives or suffers it ("aid to Liberia", "ban on the party")."""
    if not ctx.actors:
        return None
    skip = set()
    if agent is not None:
        skip = {t.i for t in agent.subtree}
    best: tuple[int, Token] | None = None
    for tok in head.subtree:
        if tok.i in skip or tok.i == head.i or tok.dep_ not in _RECIPIENT_DEPS:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in _RECIPIENT_PREPS:
            continue
        found = ctx.actor_at(tok.idx, tok.idx + len(tok))
        if found is None or (exclude is not None and found is exclude):
            continue  # "reneged on his commitment to the Zambian people": not the agent's own "his"
        depth, cur = 0, tok
        while cur.i != head.i and cur.head != cur and depth < 8:
            cur, depth = cur.head, depth + 1
        if best is None or depth < best[0]:
            best = (depth, tok)
    return best[1] if best else None


def _modality(trig: _Trigger) -> tuple[bool, str | None]:
    """(negated, modality) from the words that govern the trigger."""
    words = modality_words()
    head = trig.head
    negated = bool(_children(head, "neg")) or any(
        c.lower_ == "no" or (c.lower_ == "without" and head.pos_ != "VERB")
        for c in head.children
        if c.dep_ in ("det", "prep")
    )  # "allow inspectors back without conditions" is allowing them, "a truce without a deal" ...
    if head.dep_ == "pobj" and head.head.lower_ == "without":
        negated = True
    for aux in _children(head, "aux", "auxpass", "advmod", "mark"):
        effect = words.get(aux.lower_) or words.get(aux.lemma_.lower())
        if effect and effect != "negated":
            return negated, effect
    # "will withdraw unless ...": a condition attached to the trigger
    for clause in _children(head, "advcl"):
        for mark in _children(clause, "mark"):
            if mark.lower_ in ("if", "unless"):
                return negated, words.get(mark.lower_)
    cur, steps = head, 0
    while cur.dep_ in _CLIMB and cur.head != cur and steps < 5:
        dep = cur.dep_
        if dep in ("nsubj", "nsubjpass", "conj") and cur != head:
            break
        prev, cur, steps = cur, cur.head, steps + 1
        effect = words.get(cur.lemma_.lower())
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in prev.children)
        if cur.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and effect and (dep != "advcl" or infinitive):
            return (True, None) if effect == "negated" else (negated, effect)
        for child in cur.children:
            if child.dep_ in ("aux", "mark") and words.get(child.lower_) and dep != "conj":
                effect = words[child.lower_]
                if effect != "negated" and (
                    dep in ("xcomp", "ccomp", "advcl", "prep") or child.dep_ == "mark"
                ):
                    return negated, effect
        if dep in ("xcomp",) and _children(cur, "neg"):
            negated = True
        if dep == "advcl":
            break
    return negated, None


def _background(trig: _Trigger, pub: dt.date | None) -> bool:
    """Context from another time: "the 2020 war", "since the war began"."""
    head = trig.head
    for child in head.children:
        is_year = child.like_num and len(child.text) == 4 and child.text.isdigit()
        if is_year and (pub is None or int(child.text) < pub.year):
            return True
    cur, steps = head, 0
    while cur.head != cur and steps < 4:
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in cur.children):
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ == "since":
            return True
        cur, steps = cur.head, steps + 1
    return False


def _new_finding(head: Token) -> bool:
    """Is this past event what a report, inquiry or accusation now finds ("a UN report said troops killed
    500 last year", "investigators say ...", "accused of executing 500 in 2022")? Then it is the news."""
    words = grammar()["finding_words"]
    cur, steps = head, 0
    while cur.head != cur and steps < 6:
        cur, steps = cur.head, steps + 1
        if cur.lemma_.lower() in words:
            return True
        if cur.lemma_.lower() in ("say", "state", "find") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in words for c in cur.children
        ):
            return True  # "investigators say", "the report found"
    return False


def _pick_date(trig: _Trigger, sent: Span, dates: Sequence[DateExpr]) -> DateExpr | None:
    """The date expression of the sentence that belongs to this trigger: in its clause, else nearest."""
    if not dates:
        return None
    doc = sent.doc
    clause = trig.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause and clause.dep_ != "ROOT":
        clause = clause.head
    lo, hi = doc[clause.left_edge.i].idx, doc[clause.right_edge.i].idx + len(doc[clause.right_edge.i])
    anchor = doc[trig.start].idx
    inside = [d for d in dates if lo <= d.start and d.end <= hi]
    pool = inside or list(dates)
    return min(pool, key=lambda d: abs(d.start - anchor))


def _place(ctx: Context, trig: _Trigger) -> Place | None:
    start = trig.head.doc[trig.start].idx
    end = trig.head.doc[trig.end - 1].idx + len(trig.head.doc[trig.end - 1])
    finder = _event_place_fn()
    if finder is not None:
        return finder(ctx, start, end)
    # fallback: a place named in the trigger's clause, else the first place in the sentence
    sent = ctx.sentences[ctx.sentence_index(start)] if ctx.sentences else None
    for tok in trig.head.subtree:
        place = ctx.place_at(tok.idx, tok.idx + len(tok))
        if place is not None:
            return place
    if sent is not None:
        return ctx.place_at(sent.start, sent.end)
    return None


def _event_place_fn() -> Callable[[Context, int, int], Place | None] | None:
    try:
        module = importlib.import_module("ceasefire.resolve.places")
    except ImportError:
        return None
    return getattr(module, "event_place", None)


def _non_political(sent: Span) -> str | None:
    words = non_political_words()
    lemmas = [t.lemma_.lower() for t in sent]
    for i in range(len(lemmas)):
        for n in (2, 1):
            key = tuple(lemmas[i : i + n])
            if key in words:
                return words[key]
    return None


def _victims(ctx: Context, draft: _Draft, count: cas.Count) -> Victims | None:
    if count.victim is None:
        return None
    doc = draft.sent.doc
    noun = doc[count.victim]
    sector = cas.victim_sectors().get(noun.lemma_.lower()) or cas.victim_sectors().get(noun.lower_)
    actor, _ = _actor_of(ctx, noun)
    country = actor.country if actor else None
    if country is None:
        # "three of its soldiers": the owner is the speaker or the sentence's subject
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if owners and owners[0].pos_ == "PRON":
            found = ctx.actor_at(owners[0].idx, owners[0].idx + len(owners[0]))
            if found is None:
                root = draft.sent.root
                subj = _children(root, "nsubj")
                found = _actor_of(ctx, subj[0])[0] if subj else None
            country = found.country if found else None
    if sector is None and actor is not None and actor.sector:
        sector = actor.sector
    if country is None and sector is None:
        return None
    return Victims(country=country, sector=sector)


@functools.cache
def _rules() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("ceasefire.data.events").joinpath("acled_rules.json").read_text())
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


def _words_of(tok: Token) -> set[str]:
    """Lower-case lemmas of a noun phrase (the token and its left modifiers)."""
    return {t.lemma_.lower() for t in tok.subtree if t.i <= tok.i} | {tok.lemma_.lower()}


def _is_territory(tok: Token | None, rules: dict[str, frozenset[str]]) -> bool:
    """False only when the object is plainly people ("captured five soldiers")."""
    if tok is None or tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    people = rules["armed_victims"] | rules["civilian_victims"]
    return not (tok.ent_type_ == "PERSON" or tok.lemma_.lower() in people)


def _refine(
    ctx: Context, draft: _Draft, sent: Span, agent: Token | None, counts: Sequence[cas.Count]
) -> None:
    """Refine type, mode and ACLED sub-event type from what else the sentence says."""
    rules = _rules()
    entry = draft.trigger.entry
    head = draft.trigger.head
    lemmas = {t.lemma_.lower() for t in sent}
    event, sub = entry.acled_event, entry.acled_sub
    territory = ("Government regains territory", "Non-state actor overtakes territory")
    # a weapon that is defused, seized or shot down is disrupted, not used
    if event == "Explosions/Remote violence" and head.pos_ in ("NOUN", "PROPN"):
        governed = head.dep_ in ("dobj", "nsubjpass", "pobj", "conj")
        if governed and head.head.lemma_.lower() in rules["disrupt_verbs"]:
            draft.type, draft.mode = "COERCE", "seize"
            event, sub = "Strategic developments", "Disrupted weapons use"
    if event == "Protests":
        hurt = any(c.category in ("killed", "wounded") and (c.value or 0) > 0 for c in counts)
        hurt = hurt or bool(lemmas & rules["protest_harm"])
        if hurt and lemmas & rules["protest_force_agents"]:
            sub = "Excessive force against protesters"
        elif lemmas & rules["violent_protest"]:
            event, sub = "Riots", "Violent demonstration"
            draft.mode = "riot"
        elif lemmas & rules["protest_intervention"]:
            sub = "Protest with intervention"
    elif sub == "Arrests" and lemmas & rules["protest_words"]:
        event, sub = "Protests", "Protest with intervention"
    elif event == "Battles" and sub == "Armed clash" and lemmas & rules["protest_words"]:
        draft.type, draft.mode = "PROTEST", "riot"
        event, sub = "Riots", "Violent demonstration"
    elif sub in territory and not _is_territory(draft.target_tok, rules):
        event, sub = "Battles", "Armed clash"  # "captured five soldiers" takes people, not ground
    elif sub in territory and agent is not None:
        words = _words_of(agent)
        actor = ctx.actor_at(agent.idx, agent.idx + len(agent))
        if words & rules["non_state_forces"] or (actor is not None and actor.sector in ("rebels", "militia")):
            sub = "Non-state actor overtakes territory"
        elif words & rules["state_forces"] or (
            actor is not None and actor.sector in ("military", "government")
        ):
            sub = "Government regains territory"
    elif sub in ("Attack", "Armed clash") and draft.mode in (None, "firearms", "primitive"):
        # who was hurt decides between an attack on civilians and a clash between armed groups
        victims = {sent.doc[c.victim].lemma_.lower() for c in counts if c.victim is not None}
        patient = draft.target_tok
        if patient is not None:
            victims.add(patient.lemma_.lower())
        military_target = patient is not None and bool(_words_of(patient) & rules["military_targets"])
        if victims & rules["armed_victims"] or (military_target and sub == "Attack"):
            event, sub = "Battles", "Armed clash"
        elif victims & rules["civilian_victims"] and entry.acled_event != "Battles":
            event, sub = "Violence against civilians", "Attack"
    draft.acled_event, draft.acled_sub = event, sub


def _char_span(doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


@stage("events")
def events_stage(ctx: Context) -> None:
    """Fill ``ctx.events`` from the parse of ``ctx.doc``."""
    doc = ctx.doc
    try:
        pub = parse_published(ctx.article.published)
    except ValueError as err:
        ctx.warnings.append(f"events: {err}; event dates left unresolved")
        pub = None
    drafts: list[_Draft] = []
    for si, sent in enumerate(doc.sents):
        drafts.extend(_sentence_drafts(ctx, sent, si, pub))
    undated: list[str] = []
    dates: dict[int, list[DateExpr]] = {}  # a sentence's date expressions, found once for all its events
    for n, draft in enumerate(drafts, 1):
        event = _finish(ctx, draft, f"e{n}", pub, dates)
        if draft.undated:
            undated.append(event.id)
        ctx.events.append(event)
    if undated and pub is not None:
        ctx.warnings.append(
            f"events {', '.join(undated)}: no date in the text; the publication date is used with precision 'week'"
        )
    elif undated:
        ctx.warnings.append(
            f"events {', '.join(undated)}: no date in the text and no publication date: date left null"
        )


def _sentence_drafts(ctx: Context, sent: Span, si: int, pub: dt.date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    non_political = _non_political(sent)
    if non_political == "crime" and {t.lemma_.lower() for t in sent} & _rules()["protest_force_agents"]:
        non_political = (
            None  # police or troops killing "drug suspects" is political violence (ACLED codes it)
        )
    for trig in find_triggers(sent):
        if non_political and trig.entry.violent and trig.entry.priority <= 4:
            continue  # "an earthquake struck", "the fire destroyed": not political violence
        draft = _Draft(trig, sent, si, entry_name=trig.entry.name, type=trig.entry.type, mode=trig.entry.mode)
        agent, patient = _parties(ctx, trig)
        draft.agent_tok, draft.target_tok = agent, patient
        if agent is not None:
            draft.actor, draft.actor_span = _actor_of(ctx, agent)
        head = trig.head
        if draft.actor is None and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj":
            # "the United States speeded up the withdrawal of some forces": the "of" phrase named no one
            subj = _subject_of(head.head)
            if subj is not None and subj is not agent:
                draft.actor, draft.actor_span = _actor_of(ctx, subj)
        if (
            draft.actor is None
            and head.dep_ == "acl"
            and head.tag_ == "VBG"
            and head.head.dep_ == "dobj"
            and head.head.head.pos_ in ("VERB", "AUX")
        ):
            # "the party issued a declaration demanding ...": the statement speaks for who issued it
            subj = _subject_of(head.head.head)
            if subj is not None:
                draft.actor, draft.actor_span = _actor_of(ctx, subj)
        target_tok = patient
        own = ctx.actor_at(*_noun_phrase(patient)) if patient is not None else None
        if own is None or (draft.actor is not None and own is draft.actor):
            # "demanded an admission by Moscow": who is to perform the demanded or rejected act
            by = _pobj(patient, "by") if patient is not None and patient.pos_ == "NOUN" else None
            if by is not None and ctx.actor_at(*_noun_phrase(by)) not in (None, draft.actor):
                target_tok = by
            else:
                target_tok = _recipient(ctx, trig.head, agent, draft.actor) or patient
        if target_tok is not None:
            draft.target, draft.target_span = _actor_of(ctx, target_tok)
        draft.negated, draft.modality = _modality(trig)
        draft.background = _background(trig, pub)
        drafts.append(draft)
    drafts.extend(_speech_demands(ctx, sent, si, drafts, pub))
    counts = cas.find_counts(sent)
    if counts:
        violent = [d for d in drafts if d.trigger.entry.violent]
        if violent or non_political is None:
            # each count joins the nearest violent event of the sentence; a second count of the same kind
            # ("20 civilians and 12 fighters were killed") is a figure of its own, so it gets its own event
            for count in sorted(counts, key=lambda c: c.keyword):
                fits = [d for d in violent if all(c.category != count.category for c in d.counts)]
                if not fits and count.category == "captured":
                    # "300 protesters were detained": the arrest itself takes the count
                    fits = [d for d in drafts if d.mode == "arrest" and not d.counts]
                if fits:
                    # "57 were killed in the attack, and another 109 were injured": counts of other kinds
                    # whose words are conjoined are one figure, whichever trigger is nearer
                    joined = [
                        d
                        for d in fits
                        if d.counts
                        and (
                            _continues(sent, count)
                            or any(_conjoined(sent, c.keyword, count.keyword) for c in d.counts)
                        )
                    ]
                    pool = joined or fits
                    min(pool, key=lambda d: abs(d.trigger.head.i - count.keyword)).counts.append(count)
                    continue
                draft = _casualty_draft(ctx, sent, si, count, pub)
                draft.counts.append(count)
                drafts.append(draft)
                violent.append(draft)
    for draft in drafts:
        if draft.actor is None and draft.trigger.entry.type == "PROTEST":
            _protesters_of_place(ctx, draft)
        if draft.actor is None and (
            draft.mode == "arrest" or draft.trigger.head.lemma_.lower() in grammar()["security_acts"]
        ):
            _arresting_authorities(ctx, draft)
        if draft.target is not None and draft.target is draft.actor:
            draft.target = draft.target_span = None  # "Chile withdrew its troops": no target yet
        if draft.target is None:
            _victims_as_target(ctx, draft)
        if draft.target is None and draft.trigger.entry.type in grammar()["place_target_types"]:
            _place_target(ctx, draft, draft.target_tok)
    for draft in drafts:
        if draft.target is None:
            _inherit_target(draft, drafts)
        _refine(ctx, draft, sent, draft.agent_tok, counts)
    return drafts


def _speech_demands(
    ctx: Context, sent: Span, si: int, drafts: Sequence[_Draft], pub: dt.date | None
) -> list[_Draft]:
    """A speaker who says that someone must act makes a demand of them: "Russia said that Sudan must
    return the helicopter", "the minister reiterated that Libya must hand over the suspects"; so does
    one who orders or calls on someone to act ("the judge ordered X to appear").  The demand is a
    REQUEST event on the verb, by its subject, of the one addressed; the demanded act (when it is a
    trigger) keeps its own event with the modality "requested"."""
    words = grammar()["demand_modals"]
    speech = grammar()["speech_verbs"]
    directive = grammar()["directive_verbs"]
    taken = {i for d in drafts for i in range(d.trigger.start, d.trigger.end)}
    out: list[_Draft] = []
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or lemma not in speech | directive or verb.i in taken:
            continue
        speaker = _subject_of(verb)
        if speaker is None or speaker.pos_ == "PRON" and ctx.actor_at(speaker.idx, speaker.idx + 1) is None:
            continue
        addressee = None
        if lemma in directive and _children(verb, "xcomp"):
            # "the judge ordered X to appear", "the paper called on Arabs to unite"
            objs = _children(verb, "dobj")
            addressee = objs[0] if objs else _pobj(verb, "on")
        elif lemma in speech:
            for clause in _children(verb, "ccomp"):
                subj = _children(clause, "nsubj", "nsubjpass")
                if subj and any(c.dep_ == "aux" and c.lower_ in words for c in clause.children):
                    addressee = subj[0]
                    break
        if addressee is None or addressee.i == speaker.i:
            continue
        entry = Entry((lemma,), "*", "REQUEST", None, None, None, 6)
        trig = _Trigger(verb.i, verb.i + 1, verb, entry)
        draft = _Draft(trig, sent, si, entry_name=f"demand:{lemma}", type="REQUEST")
        draft.agent_tok, draft.target_tok = speaker, addressee
        draft.actor, draft.actor_span = _actor_of(ctx, speaker)
        draft.target, draft.target_span = _actor_of(ctx, addressee)
        draft.negated = bool(_children(verb, "neg"))
        draft.background = _background(trig, pub)
        out.append(draft)
    return out


def _place_target(ctx: Context, draft: _Draft, patient: Token | None) -> None:
    """A place that an event acts on or in, as its target: the people of that place's country ("shelled
    two Iraqi towns", "a curfew in Abidjan"), or its government for a visit ("arrived in Amman on a
    visit").  Clashes name no target this way: fighting in a town is not fighting against it."""
    entry = draft.trigger.entry
    if entry.acled_event == "Battles":
        return
    population = _place_population_fn()
    if population is None:
        return
    body = "government" if entry.type == "CONSULT" else "cvl"
    for loc in _place_phrases(draft.trigger.head, patient, entry.type):
        actor = population(ctx, *loc, body)
        if actor is not None:
            if actor is not draft.actor:
                draft.target, draft.target_span = actor, loc
            return


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in grammar()["place_nouns"]


def _place_phrases(head: Token, patient: Token | None, entry_type: str) -> list[tuple[int, int]]:
    """Character spans of the places an event acts on (its object) or happens in (a locative phrase of
    the trigger, of a participle on it, or of the verb a nominal trigger belongs to), nearest first,
    without relative clauses: "hit a hospital in Gaza" gives "a hospital", then "Gaza"."""
    found = [patient] if patient is not None and _is_place(patient) else []
    hosts = [head]
    if head.pos_ in ("NOUN", "PROPN"):
        # "the curfew imposed in Sudan", "arrived in Amman on a visit", "the deployment arrived in Bosnia"
        hosts.extend(c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN")
        if head.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj"):
            gov = head.head.head if head.dep_ == "pobj" else head.head
            if gov.pos_ in ("VERB", "AUX"):
                hosts.append(gov)
    preps = grammar()["place_prepositions"]
    if entry_type == "RETREAT":
        preps = preps | grammar()["place_prepositions_left"]  # "withdrew from the town"
        of = _pobj(head, "of")
        if of is not None:
            hosts.append(of)  # "the withdrawal of forces from Panama"
    for host in hosts:
        for prep in host.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and _is_place(obj) and obj not in found:
                found.append(obj)
    spans = []
    for place in found:
        toks = [place]
        stack = list(place.children)
        while stack:
            tok = stack.pop()
            if tok.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj") or tok.i > place.i + 8:
                continue
            toks.append(tok)
            stack.extend(tok.children)
        first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
        spans.append((first.idx, last.idx + len(last)))
    return spans


def _place_population_fn() -> Callable[..., Actor | None] | None:
    try:
        module = importlib.import_module("ceasefire.resolve.actors")
    except ImportError:
        return None
    return getattr(module, "place_population", None)


def _protesters_of_place(ctx: Context, draft: _Draft) -> None:
    """Unnamed protesters ("students", "hundreds of people") who demonstrate in a place the text
    ties to a country are that country's civilians, as ACLED codes them ("Protesters (Kenya)")."""
    agent = draft.agent_tok
    if agent is None:
        return
    words = grammar()["protester_nouns"]
    inner = _pobj(agent, "of") if agent.like_num or agent.lemma_.lower() in grammar()["collective"] else None
    while inner is not None and (inner.like_num or inner.lemma_.lower() in grammar()["collective"]):
        inner = _pobj(inner, "of")  # "hundreds of thousands of people"
    noun = inner if inner is not None else agent
    ethnic = any(c.lower_ == "ethnic" for c in noun.children)  # "ethnic Albanians demonstrated in Serbia"
    if noun.lemma_.lower() not in words and not ethnic:
        return
    places = _place_phrases(draft.trigger.head, None, "PROTEST")
    if agent.dep_ in ("nsubj", "nsubjpass") and agent.head != draft.trigger.head:
        places += _place_phrases(agent.head, None, "PROTEST")
    population = _place_population_fn()
    for loc in places if population is not None else []:
        actor = population(ctx, *loc, "cvl")
        if actor is not None:
            draft.actor, draft.actor_span = actor, _noun_phrase(noun)
            return


def _arresting_authorities(ctx: Context, draft: _Draft) -> None:
    """Someone "was arrested in Lebanon" (or a plot "was foiled in Tomsk") with no one named who did
    it: the police of the country where it took place, when the text names that country (or a capital
    or town of the tables)."""
    head = draft.trigger.head
    if head.pos_ != "VERB" or not _children(head, "nsubjpass", "auxpass") or _pobj(head, "by") is not None:
        return
    population = _place_population_fn()
    inside = _pobj(head, "in")
    if population is None or inside is None:
        return
    actor = population(ctx, *_noun_phrase(inside), "pol")
    if actor is not None and actor is not draft.target:
        draft.actor, draft.actor_span = actor, _noun_phrase(inside)


def _inherit_target(draft: _Draft, drafts: Sequence[_Draft]) -> None:
    """A stance toward an act takes that act's target: "threatened to shell Iraqi towns", "agreed to
    release the prisoners", "refused to lift the curfew in Gaza" (the act is in the verb's infinitive)."""
    head = draft.trigger.head
    inner = {t.i for c in head.children if c.dep_ == "xcomp" for t in c.subtree}
    if not inner:
        return
    below = [d for d in drafts if d is not draft and d.target is not None and d.trigger.head.i in inner]
    if below:
        nearest = min(below, key=lambda d: abs(d.trigger.head.i - head.i))
        if nearest.target is not draft.actor:
            draft.target, draft.target_span = nearest.target, nearest.target_span


def _victims_as_target(ctx: Context, draft: _Draft) -> None:
    """An event with no target in its own phrase suffers its victims: "guerrillas wounded two British
    soldiers in a bomb attack", "a roadside bombing killed one U.S. soldier"."""
    doc = draft.sent.doc
    for count in draft.counts:
        if count.victim is None or not count.value:
            continue
        actor, span = _actor_of(ctx, doc[count.victim])
        if actor is not None and actor is not draft.actor:
            draft.target, draft.target_span = actor, span
            return


def _conjoined(sent: Span, a: int, b: int) -> bool:
    """Are tokens ``a`` and ``b`` conjuncts of one another ("were killed ... and 109 were injured")?"""
    doc = sent.doc
    ta, tb = doc[a], doc[b]
    return (ta.dep_ == "conj" and ta.head.i == b) or (tb.dep_ == "conj" and tb.head.i == a)


def _continues(sent: Span, count: cas.Count) -> bool:
    """A count that goes on a figure already begun: "another 109 were injured", "injured 36 others"."""
    doc = sent.doc
    q = count.quantity
    if q is None:
        return False
    if q.start > sent.start and doc[q.start - 1].lower_ == "another":
        return True
    return count.victim is not None and doc[count.victim].lower_ == "others"


def _casualty_draft(ctx: Context, sent: Span, si: int, count: cas.Count, pub: dt.date | None) -> _Draft:
    """An ASSAULT event for a casualty count that no violent event of its sentence takes."""
    tok = sent.doc[count.keyword]
    entry = Entry((tok.lemma_.lower(),), "*", "ASSAULT", None, None, None, 2)
    trig = _Trigger(tok.i, tok.i + 1, tok, entry)
    draft = _Draft(trig, sent, si, entry_name=f"casualty:{tok.lemma_.lower()}", type="ASSAULT")
    if tok.pos_ in ("VERB", "AUX"):
        agent = _subject_of(tok)
        if agent is not None and agent.i != count.victim and not cas.keyword_at(sent, agent.i):
            draft.actor, draft.actor_span = _actor_of(ctx, agent)
    draft.negated, draft.modality = _modality(trig)
    draft.background = _background(trig, pub)
    return draft


def _finish(
    ctx: Context, draft: _Draft, eid: str, pub: dt.date | None, dates: dict[int, list[DateExpr]]
) -> Event:
    doc = ctx.doc
    trig = draft.trigger
    t_start, t_end = _char_span(doc, trig.start, trig.end)
    sent = draft.sent
    # dates
    date = precision = None
    background = draft.background
    if pub is None:
        draft.undated = True
    else:
        if sent.start not in dates:
            dates[sent.start] = find_dates(sent.text, pub)
        chosen = _pick_date(trig, sent, dates[sent.start])
        if chosen is not None:
            date, precision = chosen.date, chosen.precision
            if (
                date.year < pub.year
                and (precision == "year" or (pub - date).days > 180)
                and not _new_finding(trig.head)
            ):
                background = True
        else:
            date, precision = pub, "week"
            draft.undated = True
    # casualties
    fig: dict[str, int | None] = {c: None for c in cas.CATEGORIES}
    qualifier = None
    low = high = None
    victims = None
    for count in draft.counts:
        value = count.value
        q = count.quantity
        if q is not None and q.qualifier and qualifier is None:
            qualifier = q.qualifier
        if q is not None and q.low is not None and low is None:
            low, high = q.low, q.high
        if value is None:
            continue
        fig[count.category] = value if fig[count.category] is None else (fig[count.category] or 0) + value
        if victims is None and count.category in ("killed", "wounded") and value > 0:
            victims = _victims(ctx, draft, count)
    place = _place(ctx, trig)
    place_span = None
    if place is not None:
        in_sent = [s for s in place.spans if sent.start_char <= s[0] < sent.end_char]
        place_span = tuple(in_sent[0]) if in_sent else None
    acled = None
    if draft.acled_event is not None:
        acled = Acled(event_type=draft.acled_event, sub_event_type=draft.acled_sub)
    elif draft.entry_name and draft.entry_name.startswith("casualty:"):
        military = victims is not None and victims.sector in ("military", "rebels", "militia", "police")
        acled = (
            Acled(event_type="Battles", sub_event_type="Armed clash")
            if military
            else Acled(event_type="Violence against civilians", sub_event_type="Attack")
        )
    return Event(
        id=eid,
        type=draft.type,  # type: ignore[arg-type]
        mode=draft.mode,
        acled=acled,
        cameo=cameo_root(draft.type, draft.mode),
        actor=draft.actor.id if draft.actor else None,
        target=draft.target.id if draft.target and draft.target is not draft.actor else None,
        place=place.id if place else None,
        date=date.isoformat() if date else None,
        date_precision=precision,  # type: ignore[arg-type]
        killed=fig["killed"],
        wounded=fig["wounded"],
        missing=fig["missing"],
        captured=fig["captured"],
        qualifier=qualifier,
        low=low,
        high=high,
        victims=victims,
        negated=draft.negated,
        modality=draft.modality,
        background=background,
        spans=EventSpans(
            trigger=(t_start, t_end),
            actor=draft.actor_span,
            target=draft.target_span,
            place=place_span,  # type: ignore[arg-type]
        ),
        evidence=ctx.evidence(t_start, t_end),
        entry=draft.entry_name,
    )


def priority(event: Event) -> int:
    """How strongly an event is the main one of its sentence (lexicon priority; casualty events 2)."""
    entry = entry_by_name(event.entry)
    base = entry.priority if entry else 6 if (event.entry or "").startswith("demand:") else 2
    if event.killed or event.wounded:
        base += 1
    return base


def _backdrop(tok: Token, marks: frozenset[str] = frozenset()) -> bool:
    """Whether a trigger only sets the scene for its clause: "after clashes", "because of fighting",
    "riots in which 20 died", "a ban imposed after the war" (relative and participle clauses)."""
    words = grammar()["backdrop_words"]
    cur, steps = tok, 0
    while cur.head != cur and steps < 6:
        if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX"):
            return True
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children
        ):
            return True  # "would respond if attacked": the condition is not what the sentence reports
        if cur.dep_ == "pobj" and (cur.head.lower_ in words or cur.head.head.lower_ in words):
            return True  # "after clashes", "because of fighting", "in the wake of attacks"
        if (
            cur.dep_ == "prep"
            and cur.lower_ in ("on", "about", "regarding", "concerning")
            and cur.head.lemma_.lower() in grammar()["topic_nouns"]
        ):
            return True  # "talks on limiting missiles": the topic of talks is not an event of the sentence
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and (c.lower_ in grammar()["backdrop_marks"] or c.lower_ in marks)
            for c in cur.children
        ):
            return True  # "when the dictator expelled them", "because fighting broke out"
        if (
            cur.dep_ == "advcl"
            and (cur.lemma_.lower() in grammar()["ongoing_verbs"] or cur.lower_ in grammar()["ongoing_verbs"])
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in cur.children)
        ):
            return True  # "as street battles raged", "as shells continued crashing": a state of affairs
        if cur.dep_ == "ROOT":
            return False
        cur, steps = cur.head, steps + 1  # through "said that ..." and "to impose ...": a clause above may be
    return False


_NEAR_ROOT = frozenset({"xcomp", "ccomp", "conj", "dobj", "nsubj", "nsubjpass", "acomp", "attr"})


def _trigger_token(event: Event, doc: Doc) -> Token | None:
    if event.spans.trigger is None:
        return None
    span = doc.char_span(*event.spans.trigger, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _news_root(root: Token) -> Token:
    """The head of what a sentence reports: its root, or the root of a reported clause that comes
    before the verb of saying ("Israel is opposed to the plan, an aide said")."""
    if root.lemma_.lower() in grammar()["report_verbs"]:
        fronted = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
        if fronted:
            return fronted[0]
    return root


def main_event(events: Sequence[Event], doc: Doc | None = None) -> Event | None:
    """The event a sentence or snippet is mainly about: foreground, factual, highest priority, earliest.

    With the parsed ``doc``, a trigger that heads its sentence (or a clause right below the head)
    counts for more, and one that only sets the scene ("after clashes", "when troops withdrew",
    "riots in which 20 died") for less; much less when its own sentence reports a foreground event.
    """
    if not events:
        return None
    heads = {e.id: _trigger_token(e, doc) for e in events} if doc is not None else {}
    # an "after" clause sets the scene when the sentence's own verb is an event ("Italy cancelled the
    # visit after a state of siege was declared"); after a verb that is none ("the capital was rocked
    # after protesters clashed with police") the clause carries the news
    lexical = {e.id for e in events if entry_by_name(e.entry) is not None}
    acting = {
        tok.i
        for eid, tok in heads.items()
        if tok is not None and eid in lexical and tok == _news_root(tok.sent.root)
    }
    after = grammar()["backdrop_marks_after_event"]
    backdrop = {
        eid
        for eid, tok in heads.items()
        if tok is not None
        and tok.dep_ != "ROOT"
        and _backdrop(tok, after if _news_root(tok.sent.root).i in acting else frozenset())
    }
    foreground_sents = {
        tok.sent.start for eid, tok in heads.items() if tok is not None and eid not in backdrop
    }

    def salience(e: Event) -> int:
        head = heads.get(e.id)
        if head is None:
            return 0
        root = _news_root(head.sent.root)
        if head == root:
            return 2
        if e.id in backdrop:
            return -6 if head.sent.start in foreground_sents else -3
        if head.head == root and head.dep_ in _NEAR_ROOT:
            return 1
        return 0

    def key(e: Event) -> tuple:
        factual = not e.negated and e.modality is None
        score = priority(e) + salience(e) + (0 if factual else -2)
        head = heads.get(e.id)
        overshadowed = e.id in backdrop and head is not None and head.sent.start in foreground_sents
        return (not e.background, not overshadowed, score, -(e.spans.trigger[0] if e.spans.trigger else 0))

    return max(events, key=key)


__all__ = ["events_stage", "find_triggers", "main_event", "priority", "VIOLENT_ACLED"]
