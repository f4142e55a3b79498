"""Finding attributions in a parsed text: who (source) says (cue) what (content).

This module knows nothing about conflicts or actors: it reads a spaCy ``Doc``
and the cue lexicon and returns character spans.  The claims stage turns the
spans into :class:`ceasefire.records.Claim` records; the PolNeAR evaluation
scores the spans directly.

Patterns handled:

- a reporting verb with a clausal or object complement: "X said (that) ...",
  "X denied the reports", "X insisted ...", "X told reporters ...";
- the inverted order: "..., X said." and '"...," it said.';
- a passive with an agent: "... was first reported by X";
- "according to X, ...";
- direct quotes: the content of a cue next to a quotation grows to the whole
  quotation, over several sentences or paragraphs ("X said:" followed by a
  quote, or a quote followed by "X said.");
- reporting nouns: "rejected Russian claims of a full withdrawal" gives a
  nested attribution (Russia - claims - a full withdrawal) linked to the
  rejection through ``answers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ceasefire.extract.claim_cues import Cue, CueLexicon, load_cues, load_generic_sources

CharSpan = tuple[int, int]

_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"
_STRAIGHT = '"'
_TRIM = " \t\n,;:.—–-"
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CUE_MODIFIERS = ("aux", "auxpass", "neg", "advmod")
_NAMED = ("ORG", "GPE", "NORP", "PERSON")
_POINTING_BACK = ("this", "that", "these", "those")
_NESTED_DROP = True  # a cue inside another attribution's content is speech within speech: dropped


@dataclass
class Attribution:
    """One attribution as character spans into the text."""

    cue: CharSpan
    cue_entry: Cue
    content: CharSpan | None
    source: CharSpan | None
    source_head: CharSpan | None  # the head word of the source ("Ministry" in "Russia's Defence Ministry")
    content_head: int | None  # token index of the content's syntactic head
    quote: bool = False
    negated_cue: bool = False  # "did not say", "would not confirm"
    answers: int | None = None  # index (in the returned list) of the attribution this one reports on
    nominal: bool = False  # the cue is a noun ("claims of ...")
    falsity: Cue | None = None  # "dismissed them as lies", "called it false"
    extra: dict[str, str] = field(default_factory=dict)


def find_quotes(text: str) -> list[CharSpan]:
    """Quotations as [start, end) spans including their marks; paragraphs may continue a quote."""
    quotes: list[CharSpan] = []
    start: int | None = None
    straight_open = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        at_para_start = i == 0 or _line_start(text, i)
        if ch in _OPEN_QUOTES:
            if start is None:
                start = i
            elif at_para_start:
                pass  # a new paragraph continues the open quotation
            else:
                start = i  # unbalanced: restart
        elif ch in _CLOSE_QUOTES:
            if start is not None:
                quotes.append((start, i + 1))
                start = None
        elif ch == _STRAIGHT:
            if not straight_open:
                straight_open = True
                start = i
            elif at_para_start:
                pass  # continuation paragraph of a straight quotation
            else:
                straight_open = False
                if start is not None:
                    quotes.append((start, i + 1))
                start = None
        elif (
            ch == "\n"
            and start is not None
            and not _next_para_opens_quote(text, i)
            and ("\n" in text[i + 1 : i + 3] or i + 1 >= n)
        ):
            # a paragraph ended inside a quotation and the next one does not continue it
            start = None
            straight_open = False
        i += 1
    return quotes


def _line_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] == "\n"


def _next_para_opens_quote(text: str, i: int) -> bool:
    j = i
    while j < len(text) and text[j] in "\n \t":
        j += 1
    return j < len(text) and text[j] in _OPEN_QUOTES + _STRAIGHT


def find_attributions(
    doc: Doc, lexicon: CueLexicon | None = None, nominal: bool = True, attitudes: bool = False
) -> list[Attribution]:
    """All attributions in ``doc``, in text order of their cues.

    With ``nominal=False`` reporting nouns nested in another attribution's
    content ("rejected Russian claims of ...") are not reported separately.
    With ``attitudes=True`` verbs of attitude and evaluation ("criticized",
    "wants", "endorsed") count as cues too, as PolNeAR annotates them.
    """
    lex = lexicon or load_cues()
    text = doc.text
    quotes = find_quotes(text)
    found: list[Attribution] = []
    used_cue_tokens: set[int] = set()
    for sent in doc.sents:
        for tok in sent:
            if tok.i in used_cue_tokens:
                continue
            att = _according_to(tok, sent, lex)
            if att is None:
                att = _verb_attribution(tok, sent, lex, attitudes)
            if att is None:
                att = _headline(tok, sent, lex)
            if att is None:
                continue
            used_cue_tokens.add(tok.i)
            _quote_content(att, doc, sent, tok, quotes)
            if att.content is None:
                continue
            found.append(att)
    found = _drop_nested(found, quotes)
    if nominal:
        found = _add_nominal(doc, found, lex)
    found.sort(key=lambda a: a.cue[0])
    # re-point ``answers`` after sorting
    return _renumber(found)


# --------------------------------------------------------------------------- verbs


def _verb_attribution(tok: Token, sent: Span, lex: CueLexicon, attitudes: bool) -> Attribution | None:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return None
    lemma = tok.lemma_.lower()
    cue = lex.verbs.get(lemma) or (lex.attitudes.get(lemma) if attitudes else None)
    if cue is None:
        return None
    if tok.dep_ in ("amod", "compound"):
        return None
    children = list(tok.children)
    content_tok = _first(children, ("ccomp",))
    passive_content = None
    if content_tok is not None and _next_line_clause(tok, content_tok):
        content_tok = None
    if content_tok is None:
        content_tok = _first(children, ("xcomp",))
        if content_tok is not None and content_tok.pos_ not in ("VERB", "AUX"):
            content_tok = None
    if content_tok is None:
        content_tok = _clause_on_prep_object(tok, with_object=not cue.takes_object)
    if content_tok is None:
        # "admitted to killing 200 fighters", "confessed to having fired": a gerund clause after "to"
        to = next((c for c in children if c.dep_ == "prep" and c.lower_ == "to" and c.i > tok.i), None)
        content_tok = (
            next((c for c in to.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None) if to else None
        )
    if content_tok is None and cue.takes_object:
        content_tok = _first(children, ("dobj",))
        if content_tok is None:
            # "denounced as 'fictitious' a UN report": the parser hangs the object inside the as-phrase
            as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None)
            if as_prep is not None:
                content_tok = next((t for t in as_prep.subtree if t.dep_ == "dobj"), None) or next(
                    (t for t in as_prep.children if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN")), None
                )
                if content_tok is not None and not any(
                    t.lemma_.lower() in lex.falsity or t.lower_ in lex.falsity for t in as_prep.subtree
                ):
                    content_tok = None  # "condemned as a war crime": the as-phrase is what it is called
    agent = _first(children, ("agent",))
    if agent is not None:
        passive_content = _first(children, ("nsubjpass", "csubjpass"))
    # the verb hangs off the clause it reports: "Three were killed, the ministry said"
    parataxis_content = None
    if (
        content_tok is None
        and tok.dep_ in ("parataxis", "ccomp")
        and tok.head.i != tok.i
        and (tok.dep_ == "parataxis" or tok.head.i < tok.i and _has_subject(tok))
        and tok.head.lemma_.lower() not in lex.verbs
    ):
        parataxis_content = tok.head
    # "As the agency reported, ...", "As reported by X, ...": the clause the as-clause modifies
    as_clause = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
    if content_tok is None and parataxis_content is None and as_clause and tok.head.i != tok.i:
        parataxis_content = tok.head
        if agent is not None and passive_content is None:
            passive_content = tok.head  # the agent is the source
    # "As noted, ...": an as-clause without its own speaker is the outlet recalling its own words
    source_tok = _subject(tok) if not as_clause or _has_subject(tok) else None
    inverted = _inverted_speaker(tok) if source_tok is None else None
    if inverted is not None:
        # '"...," said a statement read out by X': the parser took the speaker for a clause
        source_tok = inverted
        if content_tok is not None and content_tok.i > tok.i:
            content_tok = None
    source_span: CharSpan | None = None
    source_head: CharSpan | None = None
    document = _document_speaker(tok, lex) if source_tok is None else None
    if document is not None:
        source_span, source_head = document
    elif agent is not None and passive_content is not None:
        pobj = _first(list(agent.children), ("pobj",))
        if pobj is not None:
            source_span = _subtree_span(pobj)
            source_head = (pobj.idx, pobj.idx + len(pobj))
            if parataxis_content is None:
                content_tok = passive_content
    elif source_tok is not None:
        source_span = _subtree_span(source_tok if inverted is None else source_tok.head)
        source_head = (source_tok.idx, source_tok.idx + len(source_tok))
    if source_span is None and not as_clause and tok.dep_ != "acl":
        # a title run into the sentence took the subject away: "... by military\nWitnesses told HRW"
        run_in = _subject_on_own_line(tok, sent)
        if run_in is not None:
            source_span, source_head = run_in
    content: CharSpan | None = None
    content_head: int | None = None
    if content_tok is not None:
        content = _subtree_span(content_tok)
        content_head = content_tok.i
    elif parataxis_content is not None:
        content = _span_without(parataxis_content, tok)
        content_head = parataxis_content.i
    elif cue.kind == "verb" and (inverted is not None or _is_bare_report(tok)):
        content = None  # may still be found next to a quotation
    else:
        return None
    text = sent.doc.text
    att = Attribution(
        cue=_cue_span(tok),
        cue_entry=cue,
        content=_clean(text, _same_line(text, content, tok.idx)) if content else None,
        source=_clean(text, _source_on_line(text, source_span, tok.idx)) if source_span else None,
        source_head=source_head,
        content_head=content_head,
        negated_cue=any(c.dep_ == "neg" for c in children),
    )
    if (
        att.source is not None
        and source_head is not None
        and not att.source[0] <= source_head[0] < att.source[1]
    ):
        att.source_head = None  # the head word was on another line
    if att.content is not None and content_head is not None:
        head_tok = sent.doc[content_head]
        if not att.content[0] <= head_tok.idx < att.content[1]:
            att.content_head = None  # clipped to its line: the stance reads the clipped words
    att.falsity = _falsity_predicate(tok, lex)
    if tok.dep_ in ("relcl", "acl") and tok.head.lemma_.lower() in lex.nouns:
        att.extra["document"] = "1"  # "a UN report that said ...": the report's own claim, even when nested
    if att.source is None and att.content is None:
        return att  # a bare "it said." next to a quotation: filled in by _quote_content
    return att


def _next_line_clause(tok: Token, clause: Token) -> bool:
    """Is ``clause`` a sentence of a later line that the parser hung on a headline's cue ("Kremlin
    denies involvement\nThe Kremlin denied on Friday that ...")?  Not when the cue's line ends
    in a colon or opens a quotation (*He wrote:* then the words)."""
    text = tok.doc.text
    nl = text.find("\n", tok.idx)
    if nl < 0 or clause.left_edge.idx < nl:
        return False
    return text[:nl].rstrip()[-1:] not in ":" + _OPEN_QUOTES + _STRAIGHT


def _clause_on_prep_object(tok: Token, with_object: bool) -> Token | None:
    """ "claimed in a statement that ...", "expressed surprise that ...": the that-clause the parser
    hung on the cue's prepositional object (or, ``with_object``, on its direct object)."""
    for prep in tok.children:
        if prep.i < tok.i or prep.dep_ not in (("prep", "dobj") if with_object else ("prep",)):
            continue
        objects = [prep] if prep.dep_ == "dobj" else [p for p in prep.children if p.dep_ == "pobj"]
        for pobj in objects:
            for c in pobj.children:
                if (
                    c.dep_ in ("acl", "ccomp", "relcl")
                    and c.i > pobj.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ):
                    return c
    return None


