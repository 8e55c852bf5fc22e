"""Ontology terms read from data: a typo raises, with a suggestion, instead of minting a new term.

>>> kind("County") is Kind.COUNTY
True
>>> kind("Countie")
Traceback (most recent call last):
...
graph.errors.VocabularyError: 'Countie' is not a class of the ontology; did you mean County?
>>> relation("hasMember") is Relation.HAS_MEMBER
True
"""

from __future__ import annotations

import difflib
from enum import StrEnum

from graph.errors import VocabularyError
from ontology.vocabulary import Kind, Relation


def _closed(value: str, enum: type[StrEnum], what: str) -> StrEnum:
    try:
        return enum(value)
    except ValueError:
        close = difflib.get_close_matches(value, [m.value for m in enum], n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise VocabularyError(f"{value!r} is not {what} of the ontology{hint}") from None


def kind(value: str) -> Kind:
    """The :class:`Kind` named ``value``; raises :class:`VocabularyError` for anything else."""
    result = _closed(value, Kind, "a class")
    assert isinstance(result, Kind)
    return result


def relation(value: str) -> Relation:
    """The :class:`Relation` named ``value``; raises :class:`VocabularyError` for anything else."""
    result = _closed(value, Relation, "a property")
    assert isinstance(result, Relation)
    return result
