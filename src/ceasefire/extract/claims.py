"""The claims stage: a ledger of who says what, asserting or denying it.

Runs after actors, places and events.  For every attribution found by
:mod:`ceasefire.extract.attribution` it writes a :class:`~ceasefire.records.Claim`:

- ``source``: the actor whose mention covers the source words (``ctx.actor_at``);
  a pronoun or short form the actors stage left unresolved ("it", "the ministry")
  falls back to the nearest earlier actor of a compatible kind, with a warning;
  otherwise a stable local id ``unresolved:<words>``;
- ``stance`` from :mod:`ceasefire.extract.stance`;
- ``event``: the event whose trigger lies inside the content (the one highest in
  the parse when there are several);
- ``disputes``: for "X rejected Y's claims of Z" the rejection answers Y's
  nested claim; a denial that names no event of its own answers the latest
  earlier claim by another source that asserts one (and takes its event);
- ``date``: a date expression attached to the cue ("said on Monday"), resolved
  against the publication date.

Sentences that report an event without any attribution become the outlet's
own claims (``outlet:<domain>``, ``attributed=False``).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json
import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ceasefire.extract.attribution import Attribution, find_attributions, find_quotes
from ceasefire.extract.claim_cues import (
    Cue,
    GenericSource,
    load_cues,
    load_generic_sources,
    load_source_lines,
)
from ceasefire.extract.dates import find_dates, parse_published
from ceasefire.extract.stance import Stance, negation_of, stance_of
from ceasefire.pipeline import Context, stage
from ceasefire.records import Actor, Claim, ClaimSpans, Event, Span

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves", "we", "our"}
_DETERMINERS = {"the", "this", "that", "these", "those", "its", "their"}


@stage("claims")
def extract_claims(ctx: Context) -> None:
    """Fill ``ctx.claims`` from the attributions in the article (see the module docstring)."""
    atts = find_attributions(ctx.doc)
    claims: list[Claim] = []
    published = _published(ctx)
    cue_sentences = frozenset(ctx.sentence_index(a.cue[0]) for a in atts)
    denying: set[str] = set()  # claims whose cue itself denies ("denied", "rejected")
    for att in atts:
        made = _claims_of(ctx, att, len(claims) + 1, published, cue_sentences)
        if made:
            claims.extend(made)
            if att.cue_entry.stance == "denies":
                denying.update(c.id for c in made)
        else:
            att.extra["dropped"] = "1"
    # nested claims: "rejected Russian claims of ..." answers the claim it reports on
    by_cue: dict[tuple[int, int], Claim] = {}
    for c in claims:
        if c.spans.cue is not None:
            by_cue.setdefault(c.spans.cue, c)
    for att in atts:
        if att.answers is None or "dropped" in att.extra:
            continue
        outer = by_cue.get(att.cue)
        inner = by_cue.get(atts[att.answers].cue)
        if outer is not None and inner is not None and outer is not inner:
            outer.disputes = inner.id
            if outer.event is None:
                outer.event = inner.event
            if inner.event is None:
                inner.event = outer.event
    _link_denials(claims, ctx.events, denying)
    claims += _source_line_claims(ctx, atts, len(claims))
    claims += _outlet_claims(ctx, atts, claims)
    claims = _fold_restatements(ctx, claims)
    _credit_figures(ctx, claims)
    # a bare casualty toll is a figure with its source, not a claim about who did what
    tolls = {c.id for c in claims if _bare_toll(ctx, c) or _presence(ctx, c)}
    # ... unless another source answers it: a figure denied is a claim in a dispute
    tolls -= {c.disputes for c in claims if c.disputes is not None and c.id not in tolls}
    ctx.claims.extend(c for c in claims if c.id not in tolls)


def _claims_of(
    ctx: Context,
    att: Attribution,
    number: int,
    published: dt.date | None,
    cue_sentences: frozenset[int] = frozenset(),
) -> list[Claim]:
    """One claim per statement.

    A statement over several sentences (a quotation, the sentences "this" stands for) is one
    statement per sentence: the sentence that holds the cue and every other sentence that reports
    an event each become a claim with their own content and evidence.  Within one sentence, the
    statement becomes one claim per clause when its clauses report different events."""
    if att.content is None or att.source is None or not _about_what_happened(ctx, att):
        return []
    if ctx.text[att.cue[0] : att.cue[1]] == ":" and _is_place(ctx, att.source):
        return []  # "Mali: Massacre by army": a place heading, not a speaker
    source = _source_id(ctx, att)
    stance, _reason = stance_of(att, ctx.doc)
    date = _statement_date(ctx, att, published)
    content = _antecedent(ctx, att.content, att.cue, cue_sentences)
    cue_sentence = ctx.sentence_index(att.cue[0])
    parts: list[tuple[tuple[int, int], Stance]] = []
    for piece, head, lead in _sentence_pieces(ctx, content, att.quote and content == att.content):
        units = _event_units(ctx, piece)
        if len(units) > 1:
            parts += [(span, _unit_stance(ctx, att, stance, h)) for span, h in units]
        elif lead or head is None:
            parts.append((piece, stance))
        else:
            parts.append((piece, _unit_stance(ctx, att, stance, head)))
    # one claim per doer when the claimed event has several ("the army and foreign soldiers killed")
    parts3: list[tuple[tuple[int, int], Stance, str | None]] = []
    for part, part_stance in parts:
        doers = _joint_doers(ctx, part)
        parts3 += [(part, part_stance, d) for d in doers] if len(doers) > 1 else [(part, part_stance, None)]
    claims = []
    for k, (part, part_stance, doer) in enumerate(parts3):
        if len(parts) == 1 and part == content:
            in_cue_sentence = content == att.content  # "this" stood for the sentences before
        else:
            in_cue_sentence = ctx.sentence_index(part[0]) <= cue_sentence <= ctx.sentence_index(part[1] - 1)
        claims.append(
            Claim(
                id=f"c{number + k}",
                source=source,
                cue=ctx.text[att.cue[0] : att.cue[1]],
                stance=part_stance,
                content=ctx.text[part[0] : part[1]],
                event=_main_event(ctx, part),
                quote=att.quote,
                date=date,
                attributed=True,
                actor=doer,
                # the cue span stands on the claim of the cue's own sentence; a claim for another
                # sentence of the same statement has its own sentence as evidence
                spans=ClaimSpans(source=att.source, cue=att.cue if in_cue_sentence else None, content=part),
                evidence=ctx.evidence(att.cue[0], att.cue[1]) if in_cue_sentence else ctx.evidence(*part),
            )
        )
    return claims


def _joint_doers(ctx: Context, part: tuple[int, int]) -> list[str]:
    """The doers of the part's main event when it names several, coordinated ("X and Y killed ...",
    "... were executed by X and Y"): actor ids, or ``unresolved:<words>``; else an empty list."""
    event_id = _main_event(ctx, part)
    ev = next((e for e in ctx.events if e.id == event_id), None)
    if ev is None or ev.spans.trigger is None:
        return []
    span = ctx.doc.char_span(*ev.spans.trigger, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    trigger = span.root
    # the subject nearest the verb ("(Nairobi) - Malian forces and foreign soldiers executed")
    doer = next((c for c in reversed(list(trigger.children)) if c.dep_ == "nsubj" and c.i < trigger.i), None)
    if doer is None:
        agent = next((c for c in trigger.children if c.dep_ == "agent"), None)
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if doer is None or doer.pos_ not in ("NOUN", "PROPN"):
        return []
    heads = [doer, *[c for c in doer.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]]
    if len(heads) < 2:
        return []
    out = []
    for k, head in enumerate(heads):
        # the words of this conjunct: its own subtree less the later conjuncts (and the "and")
        left = head.left_edge.i if k else doer.left_edge.i
        right = head.i
        for c in head.children:
            if c.i > head.i and c.dep_ not in ("conj", "cc", "punct"):
                right = max(right, c.right_edge.i)
        start, end = ctx.doc[left].idx, ctx.doc[right].idx + len(ctx.doc[right])
        actor = ctx.actor_at(head.idx, head.idx + len(head)) or ctx.actor_at(start, end)
        ident = (
            actor.id if actor is not None else "unresolved:" + " ".join(ctx.text[start:end].lower().split())
        )
        if ident not in out:
            out.append(ident)
    return out if len(out) > 1 else []


def _is_place(ctx: Context, span: tuple[int, int]) -> bool:
    """Do the words of ``span`` name a place (the places stage found one covering them all)?"""
    words = ctx.text[span[0] : span[1]].strip()
    for place in ctx.places:
        if any(s <= span[0] and span[1] <= e for s, e in place.spans) or words in (
            place.name,
            place.canonical,
        ):
            return True
    return False


_OBJECT_REFERENTS = {"this", "that", "it", "these", "those"}
# accusing names the accused; condemning takes the condemned as having happened
_OBJECT_KEPT = {"accuse", "blame", "charge", "condemn", "denounce", "slam", "castigate", "decry"}


def _string_lists(filename: str, *keys: str) -> dict[str, list[str]]:
    """The lists of strings under ``keys`` in ``data/claims/<filename>``, or a clear error."""
    path = importlib.resources.files("ceasefire.data.claims") / filename
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), list) and all(isinstance(w, str) for w in data[k]) for k in keys
    ):
        raise ValueError(f"{path}: expected an object with lists of strings under {', '.join(keys)}")
    return {k: data[k] for k in keys}


@functools.cache
def _own_actions() -> frozenset[str]:
    return frozenset(n.lower() for n in _string_lists("own_actions.json", "nouns")["nouns"])


@functools.cache
def _not_reporting() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(verb lemma -> object lemmas that make an idiom, verbs whose object names a source)."""
    path = importlib.resources.files("ceasefire.data.claims") / "not_reporting.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    idioms, naming = data.get("idioms"), data.get("source_naming")
    if not isinstance(idioms, dict) or not isinstance(naming, list):
        raise ValueError(f"{path}: expected 'idioms' (an object of lists) and 'source_naming' (a list)")
    return {k.lower(): frozenset(v.lower() for v in objs) for k, objs in idioms.items()}, frozenset(
        v.lower() for v in naming
    )


