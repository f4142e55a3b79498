"""Emergent: the stance of a news headline toward a claim (for / against / observing).

Scored with the claims machinery, not a separate model: a headline is parsed,
its attributions found (:func:`ceasefire.extract.attribution.find_attributions`)
and its words looked up in the cue lexicon.

- against: a denial (a cue that denies, a falsity word such as "hoax" or
  "false", or an attribution whose stance is ``denies``);
- observing: the headline reports the claim at a distance: an attribution
  ("..., officials say", "according to ...", "Report: ...") or a hedge
  ("reportedly", "allegedly", "claims") or a question;
- for: a plain assertion.

Split: ``url-versions-2015-06-14-clean-test.csv`` (524 headlines); the rules
were tuned on the train file only.  ``CEASEFIRE_EMERGENT_SPLIT=train`` scores that.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from spacy.tokens import Doc

from ceasefire.eval import Metrics, evaluator

LABELS = ("for", "against", "observing")
_HEADLINE_REPORT = ("report", "reports", "rumor", "rumour", "rumors", "rumours", "unconfirmed")
_MODALS = ("may", "might", "could", "possible", "possibly", "suspected", "purports", "purported")


def headline_stance(doc: Doc) -> str:
    """for / against / observing of a parsed headline toward the claim it carries."""
    from ceasefire.extract.attribution import find_attributions
    from ceasefire.extract.claim_cues import load_cues
    from ceasefire.extract.stance import negation_of, stance_of

    lex = load_cues()
    words = [t.lower_ for t in doc]
    lemmas = [t.lemma_.lower() for t in doc]
    for w, lemma in zip(words, lemmas, strict=True):
        verb = lex.verbs.get(lemma) or next((lex.verbs[g] for g in _guesses(w) if g in lex.verbs), None)
        if verb is not None and verb.stance == "denies":
            return "against"
        if w in lex.falsity or lemma in lex.falsity:
            return "against"
    if words and words[0] == "no" and len(words) > 1 and words[1] == ",":
        return "against"  # "No, X is not ..."
    for sent in doc.sents:
        if negation_of(sent.root) is not None or any(
            w in ("not", "n't") and i + 1 < len(words) and words[i + 1] in ("true", "real", "dead")
            for i, w in enumerate(words)
        ):
            return "against"
    atts = find_attributions(doc)
    for att in atts:
        if stance_of(att, doc, lex)[0] == "denies":
            return "against"
    if atts:
        return "observing"
    for w, lemma in zip(words, lemmas, strict=True):
        if w in lex.hedges or w in _HEADLINE_REPORT or w in _MODALS:
            return "observing"
        verb = lex.verbs.get(lemma) or lex.verbs.get(w)
        noun = lex.nouns.get(lemma)
        if (verb is not None and verb.strength <= 0.5) or (noun is not None and noun.strength <= 0.5):
            return "observing"
    if "?" in doc.text:
        return "observing"
    head, colon, tail = doc.text.rstrip(" .").rpartition(":")
    if colon and head and 0 < len(tail.split()) <= 3:
        return "observing"  # "... beheading of U.S. hostage: SITE" names its source at the end
    return "for"


def _guesses(word: str) -> list[str]:
    """Lemma guesses for a word the tagger misread (title-case headlines tag verbs as names)."""
    out = [word]
    if word.endswith(("ies", "ied")):
        out.append(word[:-3] + "y")
    if word.endswith(("es", "ed")):
        out.append(word[:-2])
    if word.endswith(("s", "d")):
        out.append(word[:-1])
    return out


def sentence_case(headline: str) -> str:
    """'Iraq Denies Lebanon Captured ...' -> 'Iraq denies lebanon captured ...' when most words are capitalised,
    so that the tagger reads verbs as verbs; acronyms stay as they are."""
    words = headline.split()
    alpha = [w for w in words if w[:1].isalpha()]
    if len(alpha) < 3 or sum(w[0].isupper() for w in alpha) < 0.6 * len(alpha):
        return headline
    out = [words[0]] + [w if w.isupper() and len(w) > 1 else w[:1].lower() + w[1:] for w in words[1:]]
    return " ".join(out)


def _rows(data_dir: Path, split: str) -> list[dict[str, str]]:
    name = f"url-versions-2015-06-14-clean-{split}.csv"
    path = data_dir / "emergent" / name
    if not path.exists():
        raise FileNotFoundError(f"no Emergent file {name} under {data_dir / 'emergent'}")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row.get("articleHeadlineStance") not in LABELS:
            raise ValueError(f"{path}: unknown stance {row.get('articleHeadlineStance')!r}")
    return rows


def evaluate_split(data_dir: Path, split: str = "test", limit: int | None = None) -> Metrics:
    from ceasefire.nlp import load_model

    rows = _rows(data_dir, split)
    if limit is not None:
        rows = rows[:limit]
    nlp = load_model()
    gold = [r["articleHeadlineStance"] for r in rows]
    pred = [headline_stance(doc) for doc in nlp.pipe(sentence_case(r["articleHeadline"]) for r in rows)]
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    f1s = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        n_pred = pred.count(label)
        n_gold = gold.count(label)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f1s[label] = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "split": split,
        "n": len(rows),
        "accuracy": round(correct / len(rows), 4) if rows else 0.0,
        "macro_f1": round(sum(f1s.values()) / len(LABELS), 4),
        **{f"f1_{label}": round(v, 4) for label, v in f1s.items()},
    }


@evaluator("emergent", "claims/emergent", "stance of a headline toward a claim: for / against / observing")
def evaluate(data_dir: Path, limit: int | None = None) -> Metrics:
    split = os.environ.get("CEASEFIRE_EMERGENT_SPLIT", "test")
    return evaluate_split(Path(data_dir), split, limit)