def _document_speaker(tok: Token, lex: CueLexicon) -> tuple[CharSpan, CharSpan] | None:
    """ "issued a statement saying ...", "a UN report accusing X of ...": a participle on a reporting noun.

    The speaker is the noun phrase when it names someone ("the UN report", "HRW's statement"),
    else the subject of the verb that issued the noun ("the ministry issued a statement saying"),
    else the noun phrase itself.  Returns (source span, head span)."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = tok.head
    if noun.lemma_.lower() not in lex.nouns:
        return None
    left = noun.left_edge
    own = (left.idx, noun.idx + len(noun)), (noun.idx, noun.idx + len(noun))
    names = [t for t in noun.doc[left.i : noun.i] if t.ent_type_ in _NAMED or t.dep_ == "poss"]
    if names:
        return own
    if noun.dep_ in ("dobj", "pobj"):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        subj = _first(list(verb.children), ("nsubj",)) if verb.pos_ in ("VERB", "AUX") else None
        if subj is not None:
            return _subtree_span(subj), (subj.idx, subj.idx + len(subj))
    return own


_NP_POS = ("NOUN", "PROPN", "DET", "ADJ", "NUM", "PART")


def _subject_on_own_line(tok: Token, sent: Span) -> tuple[CharSpan, CharSpan] | None:
    """The noun phrase that opens the cue's line when the sentence began on an earlier line."""
    text = tok.doc.text
    line_start = text.rfind("\n", 0, tok.idx) + 1
    if line_start <= sent.start_char:
        return None
    words = [t for t in tok.doc[sent.start : tok.i] if t.idx >= line_start and not t.is_space]
    if not 1 <= len(words) <= 6 or any(t.pos_ not in _NP_POS for t in words):
        return None
    head = words[-1]
    return (words[0].idx, head.idx + len(head)), (head.idx, head.idx + len(head))