def _is_idiom(ctx: Context, att: Attribution) -> bool:
    """'The raid claimed the lives of four': the cue verb with an object that makes it an idiom."""
    cue = ctx.doc.char_span(*att.cue, alignment_mode="expand")
    if cue is None:
        return False
    objects = _not_reporting()[0].get(cue.root.lemma_.lower())
    return bool(objects) and any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in cue.root.children)


def _about_what_happened(ctx: Context, att: Attribution) -> bool:
    """Is the attribution a statement about what happened (a claim for the ledger)?

    Not when its content is an infinitive ("urged residents to flee", "called to investigate":
    requests and intentions), nor when a plain noun-phrase object of an asserting cue names no
    event, no report and no "this" ("announced an investigation", "described the station").
    Denials, accusations and condemnations keep their objects ("denied the report", "accused
    Kyiv", "condemned the executions")."""
    assert att.content is not None
    words = ctx.text[att.content[0] : att.content[1]]
    if words.lower().startswith("to ") or _is_idiom(ctx, att):
        return False
    if att.quote or att.content_head is None or att.nominal:
        return True
    head = ctx.doc[att.content_head]
    if head.dep_ != "dobj" or att.cue_entry.stance == "denies" or att.falsity is not None:
        return True
    cue = ctx.doc.char_span(*att.cue, alignment_mode="expand")
    if cue is not None and cue.root.lemma_.lower() in _OBJECT_KEPT:
        return True
    if head.lemma_.lower() in _own_actions():
        return False  # "announced an investigation into ...": the source's own step
    if head.head.lemma_.lower() in _not_reporting()[1]:
        return False  # "citing a statement by the army": where the words come from, not what they say
    if _main_event(ctx, att.content) is not None:
        return True
    lex = load_cues()
    span = ctx.doc.char_span(*att.content, alignment_mode="expand") or []
    return any(t.lemma_.lower() in lex.nouns or t.lower_ in _OBJECT_REFERENTS for t in span)


