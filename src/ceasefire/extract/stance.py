"""Stance of an attribution: does the source assert its content or deny it?

Three signals, in order:

1. the cue: "denied", "rejected", "refuted", "dismissed" deny what they introduce;
2. a falsity word the source applies ("dismissed the reports as lies",
   "called it absolutely false", "said the reports were baseless");
3. negation inside the content: "there have been no changes in the positions",
   "did not violate a single provision", "never crossed the line".

A negated cue ("did not deny") asserts nothing either way and is reported as
``asserts`` of the content (with the reason), since the contract has two stances.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

from ceasefire.extract.attribution import Attribution
from ceasefire.extract.claim_cues import CueLexicon, load_cues

Stance = Literal["asserts", "denies"]
_NEG_DETS = ("no", "neither")
_NEG_PRONOUNS = ("nothing", "none", "nobody", "noone")
_NEG_ADVS = ("never", "not", "n't", "nowhere")


def stance_of(att: Attribution, doc: Doc, lexicon: CueLexicon | None = None) -> tuple[Stance, str]:
    """The stance of ``att`` and the reason for it ("cue:deny", "falsity:lie", "negation:not", "cue:say")."""
    lex = lexicon or load_cues()
    if att.cue_entry.stance == "denies" and not att.negated_cue:
        return "denies", att.cue_entry.entry
    if att.falsity is not None:
        return "denies", att.falsity.entry
    head = doc[att.content_head] if att.content_head is not None else _first_root(doc, att.content)
    if head is not None and att.content is not None:
        verbs = [head]
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lex.nouns for c in head.children):
            # "all allegations that ... are a provocation and have nothing to do with reality"
            verbs += [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        for verb in verbs:
            hit = falsity_in_clause(verb, lex)
            if hit:
                return "denies", f"falsity:{hit}"
            neg = negation_of(verb)
            if neg:
                return "denies", f"negation:{neg}"
    return "asserts", att.cue_entry.entry


def _first_root(doc: Doc, content: tuple[int, int] | None) -> Token | None:
    """The head of the first sentence of a content span (a quotation taken whole)."""
    if content is None:
        return None
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sents = list(span.sents)
    if len(sents) <= 1:
        return span.root
    return sents[0].root


def negation_of(head: Token) -> str | None:
    """The word that negates the clause headed by ``head``, if any."""
    clause = [head, *[c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]]
    for verb in clause[:1]:
        for c in verb.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEG_ADVS):
                return c.lower_
            if c.dep_ == "attr" and not any(x.dep_ == "expl" for x in verb.children):
                continue  # "X is no justification": a negative predicate, not a denial that X happened
            if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lower_ in _NEG_PRONOUNS:
                return c.lower_
            if c.dep_ in ("attr", "nsubj", "nsubjpass", "dobj"):
                for d in c.children:
                    if d.dep_ == "det" and d.lower_ in _NEG_DETS:
                        return d.lower_
    return None


def falsity_in_clause(head: Token, lex: CueLexicon) -> str | None:
    """'the reports are false', 'this is a lie': the clause calls something untrue; a content that
    is only a noun phrase does so with its modifier ('a "biased report based on a fictional account"')."""
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("ROOT", "npadvmod", "dep", "appos"):
        for t in head.subtree:
            if t.dep_ == "amod" and (t.lemma_.lower() in lex.falsity or t.lower_ in lex.falsity):
                return t.lower_
    for c in head.children:
        if c.dep_ in ("acomp", "attr", "oprd"):
            for t in (c, *[d for d in c.children if d.dep_ in ("amod", "compound")]):
                if t.lemma_.lower() in lex.falsity or t.lower_ in lex.falsity:
                    return t.lower_
    return None