def _inverted_speaker(tok: Token) -> Token | None:
    """The subject of a clause the parser hung after a quotation's cue ('"...," said a statement read
    out by X'): the speaker, when the cue directly follows the quotation and has no subject."""
    after = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
    if not after or tok.i < 2:
        return None
    content_tok = after[0]
    before = tok.doc[tok.i - 1]
    if before.text == ",":
        before = tok.doc[tok.i - 2]
    if before.text not in _CLOSE_QUOTES + _STRAIGHT and not (
        before.i > 0 and tok.doc[before.i - 1].text == ","
    ):
        return None
    return _first(list(content_tok.children), ("nsubj",))


def _is_bare_report(tok: Token) -> bool:
    """A reporting verb with no complement at all, as in '"...," it said.' or 'He said:'."""
    return _subject(tok) is not None


def _first(tokens: list[Token], deps: tuple[str, ...]) -> Token | None:
    for t in tokens:
        if t.dep_ in deps:
            return t
    return None


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in tok.children)


def _subject(tok: Token) -> Token | None:
    """The subject of ``tok``, inherited along conjunctions and participles ("..., saying")."""
    cur: Token | None = tok
    if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.head.i != tok.head.i:
        # "quoted a police officer as saying ...", "reported a local as stating ...": the object speaks;
        speaker = _first(list(tok.head.head.children), ("dobj",)) or _first(
            list(tok.head.head.children), ("nsubjpass",)
        )  # "... was quoted as saying": the subject of the passive
        if speaker is not None and not _has_subject(tok):
            return speaker
    for _ in range(4):
        if cur is None:
            return None
        subj = _first(list(cur.children), ("nsubj", "csubj"))
        if subj is not None:
            if subj.dep_ == "nsubj" and subj.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                return cur.head
            return subj
        if cur.dep_ in ("conj", "advcl", "xcomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def _cue_span(tok: Token) -> CharSpan:
    start = tok.idx
    end = tok.idx + len(tok)
    mods = sorted((c for c in tok.children if c.dep_ in _CUE_MODIFIERS and c.i < tok.i), key=lambda t: -t.i)
    nxt = tok.i
    for m in mods:
        if m.i == nxt - 1:
            start = m.idx
            nxt = m.i
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c)
    return start, end