def _sentence_pieces(
    ctx: Context, content: tuple[int, int], quote: bool = False
) -> list[tuple[tuple[int, int], Token | None, bool]]:
    """The sentences of ``content`` that make a claim of their own: (span, root, is_lead).

    One sentence: the content itself.  Several: every sentence that reports an event (the first
    sentence is the lead, whose stance is the statement's); when none does, the content whole.
    In a quotation that goes on after its lead, a later sentence that states a fact in the past
    or present ("Among the dead there were only fighters.") is a claim too, event or not."""
    span = ctx.doc.char_span(content[0], content[1], alignment_mode="contract")
    if span is None or len(span) == 0:
        return [(content, None, True)]
    sents = list(span.sents)
    if len(sents) <= 1:
        return [(content, None, True)]
    pieces = []
    for st in sents:
        clean = _trim(ctx.text, max(st.start_char, content[0]), min(st.end_char, content[1]))
        if clean is None or not any(ch.isalnum() for ch in ctx.text[clean[0] : clean[1]]):
            continue
        pieces.append((clean, st.root))
    if not pieces:
        return [(content, None, True)]
    reporting = [_main_event(ctx, piece) is not None for piece, _root in pieces]
    out = [
        (piece, root, k == 0)
        for k, (piece, root) in enumerate(pieces)
        # once the statement is split by its events, a quotation's later statements of fact join
        if reporting[k] or (quote and k > 0 and any(reporting) and _states_fact(ctx, piece))
    ]
    # no sentence reports an event: the statement stays whole, at its cue
    return out or [(content, None, True)]


_MODALS = {"will", "would", "shall", "should", "must", "may", "might", "can", "could"}


def _states_fact(ctx: Context, piece: tuple[int, int]) -> bool:
    """A declarative sentence in the past or present: a finite verb with a subject, no modal, not a
    question, not an order ("We demand ...": first person wishes are not facts either)."""
    if ctx.text[piece[0] : piece[1]].rstrip(" \"'”’»").endswith("?"):
        return False
    span = ctx.doc.char_span(piece[0], piece[1], alignment_mode="contract")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.pos_ not in ("VERB", "AUX") or root.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects or any(c.lower_ in ("i", "we") for c in subjects):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in root.children):
        return False
    if any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in root.children
    ):
        return False  # a condition: "if it is not punished, it will not stop"
    # "This is an evil", "X is a country of criminals": a characterisation, not a fact reported
    return not (
        root.lemma_ == "be"
        and any(c.dep_ == "attr" for c in root.children)
        and not any(c.dep_ == "expl" for c in root.children)
    )


_DEMONSTRATIVE = re.compile(
    r"(?i)^(this|that|it|these|those)(\s+(information|news|report|reports|statement))?$"
)


_ANTECEDENT_SENTENCES = 3


def _antecedent(
    ctx: Context, content: tuple[int, int], cue: tuple[int, int], cue_sentences: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """ "This was announced by X": the content is what "this" stands for, the news told just before.

    That is the sentences before the cue's, back to the start of their paragraph (at most three),
    stopping at a sentence that has an attribution of its own."""
    if not _DEMONSTRATIVE.match(ctx.text[content[0] : content[1]].strip()):
        return content
    idx = ctx.sentence_index(cue[0])
    if idx == 0:
        return content
    first = idx - 1
    while (
        first > 0
        and idx - first < _ANTECEDENT_SENTENCES
        and first - 1 not in cue_sentences
        and "\n" not in ctx.text[ctx.sentences[first - 1].end : ctx.sentences[first].start + 1]
        and "\n" not in ctx.text[ctx.sentences[first - 1].start : ctx.sentences[first - 1].end].strip()
    ):
        first -= 1
    start, end = ctx.sentences[first].start, ctx.sentences[idx - 1].end
    while end > start and ctx.text[end - 1] in ".!?;: ":
        end -= 1
    return (start, end) if end > start else content


def _event_units(ctx: Context, content: tuple[int, int]) -> list[tuple[tuple[int, int], Token]]:
    """The clauses of ``content`` (sentences of a quotation, coordinated clauses) that each report an event.

    Fewer than two such clauses: the content stays one statement (an empty list or one unit)."""
    span = ctx.doc.char_span(content[0], content[1], alignment_mode="contract")
    if span is None or len(span) == 0:
        return []
    pieces: list[tuple[int, int, Token]] = []
    sents = list(span.sents)
    if len(sents) > 1:
        pieces = [(max(st.start_char, content[0]), min(st.end_char, content[1]), st.root) for st in sents]
    else:
        head = span.root
        conjs = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > head.i]
        if not conjs:
            return []
        bounds = [content[0]] + [c.left_edge.idx for c in conjs] + [content[1]]
        heads = [head, *conjs]
        pieces = [(bounds[k], bounds[k + 1], heads[k]) for k in range(len(heads))]
    units = []
    for start, end, head in pieces:
        clean = _trim(ctx.text, start, end)
        if clean is None:
            continue
        if _main_event(ctx, clean) is not None:
            units.append((clean, head))
    if len(units) > 1:
        return units
    # "there are no troops there, and that the strike was preceded by drones": a denial and an
    # assertion coordinated in one statement are two claims, event or not
    whole = [(c, h) for s_, e_, h in pieces if (c := _trim(ctx.text, s_, e_)) is not None]
    if len(sents) == 1 and len(whole) > 1 and len({negation_of(h) is None for _c, h in whole}) > 1:
        return whole
    return []


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in " \n\t,;":
        start += 1
    while end > start and text[end - 1] in " \n\t,;":
        end -= 1
    for word in (" and", " but", " or"):
        if text[start:end].endswith(word):
            end -= len(word)
    return (start, end) if end > start else None


