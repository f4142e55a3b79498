"""Counts in digits and words, qualifiers, ranges, vague plurals, and casualty counts."""

from __future__ import annotations

import pytest

from ceasefire.extract.casualties import find_counts
from ceasefire.extract.numbers import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("three", 3), ("15", 15), ("6,500", 6500), ("twenty-five", 25), ("two hundred and fifty", 250),
     ("a dozen", 12), ("1.5 million", 1500000), ("banana", None)],
)  # fmt: skip
def test_parse_number(text, value):
    assert parse_number(text) == value


def quantities(nlp, text):
    doc = nlp(text)
    return [(q.value, q.qualifier, q.low, q.high) for q in find_quantities(doc[:])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast wounded more than 6,500 people.", [(6500, "more than", None, None)]),
        ("Dozens of residents fled.", [(None, "dozens", None, None)]),
        ("At least 500 people were detained.", [(500, "at least", None, None)]),
        ("Between 100 and 300 homes burned.", [(100, None, 100, 300)]),
        ("Officials counted 100-300 craters.", [(100, None, 100, 300)]),
        ("Hundreds gathered outside.", [(None, "hundreds", None, None)]),
        ("Two people on each side died.", [(4, None, None, None)]),
        ("The 2019 census was postponed on 4 May.", []),
    ],
)
def test_find_quantities(nlp, text, expected):
    assert quantities(nlp, text) == expected


def counts(nlp, text):
    doc = nlp(text)
    return sorted((c.category, c.value) for c in find_counts(doc[:]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four soldiers were killed and 12 wounded.", [("killed", 4), ("wounded", 12)]),
        ("The raid ended, killing 50 and injuring 100.", [("killed", 50), ("wounded", 100)]),
        ("The ambush left 30 dead.", [("killed", 30)]),
        ("The death toll rose to 52 on Friday.", [("killed", 52)]),
        ("Seven militants were killed and 3 were arrested.", [("captured", 3), ("killed", 7)]),
        ("Seven militants were killed and 3 were questioned.", [("killed", 7)]),
        ("Nine policemen and one officer were killed.", [("killed", 1), ("killed", 9)]),
        ("Gunmen killed a teacher in the square.", [("killed", 1)]),
        ("Six villagers are missing after the raid.", [("missing", 6)]),
        ("No casualties were reported.", [("killed", 0), ("wounded", 0)]),
        ("The ministry did not report any casualties.", []),
        ("Rebels seized 40 rifles.", []),
    ],
)
def test_casualty_counts(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_vague_word_with_a_scale_is_one_vague_count(nlp):
    from ceasefire.extract.numbers import find_quantities

    found = find_quantities(nlp("Police held a few thousand protesters and several hundred students.")[:])
    assert [(q.value, q.qualifier) for q in found] == [(None, "a few thousand"), (None, "several hundred")]