def _subtree_span(tok: Token) -> CharSpan:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right)


def _span_without(head: Token, cut: Token) -> CharSpan:
    """The subtree of ``head`` less the subtree of ``cut`` (a reporting clause before, inside or after)."""
    lo, hi = cut.left_edge.i, cut.right_edge.i
    tokens = [t for t in head.subtree if not lo <= t.i <= hi and not t.is_punct]
    if not tokens:
        return _subtree_span(head)
    first, last = tokens[0], tokens[-1]
    if first.i < lo < last.i:
        return first.idx, last.idx + len(last)
    if last.i < lo:
        # include a closing quotation mark that ends the reported words
        after = head.doc[last.i + 1] if last.i + 1 < len(head.doc) else None
        end = last.idx + len(last)
        if after is not None and after.i < lo and after.text in _CLOSE_QUOTES + _STRAIGHT + ",":
            end = after.idx + len(after)
        return first.idx, end
    return first.idx, last.idx + len(last)


def _same_line(text: str, span: CharSpan, anchor: int) -> CharSpan:
    """The part of ``span`` on the line of ``anchor``: a parse never carries a claim across a line break
    (titles, datelines and paragraphs run together in scraped text)."""
    s, e = span
    if s < anchor:
        s = max(s, text.rfind("\n", 0, anchor) + 1)
    if e > anchor:
        nl = text.find("\n", anchor)
        if nl >= 0:
            e = min(e, nl)
    return (s, e) if e > s else span