def _unit_stance(ctx: Context, att: Attribution, whole: Stance, head: Token) -> Stance:
    """A denying cue denies every clause; otherwise each clause's own negation decides."""
    if att.cue_entry.stance == "denies" or att.falsity is not None:
        return whole
    return "denies" if negation_of(head) else "asserts"


# --------------------------------------------------------------------------- sources


def _source_id(ctx: Context, att: Attribution) -> str:
    assert att.source is not None
    actor = None
    if att.source_head is not None:
        actor = ctx.actor_at(*att.source_head)
    if actor is None:
        actor = ctx.actor_at(*att.source)
    if actor is not None:
        return actor.id
    words = ctx.text[att.source[0] : att.source[1]]
    tokens = [w.lower() for w in re.findall(r"[\w'’-]+", words)]
    generic = _generic_actor(ctx, att.source, att.source_head, tokens) or _country_speaker(ctx, att.source)
    if generic is not None:
        return generic
    short = _short_form(tokens)
    if short is not None:
        fallback = _nearest_compatible(ctx.actors, att.source[0], short, tokens, att.content)
        if fallback is not None:
            ctx.warnings.append(
                f"claims: source {words!r} at {att.source[0]} has no actor mention; "
                f"took the nearest earlier {short} actor {fallback.id} ({fallback.name!r})"
            )
            return fallback.id
    key = re.sub(r"\s+", " ", words.lower()).strip()
    key = re.sub(r"['’]s$", "", key)
    return f"unresolved:{key}"


_LOCALITY = {"local", "regional", "city", "town", "village", "municipal", "provincial", "district", "area"}


def _generic_actor(
    ctx: Context, source: tuple[int, int], head: tuple[int, int] | None, tokens: list[str]
) -> str | None:
    """An actor for an unnamed source ("witnesses", "news reports", "a local official"), or None.

    The sector comes from ``data/claims/generic_sources.tsv``; the country from a place named in
    the source's words, else (for people at the scene, or a source called local) the article's
    main country when one country clearly dominates its places; else none."""
    table = load_generic_sources()
    span = ctx.doc.char_span(*(head or source), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    nominal_adjective = tok.pos_ == "ADJ" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")  # "a local"
    if tok.pos_ not in ("NOUN", "PROPN") and not nominal_adjective:
        return None
    rows = table.get(tok.lemma_.lower()) or table.get(tok.lower_) or ()
    row = next((r for r in rows if not r.requires or any(w in tokens for w in r.requires)), None)
    if row is None:
        return None
    return _add_generic(ctx, row, source, tokens)


def _add_generic(ctx: Context, row: GenericSource, source: tuple[int, int], tokens: list[str]) -> str:
    """The id of the actor for ``row`` at ``source`` (added to ``ctx.actors``, or its mention added)."""
    country = None
    if row.country != "none":
        place = ctx.place_at(*_core(ctx, source))
        if place is not None and place.country is not None:
            country = place.country
        elif row.country == "scene" or _LOCALITY & set(tokens):
            country = _main_country(ctx)
    return _source_actor(
        ctx,
        source,
        f"{country or 'UNSPECIFIED'}-{row.code}",
        canonical=f"{row.code.split('-', 1)[-1].capitalize()} (unnamed)",
        country=country,
        sector=row.sector,
        entry=f"claims:{row.origin}",
    )


def _source_actor(
    ctx: Context,
    source: tuple[int, int],
    actor_id: str,
    *,
    canonical: str,
    country: str | None,
    sector: str,
    entry: str,
) -> str:
    """``actor_id`` with ``source`` as one more of its mentions: the document's actor of that id,
    else a new one the claims stage adds (its ``entry`` starts with ``claims:``)."""
    for actor in ctx.actors:
        if actor.id == actor_id:
            if source not in actor.spans:
                actor.spans.append(source)
            return actor_id
    ctx.actors.append(
        Actor(
            id=actor_id,
            name=ctx.text[source[0] : source[1]].strip(),
            canonical=canonical,
            country=country,
            sector=sector,  # type: ignore[arg-type]
            spans=[source],
            evidence=ctx.evidence(*source),
            entry=entry,
        )
    )
    return actor_id


def _core(ctx: Context, source: tuple[int, int]) -> tuple[int, int]:
    """The source's words up to a relative clause ("a resident who witnessed ... on March 31")."""
    span = ctx.doc.char_span(*source, alignment_mode="expand")
    if span is None:
        return source
    for tok in span:
        if tok.dep_ in ("relcl", "acl") and tok.head.i < tok.i:
            cut = tok.left_edge.idx
            return (source[0], cut) if cut > source[0] else source
    return source


def _country_speaker(ctx: Context, source: tuple[int, int]) -> str | None:
    """ "Mali slams ...": a country named as the speaker stands for its government."""
    words = ctx.text[source[0] : source[1]].strip()
    for place in ctx.places:
        is_country = place.precision == "country" or place.feature == "country"
        if is_country and place.country and (words in (place.name, place.canonical) or source in place.spans):
            return _source_actor(
                ctx,
                source,
                f"{place.country}-GOV",
                canonical=f"{place.canonical}: Government",
                country=place.country,
                sector="government",
                entry="claims:country-as-speaker",
            )
    return None


def _main_country(ctx: Context) -> str | None:
    """The country of the article's places when one clearly dominates, else None.

    Every mention of a place votes for its country, a country named as such twice.  A town
    whose country the article never names (as a country, or as the country of an actor) does
    not vote: town names have namesakes abroad.  The winner needs 60% of at least two votes."""
    named = {a.country for a in ctx.actors if a.country and not (a.entry or "").startswith("claims:")}
    named |= {
        p.country for p in ctx.places if p.country and (p.precision == "country" or p.feature == "country")
    }
    votes: Counter[str] = Counter()
    for place in ctx.places:
        if place.country is None:
            continue
        whole = place.precision == "country" or place.feature == "country"
        if not whole and named and place.country not in named:
            continue
        votes[place.country] += (2 if whole else 1) * max(1, len(place.spans))
    if not votes:
        # no place resolved to a country: the parties named in the article vote instead
        for actor in ctx.actors:
            if actor.country and not (actor.entry or "").startswith("claims:"):
                votes[actor.country] += max(1, len(actor.spans))
    if not votes:
        return None
    country, n = votes.most_common(1)[0]
    total = sum(votes.values())
    return country if n >= 2 and n >= 0.6 * total else None


def _short_form(tokens: list[str]) -> str | None:
    """'person' for he/she, 'group' for it/they/the ministry, None for a full name."""
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0] in _PERSON_PRONOUNS:
        return "person"
    if len(tokens) == 1 and tokens[0] in _GROUP_PRONOUNS:
        return "group"
    if tokens[0] in _DETERMINERS and len(tokens) <= 4:
        return "group" if tokens[-1] not in ("spokesman", "spokeswoman", "spokesperson") else "spokesperson"
    return None


