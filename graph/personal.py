"""Attributes that name people: kept in the graph, left out of every export and answer by default.

Sources publish the names of chairs and scrutineers, but they are personal: the graph keeps them
(a user may ask), and exports (RDF, GraphML, JSON, CSV) and API answers leave them out unless the
caller asks for them explicitly.

>>> public({"role": "chair", "holder": "A. Person"})
{'role': 'chair'}
>>> public({"role": "chair", "holder": "A. Person"}, include_holders=True)
{'role': 'chair', 'holder': 'A. Person'}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PERSONAL: frozenset[str] = frozenset({"holder"})
"""Node attributes holding a person's name."""


def public(attrs: Mapping[str, Any], include_holders: bool = False) -> dict[str, Any]:
    """``attrs`` without the personal ones, unless ``include_holders``."""
    if include_holders:
        return dict(attrs)
    return {k: v for k, v in attrs.items() if k not in PERSONAL}