def _source_on_line(text: str, span: CharSpan, anchor: int) -> CharSpan:
    """The source's words on the cue's line.  When the parse put the whole subject on earlier lines
    (a caption or dateline run into the sentence), the words before the cue on its own line."""
    s, e = _same_line(text, span, anchor)
    line_start = text.rfind("\n", 0, anchor) + 1
    if e <= line_start < anchor and s < line_start:
        before = text[line_start:anchor]
        if before.strip() and len(before.split()) <= 8:
            return line_start, anchor
    return s, e


def _clean(text: str, span: CharSpan) -> CharSpan | None:
    """Trim spaces and dangling punctuation; keep closing quotation marks and what they enclose."""
    s, e = span
    while s < e and (text[s] in _TRIM or text[s] in "’" and s + 1 < e and text[s + 1] == " "):
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    # keep a comma or full stop that sits inside a closing quotation mark
    return (s, e) if e > s else None


def _falsity_predicate(tok: Token, lex: CueLexicon) -> Cue | None:
    """ "dismissed the reports as lies", "called it absolutely false": the source calls it untrue."""
    for c in tok.children:
        if c.dep_ in ("oprd", "xcomp", "acomp", "prep", "advcl", "ccomp", "dobj"):
            if c.dep_ == "advcl" and _own_object(c):
                # "Condemning what it called a 'biased report', the government said that ...": the
                # adverbial clause judges its own object, not what the main cue introduces
                continue
            for t in c.subtree:
                hit = lex.falsity.get(t.lemma_.lower()) or lex.falsity.get(t.lower_)
                if hit is not None and t.i != tok.i:
                    # "denounced the 'fictitious' report": a falsity word on the object itself
                    on_object = c.dep_ == "dobj" and t.dep_ == "amod" and t.head.i == c.i
                    if c.dep_ in ("ccomp", "dobj") and not _predicative(t) and not on_object:
                        continue
                    if on_object and lex.verbs.get(tok.lemma_.lower(), hit).stance == "asserts":
                        continue
                    return hit
    return None


def _own_object(clause: Token) -> bool:
    """The clause has an object or complement clause of its own, not a pronoun pointing back
    ("calling it a lie" points back; "condemning what it called a lie" does not)."""
    return any(
        c.dep_ in ("dobj", "ccomp") and not (c.tag_ == "PRP" or c.lower_ in _POINTING_BACK)
        for c in clause.children
    )


def _predicative(t: Token) -> bool:
    """``t`` is what the clause predicates ("the reports are false", "it was a lie")."""
    return t.dep_ in ("acomp", "attr", "oprd") or (t.dep_ == "amod" and t.head.dep_ in ("attr", "oprd"))


# --------------------------------------------------------------------------- headlines


def _headline(tok: Token, sent: Span, lex: CueLexicon) -> Attribution | None:
    """'Roger Stone: Don't Trust the Voting Machines.': a name, a colon, the words at a line start."""
    if tok.text != ":" or tok.i - sent.start > 7 or tok.i == sent.start:
        return None
    doc = sent.doc
    text = doc.text
    line_start = text.rfind("\n", 0, tok.idx) + 1
    first = doc[sent.start]
    if first.idx > line_start and text[line_start : first.idx].strip():
        return None
    name = doc[first.i : tok.i]
    if any(t.pos_ == "VERB" for t in name) or not (
        any(t.pos_ == "PROPN" for t in name) or _generic_name(name)
    ):
        return None
    if all(t.ent_type_ in ("GPE", "LOC", "NORP", "DATE") or t.is_punct for t in name):
        return None  # "Mali: Massacre by Army": a place heading, not a speaker
    line_end = text.find("\n", tok.idx)
    line_end = len(text) if line_end < 0 else line_end
    content = _clean(text, (tok.idx + 1, min(line_end, max(sent.end_char, tok.idx + 1))))
    if content is None:
        return None
    for t in doc[tok.i + 1 : sent.end]:
        if t.idx >= content[1]:
            break
        if t.lemma_.lower() in lex.verbs and t.pos_ == "VERB" and _has_subject(t):
            return None  # "Mali: HRW condemns ...": the heading's words name their own speaker
    cue = lex.phrases.get((":",)) or Cue(":", "phrase", "neutral", 0.5, False, "built-in")
    return Attribution(
        cue=(tok.idx, tok.idx + 1),
        cue_entry=cue,
        content=content,
        source=(name.start_char, name.end_char),
        source_head=(name.root.idx, name.root.idx + len(name.root)),
        content_head=None,
    )