def _nearest_compatible(
    actors: list[Actor], before: int, kind: str, tokens: list[str], content: tuple[int, int] | None
) -> Actor | None:
    """The actor of ``kind`` mentioned last before ``before``, not inside the claim's own content."""
    best: tuple[int, int, Actor] | None = None
    head = tokens[-1] if tokens else ""
    for actor in actors:
        if kind == "person" and actor.sector not in ("person", None):
            continue
        if kind == "group" and actor.sector == "person":
            continue
        ends = [e for s, e in actor.spans if e <= before and not (content and content[0] <= s < content[1])]
        if not ends:
            continue
        names = f"{actor.name} {actor.canonical}".lower()
        named = 1 if kind == "group" and len(tokens) > 1 and head in names else 0
        rank = (named, max(ends))
        if best is None or rank > best[:2]:
            best = (rank[0], rank[1], actor)
    return best[2] if best else None


# --------------------------------------------------------------------------- events

_COUNTS = ("killed", "wounded", "missing", "captured")
_VAGUE_COUNTS = {"dozens", "scores", "hundreds", "thousands", "several", "many"}
_TOLL_KEYS = ("incident_nouns", "combatants", "deliberate", "blame")


@functools.cache
def _toll_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/claims/tolls.json`` (see its comment), lowercased."""
    data = _string_lists("tolls.json", *_TOLL_KEYS)
    return {k: frozenset(w.lower() for w in data[k]) for k in _TOLL_KEYS}


@functools.cache
def _restating() -> frozenset[str]:
    return frozenset(w.lower() for w in _string_lists("restating.json", "lemmas")["lemmas"])


def _fold_restatements(ctx: Context, claims: list[Claim]) -> list[Claim]:
    """One claim for "accused Kyiv of the strike, saying the missile was theirs": a participle of
    ``data/claims/restating.json`` hanging on another cue of the same source and stance restates
    that statement.  The claim that names an event is kept (the participle's on a tie)."""
    cue_tok: dict[str, Token] = {}
    for c in claims:
        if c.spans.cue is not None:
            span = ctx.doc.char_span(*c.spans.cue, alignment_mode="expand")
            if span is not None and len(span) > 0:
                cue_tok[c.id] = span.root
    by_token = {tok.i: c for c in claims if (tok := cue_tok.get(c.id)) is not None}
    dropped: dict[str, str] = {}
    for c in claims:
        tok = cue_tok.get(c.id)
        if tok is None or tok.tag_ != "VBG" or tok.lemma_.lower() not in _restating():
            continue
        main = by_token.get(tok.head.i)
        if main is None or main is c or main.source != c.source or main.stance != c.stance:
            continue
        if main.id in dropped or c.id in dropped:
            continue
        if main.event is not None and c.event is None:
            dropped[c.id] = main.id
        else:
            dropped[main.id] = c.id
    for c in claims:
        if c.disputes in dropped:
            c.disputes = dropped[c.disputes]
    return [c for c in claims if c.id not in dropped]


def _credit_figures(ctx: Context, claims: list[Claim]) -> None:
    """Each event with a casualty count takes the source of the first attributed claim about it
    (``Event.figure_source``): the figure keeps its source when a bare toll is no claim."""
    by_id = {e.id: e for e in ctx.events}
    for c in claims:
        ev = by_id.get(c.event) if c.event is not None else None
        if ev is None or not c.attributed or c.source.startswith("outlet:") or ev.figure_source is not None:
            continue
        if _has_figure(ev):
            ev.figure_source = c.source


def _has_figure(ev: Event) -> bool:
    """A casualty count, exact or not ("dozens of dead")?"""
    return ev.qualifier is not None or any(getattr(ev, k) is not None for k in (*_COUNTS, "low", "high"))


def _bare_toll(ctx: Context, claim: Claim) -> bool:
    """Does ``claim`` only count casualties ("39 people were killed in the attack, officials said")?

    Such a statement is a casualty figure with its source (the figures keep it), not a claim of
    who did what.  It is a claim when it names a doer (the subject of an active verb with an
    object, an agent "by X", an actor whose attack or operation it was: "Russia's strike",
    "operations of the army"), lays blame ("blamed on", "attributed to"), calls the killing
    deliberate ("massacre", "executed"), counts combatants ("203 terrorists were killed": a
    force's report of its own operation), or denies."""
    if claim.stance != "asserts" or claim.event is None or claim.spans.content is None:
        return False
    ev = next((e for e in ctx.events if e.id == claim.event), None)
    if ev is None or ev.negated or ev.actor is not None or not _has_figure(ev):
        return False
    span = ctx.doc.char_span(*claim.spans.content, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    for tok in span:
        # "the missile, which killed dozens, came from X": the toll is an aside
        if (
            tok.dep_ == "relcl"
            and not (tok.left_edge.i <= span.root.i <= tok.right_edge.i)
            and any(t.like_num or t.lower_ in _VAGUE_COUNTS for t in tok.subtree)
        ):
            return False
    words = _toll_words()
    incident = words["incident_nouns"]
    for tok in span:
        lemma, low = tok.lemma_.lower(), tok.lower_
        if lemma in words["deliberate"] or low in words["deliberate"] or lemma in words["blame"]:
            return False
        if lemma in words["combatants"] and (
            tok.dep_ in ("nsubjpass", "dobj")
            or any(c.dep_ == "nummod" for c in tok.children)
            # "two of their soldiers were killed"
            or (
                tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("nsubjpass", "dobj")
            )
        ):
            return False
        if tok.dep_ == "agent":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in incident:
                return False
        if (
            tok.dep_ == "nsubj"
            and tok.pos_ in ("NOUN", "PROPN", "PRON")
            and low not in ("which", "that")
            and lemma not in incident
            and tok.head.lemma_.lower() not in load_cues().verbs  # "rescuers report dozens dead"
            and any(c.dep_ == "dobj" for c in tok.head.children)
        ):
            return False  # "the army killed 203": a doer
        if _doer_of_incident(ctx, tok, incident):
            return False
    return True


_LOCATIVE = {"at", "in", "on", "inside", "near", "around", "outside"}
_ARMED = {"military", "rebels", "militia", "peacekeepers"}


def _presence(ctx: Context, claim: Claim) -> bool:
    """Does ``claim`` only say who was where ("thousands of people were at the station during the
    strike", "police are on the spot")?  The scene, not a claim of what happened: a copula with
    a place and no characterisation, whose subject is no event.  Denials stay claims."""
    if claim.stance != "asserts" or claim.spans.content is None:
        return False
    span = ctx.doc.char_span(*claim.spans.content, alignment_mode="contract")
    if span is None or len(span) == 0:
        return False
    root = span.root
    kids = list(root.children)
    if root.lemma_ != "be" or any(c.dep_ in ("neg", "acomp", "ccomp", "xcomp") for c in kids):
        return False
    there = any(c.dep_ == "expl" for c in kids)
    if any(c.dep_ == "attr" for c in kids) and not there:
        return False  # "this is a deliberate attack": a characterisation
    if not any(c.dep_ == "prep" and c.lower_ in _LOCATIVE for c in kids):
        return False
    subject = next((c for c in kids if c.dep_ == ("attr" if there else "nsubj")), None)
    if subject is None:
        return False
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    party = ctx.actor_at(subject.idx, subject.idx + len(subject))
    if party is not None and party.sector in _ARMED:
        return False  # "enemy troops were in the village": where a party's forces were is a claim
    return not any(e.spans.trigger is not None and start <= e.spans.trigger[0] < end for e in ctx.events)


def _doer_of_incident(ctx: Context, tok: Token, incident: frozenset[str]) -> bool:
    """Is ``tok`` an actor (not civilians) or a country whose attack or operation it was ("Russia's strike",
    "a Russian attack", "operations of the Malian Armed Forces", "an attack by the militia")?"""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("of", "by"):
        head = head.head
    elif tok.dep_ not in ("poss", "compound", "amod"):
        return False
    if head.lemma_.lower() not in incident or head.pos_ != "NOUN":
        return False
    actor = ctx.actor_at(tok.idx, tok.idx + len(tok))
    if actor is not None:
        return actor.sector != "civilians"
    place = ctx.place_at(tok.idx, tok.idx + len(tok))  # "Russia's strike": a country as the doer
    return place is not None and (place.precision == "country" or place.feature == "country")


def _main_event(ctx: Context, content: tuple[int, int]) -> str | None:
    inside = [
        ev
        for ev in ctx.events
        if ev.spans.trigger is not None
        and content[0] <= ev.spans.trigger[0]
        and ev.spans.trigger[1] <= content[1]
    ]
    if not inside:
        return None
    return min(
        inside, key=lambda ev: (_depth(ctx.doc, ev), ev.spans.trigger[0] if ev.spans.trigger else 0)
    ).id


def _depth(doc: Doc, ev: Event) -> int:
    assert ev.spans.trigger is not None
    span = doc.char_span(ev.spans.trigger[0], ev.spans.trigger[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return 99
    tok: Token = span.root
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _link_denials(claims: list[Claim], events: list[Event], denying: set[str]) -> None:
    """Link each denial to the claim it answers and to the event it is about.

    A quoted denial with no event of its own ("There have been no changes in
    the positions," it said) continues what the same source just said about an
    event (a negated sentence with no event, no quote and no denying cue is
    left unlinked); it answers the latest earlier assertion by another source of an
    event of the same type (two mentions of one withdrawal are two events).
    """
    kind = {ev.id: ev.type for ev in events}
    for i, claim in enumerate(claims):
        if claim.stance != "denies":
            continue
        if claim.event is None and not claim.quote and claim.id not in denying:
            continue  # "residents have not been able to return": negated, but no denial of an event
        if claim.event is None:
            for earlier in reversed(claims[max(0, i - 3) : i]):
                if earlier.source == claim.source and earlier.event is not None:
                    claim.event = earlier.event
                    break
        if claim.disputes is not None:
            continue
        for earlier in reversed(claims[:i]):
            if earlier.stance != "asserts" or earlier.event is None or earlier.source == claim.source:
                continue
            if claim.event is not None and kind.get(claim.event) != kind.get(earlier.event):
                continue
            claim.disputes = earlier.id
            if claim.event is None:
                claim.event = earlier.event
            break


# --------------------------------------------------------------------------- source lines


def _lines(text: str) -> list[tuple[int, int]]:
    """The non-empty lines of ``text`` as (start, end), surrounding spaces trimmed."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _source_line(ctx: Context, line: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(lead span, source span) when ``line`` only names a source ("As reported by X with reference to Y.")."""
    conf = load_source_lines()
    text = ctx.text[line[0] : line[1]]
    low = text.lower()
    lead = next(
        (w for w in conf.leads if low.startswith(w) and (len(low) == len(w) or not low[len(w)].isalnum())),
        None,
    )
    if lead is None or len(text.split()) > 25:
        return None
    src_start = line[0] + len(lead)
    for ref in conf.references:
        k = low.find(f" {ref} ", len(lead))
        if k >= 0:
            src_start = line[0] + k + len(ref) + 2
            break
    src_end = line[1]
    while src_end > src_start and ctx.text[src_end - 1] in " .:;,":
        src_end -= 1
    while src_start < src_end and ctx.text[src_start] in " :,":
        src_start += 1
    if src_end <= src_start:
        return None
    span = ctx.doc.char_span(line[0] + len(lead), line[1], alignment_mode="expand")
    if span is None:
        return None
    words = {w for ref in conf.references for w in ref.split()}
    if any(t.pos_ in ("VERB", "AUX") and t.lower_ not in words for t in span):
        return None  # a sentence with its own verb: an ordinary attribution, found elsewhere
    return (line[0], line[0] + len(lead)), (src_start, src_end)


def _source_line_claims(ctx: Context, atts: list[Attribution], number: int) -> list[Claim]:
    """News credited once for several sentences or paragraphs.

    A line that only names a source, among the first lines, covers the lines before it (the
    lead it sources) and the next lines after it, up to the next line with an attribution of
    its own; "According to X, ..." opening a paragraph covers the paragraph's next sentences up
    to one with an attribution of its own.  Each sentence there that reports an event (a bare
    quotation included) becomes the source's claim."""
    if not ctx.events:
        return []
    conf = load_source_lines()
    lines = _lines(ctx.text)
    attributed_lines = set()
    for a in atts:
        if a.source is not None:
            attributed_lines.update(k for k, (s, e) in enumerate(lines) if s <= a.cue[0] < e)
    covered = [a.content for a in atts if a.content is not None and a.source is not None]
    quotes = find_quotes(ctx.text)
    out: list[Claim] = []
    done: set[int] = set()

    def credit(
        sentences: Iterable[int], line: tuple[int, int], source_id: str, source: Span, lead: Span
    ) -> None:
        """Each sentence of ``sentences`` (within ``line``) that reports an event: a claim of the source."""
        for sent_idx in sentences:
            if sent_idx in done:
                continue
            sent = ctx.sentences[sent_idx]
            events = [
                ev
                for ev in ctx.events
                if ev.spans.trigger
                and sent.start <= ev.spans.trigger[0] < sent.end
                and not ev.background
                and ev.modality is None
                and not any(c[0] <= ev.spans.trigger[0] < c[1] for c in covered)
            ]
            if not events:
                continue
            done.add(sent_idx)
            main = min(events, key=lambda ev: _depth(ctx.doc, ev))
            start, end = max(sent.start, line[0]), min(sent.end, line[1])
            while end > start and ctx.text[end - 1] in ".!?;: ":
                end -= 1
            out.append(
                Claim(
                    id=f"c{number + len(out) + 1}",
                    source=source_id,
                    cue=ctx.text[lead[0] : lead[1]],
                    stance="denies" if main.negated else "asserts",
                    content=ctx.text[start:end],
                    event=main.id,
                    quote=any(q[0] <= start < q[1] for q in quotes),
                    attributed=True,
                    spans=ClaimSpans(source=source, cue=None, content=(start, end)),
                    evidence=ctx.evidence(start, end),
                )
            )

    for k, line in enumerate(lines):
        found = _source_line(ctx, line)
        if found is None:
            continue
        lead, source = found
        region = list(range(k)) if k < conf.lead_lines else []
        for j in range(k + 1, min(len(lines), k + 1 + conf.following_lines)):
            if j in attributed_lines or _source_line(ctx, lines[j]) is not None:
                break
            region.append(j)
        region = [j for j in region if j not in attributed_lines]
        if not region:
            continue
        att = Attribution(
            cue=lead,
            cue_entry=Cue(
                ctx.text[lead[0] : lead[1]].lower(), "phrase", "neutral", 0.5, False, "source line"
            ),
            content=(lines[region[0]][0], lines[region[-1]][1]),
            source=source,
            source_head=None,
            content_head=None,
        )
        source_id = _source_id(ctx, att)
        for j in region:
            first, last = ctx.sentence_index(lines[j][0]), ctx.sentence_index(lines[j][1] - 1)
            credit(range(first, last + 1), lines[j], source_id, source, lead)
    # "According to X, ..." opening a paragraph: the paragraph's next plain sentences are X's too
    cue_sentences = {ctx.sentence_index(a.cue[0]) for a in atts if a.source is not None}
    for a in atts:
        if a.source is None or a.cue_entry.kind != "phrase" or a.content is None:
            continue
        line = next((ln for ln in lines if ln[0] <= a.cue[0] < ln[1]), None)
        if line is None or line[0] != a.cue[0]:
            continue
        following = []
        for idx in range(ctx.sentence_index(a.cue[0]) + 1, ctx.sentence_index(line[1] - 1) + 1):
            if idx in cue_sentences:
                break
            following.append(idx)
        if following:
            credit(following, line, _source_id(ctx, a), a.source, a.cue)
    return out


# --------------------------------------------------------------------------- outlet


def _outlet_claims(ctx: Context, atts: list[Attribution], claims: list[Claim]) -> list[Claim]:
    """Sentences that report an event with no attribution: the outlet says so itself."""
    if not ctx.events:
        return []
    count = len(claims)
    outlet = f"outlet:{ctx.article.outlet}" if ctx.article.outlet else "outlet:unknown"
    covered = [a.content for a in atts if a.content is not None]
    covered += [c.spans.content for c in claims if c.spans.content is not None]
    quotes = find_quotes(ctx.text)
    cue_sentences = {ctx.sentence_index(a.cue[0]) for a in atts}
    # a sentence that already holds a source's claim ("described in a statement by HRW") is theirs
    cue_sentences |= {ctx.sentence_index(c.evidence.start) for c in claims}
    by_sentence: dict[int, list[Event]] = {}
    for ev in ctx.events:
        if ev.spans.trigger is None:
            continue
        s, e = ev.spans.trigger
        if any(c[0] <= s and e <= c[1] for c in covered) or any(q[0] <= s < q[1] for q in quotes):
            continue
        idx = ctx.sentence_index(s)
        if idx in cue_sentences:
            continue
        by_sentence.setdefault(idx, []).append(ev)
    out = []
    for idx in sorted(by_sentence):
        sent = ctx.sentences[idx]
        events = by_sentence[idx]
        main = min(events, key=lambda ev: (ev.background, _depth(ctx.doc, ev)))
        start, end = sent.start, sent.end
        while end > start and ctx.text[end - 1] in ".!?;: ":
            end -= 1
        hedge = _hedge_in(ctx, start, end)
        if hedge is None and not (_reports_news(ctx, main) and _outlet_statement(ctx, start, end, main)):
            continue
        out.append(
            Claim(
                id=f"c{count + len(out) + 1}",
                # "were reportedly killed": the outlet passes on what unnamed reports say
                source=outlet if hedge is None else _hedge_source(ctx, hedge),
                cue=None if hedge is None else ctx.text[hedge[0] : hedge[1]],
                stance="denies" if main.negated else "asserts",
                content=ctx.text[start:end],
                event=main.id,
                attributed=hedge is not None,
                spans=ClaimSpans(source=None, cue=hedge, content=(start, end)),
                evidence=ctx.evidence(start, end),
            )
        )
    return out


_CLAUSE_PATH = {"ROOT", "conj", "ccomp", "xcomp", "nsubj", "nsubjpass", "dobj"}


def _reports_news(ctx: Context, ev: Event) -> bool:
    """Is ``ev`` what its sentence reports as news, firmly and concretely?

    Not background, not hypothetical, predicated by the sentence's main clause (not a relative
    clause, an apposition or a modifier: "the attack, which ...", "after the war that ..."), and
    concrete: it names a place, an actor or a target, or gives a casualty count.  (Hedged
    sentences, "reportedly", are credited to unnamed reports whatever their shape.)"""
    if ev.background or ev.modality is not None or ev.spans.trigger is None:
        return False
    if not (
        ev.place
        or ev.actor
        or ev.target
        or any(getattr(ev, k) is not None for k in ("killed", "wounded", "missing", "captured"))
    ):
        return False
    span = ctx.doc.char_span(*ev.spans.trigger, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok: Token = span.root
    for _ in range(8):
        if tok.dep_ not in _CLAUSE_PATH:
            return False
        if tok.head.i == tok.i:
            return tok.pos_ in ("VERB", "AUX")  # a clause, not a heading ("Urgent need for an inquiry")
        tok = tok.head
    return False


@functools.cache
def _outlet_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """(boilerplate line openings, PLOVER types of verbal acts) from ``data/claims/outlet.json``."""
    data = _string_lists("outlet.json", "boilerplate_leads", "speech_types")
    return tuple(w.lower() for w in data["boilerplate_leads"]), frozenset(
        t.upper() for t in data["speech_types"]
    )


def _outlet_statement(ctx: Context, start: int, end: int, ev: Event) -> bool:
    """Is the unattributed sentence ``start:end`` the outlet's own claim that ``ev`` happened?

    Not page furniture ("Read more: ..."), not a verbal act (that someone called for or accused is
    told by the attributed claims), and a declarative clause in the past, the perfect or the
    progressive: a main clause in the simple present states what is generally so ("such
    munitions scatter bomblets", "their use is banned"), a copula characterises or sets the
    scene ("the massacre was part of ...", "thousands were at the station"), and a clause
    without a subject is a heading or an order."""
    leads, speech = _outlet_words()
    low = ctx.text[start:end].lower()
    if any(low.startswith(w) and (len(low) == len(w) or not low[len(w)].isalnum()) for w in leads):
        return False
    if ev.type in speech or ev.spans.trigger is None:
        return False
    span = ctx.doc.char_span(*ev.spans.trigger, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root.sent.root
    kids = list(root.children)
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in kids):
        return False
    if root.lemma_ == "be" and not any(c.dep_ == "expl" for c in kids):
        return False
    auxes = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    finite = auxes[0] if auxes else root
    progressive = root.tag_ == "VBG" or any(c.tag_ == "VBG" for c in auxes)
    # the simple present (active or passive) tells what is generally so
    return finite.tag_ not in ("VBZ", "VBP") or finite.lemma_ == "have" or progressive


def _hedge_source(ctx: Context, hedge: tuple[int, int]) -> str:
    """Unnamed reports, the source a hedge ("reportedly") passes on: the generic "report" actor."""
    rows = load_generic_sources().get("report")
    if not rows:
        return "unresolved:reports"
    return _add_generic(ctx, rows[0], hedge, ["reports"])


def _hedge_in(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """The first hedge word ("reportedly", "allegedly") between ``start`` and ``end``, if any."""
    hedges = load_cues().hedges
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.lower_ in hedges and tok.pos_ == "ADV":
            return tok.idx, tok.idx + len(tok)
    return None


# --------------------------------------------------------------------------- dates


def _published(ctx: Context) -> dt.date | None:
    """The publication date, or None with a warning when it is not an ISO date (as the events stage does)."""
    try:
        return parse_published(ctx.article.published)
    except ValueError as err:
        ctx.warnings.append(f"claims: {err}; statement dates left unresolved")
        return None


def _statement_date(ctx: Context, att: Attribution, published: dt.date | None) -> str | None:
    """The date attached to the cue ("said on Monday"), not one inside the content."""
    if published is None:
        return None
    sent = ctx.sentences[ctx.sentence_index(att.cue[0])]
    doc = ctx.doc
    cue_span = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    if cue_span is None:
        return None
    cue_tok = cue_span.root
    for expr in find_dates(ctx.text[sent.start : sent.end], published):
        s = sent.start + expr.start
        if att.content is not None and att.content[0] <= s < att.content[1]:
            continue
        span = doc.char_span(s, sent.start + expr.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(4):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.i == cue_tok.i:
                return expr.date.isoformat()
    return None