def _generic_name(name: Span) -> bool:
    """ "Rights group: ...", "Witnesses: ...": an unnamed source of the generic-source table."""
    rows = load_generic_sources().get(name.root.lemma_.lower(), ())
    words = {t.lower_ for t in name}
    return any(not r.requires or words & set(r.requires) for r in rows)


# --------------------------------------------------------------------------- according to


def _according_to(tok: Token, sent: Span, lex: CueLexicon) -> Attribution | None:
    doc = sent.doc
    for words, cue in lex.phrases.items():
        n = len(words)
        if tok.i + n > sent.end:
            continue
        if tuple(doc[tok.i + k].lower_ for k in range(n)) != words:
            continue
        last = doc[tok.i + n - 1]
        pobj = _first(list(last.children), ("pobj",))
        if pobj is None:
            pobj = _first([t for t in doc[last.i + 1 : sent.end]], ("pobj",))
        if pobj is None:
            return None
        source = _subtree_span(pobj)
        phrase_start = tok.idx
        phrase_end = max(source[1], last.idx + len(last))
        s_start, s_end = sent.start_char, sent.end_char
        before = _clean(doc.text, (s_start, phrase_start))
        after = _clean(doc.text, (phrase_end, s_end))
        content = (before[0], after[1]) if before and after else before or after
        if content is None:
            return None
        head = sent.root
        return Attribution(
            cue=(tok.idx, last.idx + len(last)),
            cue_entry=cue,
            content=content,
            source=_clean(doc.text, source),
            source_head=(pobj.idx, pobj.idx + len(pobj)),
            content_head=head.i if head.i != tok.i else None,
        )
    return None


# --------------------------------------------------------------------------- quotations


def _quote_content(att: Attribution, doc: Doc, sent: Span, tok: Token, quotes: list[CharSpan]) -> None:
    """Grow the content to a quotation it touches, or take the adjacent quotation when it has none."""
    text = doc.text
    if att.content is not None:
        for q in quotes:
            overlaps = q[0] < att.content[1] and att.content[0] < q[1] and not (q[0] <= att.cue[0] < q[1])
            # content overlaps a quotation that does not contain the cue: the quote is the content
            if overlaps and (
                q[0] <= att.content[0] + 2 and q[1] >= att.content[1] - 2 or _mostly_inside(att.content, q)
            ):
                if q[0] < att.content[0] and "." in doc.text[q[0] : att.content[0]]:
                    att.content_head = None  # the quotation begins sentences earlier: its lead decides
                att.content = (min(q[0], att.content[0]), max(q[1], att.content[1]))
                att.quote = True
        if att.quote:
            att.content = _continue_quote(att, text, quotes, sent)
        return
    if att.source is None:
        return
    # "... ," it said.  -> the quotation that ends just before the source/cue
    left = min(att.source[0], att.cue[0])
    right = max(att.source[1], att.cue[1])
    for q in quotes:
        gap = text[q[1] : left]
        # '"...," it said': the quotation and its speaker share a line (a quotation that ends a
        # paragraph is not what the next paragraph's "The ministry claimed" reports)
        if q[1] <= left and len(gap) <= 3 and gap.strip(" ,") == "":
            att.content = q
            att.quote = True
            att.content = _continue_quote(att, text, quotes, sent)
            return
    # X said: "..."  -> the quotation that starts just after the cue (a colon between);
    # "telling reporters, '...'": the cue's own objects may stand between
    for c in tok.children:
        if c.i > tok.i and c.dep_ in ("dative", "dobj", "npadvmod", "prep") and c.right_edge.i < sent.end:
            right = max(right, c.right_edge.idx + len(c.right_edge))
    for q in quotes:
        gap = text[right : q[0]]
        if q[0] >= right and len(gap) <= 4 and gap.strip(" :,\n") == "":
            att.content = q
            att.quote = True
            return


def _mostly_inside(content: CharSpan, q: CharSpan) -> bool:
    inter = min(content[1], q[1]) - max(content[0], q[0])
    return inter >= 0.6 * (content[1] - content[0])


def _continue_quote(att: Attribution, text: str, quotes: list[CharSpan], sent: Span) -> CharSpan:
    """'"A," he said. "B."': a quotation right after the reporting sentence continues the content."""
    assert att.content is not None
    end = max(att.content[1], att.cue[1], att.source[1] if att.source else 0)
    if att.content[1] < att.cue[0]:
        # '"A," he said, "B."' inside one sentence
        for q in quotes:
            gap = text[end : q[0]]
            if q[0] >= end and len(gap) <= 3 and gap.strip(" ,") == "":
                return att.content[0], q[1]
    if end < sent.end_char - 2:
        # '"A," said X.\n\n"B."': a quotation standing alone as the next paragraph, after a
        # sentence that ends with its speaker, continues the speaker's words
        for q in quotes:
            gap = text[end : q[0]]
            if q[0] >= end and "\n" in gap and not gap.strip(_TRIM) and text[q[1] : q[1] + 2].strip() == "":
                return att.content[0], q[1]
        return att.content
    sent_end = sent.end_char
    for q in quotes:
        gap = text[sent_end : q[0]]
        if q[0] < sent_end or len(gap) > 4 or gap.strip() != "":
            continue
        if "\n" not in gap:
            return att.content[0], q[1]
        # a quotation standing alone as the next paragraph continues the speaker's words
        after = text[q[1] : q[1] + 2]
        if after.strip() == "":
            return att.content[0], q[1]
    return att.content


# --------------------------------------------------------------------------- nouns


def _add_nominal(doc: Doc, found: list[Attribution], lex: CueLexicon) -> list[Attribution]:
    """Reporting nouns inside another attribution's content: "rejected Russian claims of X"."""
    out = list(found)
    for att in found:
        if att.content is None:
            continue
        span = doc.char_span(att.content[0], att.content[1], alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            cue = lex.nouns.get(tok.lemma_.lower())
            if cue is None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
                continue
            source_tok = _first(list(tok.children), ("poss",)) or _first(
                [c for c in tok.children if c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")],
                ("amod", "compound"),
            )
            if source_tok is None:
                continue
            content_tok = None
            for c in tok.children:
                if c.dep_ in ("acl", "ccomp", "relcl") and c.dep_ != "relcl":
                    content_tok = c
                    break
                if c.dep_ == "prep" and c.lower_ in ("of", "that", "about"):
                    content_tok = _first(list(c.children), ("pobj", "pcomp"))
                    break
            if content_tok is None:
                continue
            src_tok_span = (source_tok.idx, source_tok.idx + len(source_tok))
            source = _subtree_span(source_tok)
            # "Russia's": drop the possessive ending from the source words
            s0, s1 = source
            if doc.text[s0:s1].endswith(("'s", "’s")):
                s1 -= 2
            content = _clean(doc.text, _subtree_span(content_tok))
            if content is None:
                continue
            nested = Attribution(
                cue=(tok.idx, tok.idx + len(tok)),
                cue_entry=cue,
                content=content,
                source=_clean(doc.text, (s0, s1)),
                source_head=src_tok_span,
                content_head=content_tok.i,
                nominal=True,
            )
            if not any(o.cue == nested.cue for o in out):
                out.append(nested)
            att.extra["answers_cue"] = f"{tok.idx}"
    return out


def _renumber(found: list[Attribution]) -> list[Attribution]:
    by_cue = {a.cue[0]: i for i, a in enumerate(found)}
    for a in found:
        key = a.extra.get("answers_cue")
        if key is not None:
            a.answers = by_cue.get(int(key))
    return found


def _drop_nested(found: list[Attribution], quotes: list[CharSpan]) -> list[Attribution]:
    """Drop an attribution whose cue lies inside a quotation (speech within quoted speech)."""
    out = []
    for a in found:
        if "document" in a.extra:
            out.append(a)
            continue
        inside = any(q[0] < a.cue[0] < q[1] and q[1] - q[0] > 40 for q in quotes)
        for b in found:
            if b is a or b.content is None or not (b.quote or _NESTED_DROP):
                continue
            if b.content[0] < a.cue[0] < b.content[1] and not (b.cue[0] <= a.cue[0] < b.cue[1]):
                inside = True
                break
        if not inside:
            out.append(a)
    return out
