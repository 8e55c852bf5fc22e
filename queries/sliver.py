"""The sliver rule, stated once: "any part" of an area makes a statutory partner, so a small share
is never dropped; a share under the threshold is *flagged* as a sliver.

>>> is_sliver(0.003, DEFAULT_SLIVER), is_sliver(0.01, DEFAULT_SLIVER)
(True, False)
>>> check_sliver(1.5)
Traceback (most recent call last):
...
graph.errors.QueryRefused: sliverThreshold 1.5 must be at least 0 and below 1
"""

from __future__ import annotations

from graph.errors import QueryRefused

DEFAULT_SLIVER = 0.01
"""Shares under 1% are flagged by default (in the 2024 lookups Oxfordshire has 0.3% of its
people in Northamptonshire ICB)."""


def check_sliver(threshold: float) -> float:
    """``threshold`` if it is a fraction in [0, 1); refused otherwise."""
    if not 0 <= threshold < 1:
        raise QueryRefused(f"sliverThreshold {threshold} must be at least 0 and below 1")
    return threshold


def is_sliver(share: float, threshold: float) -> bool:
    """Whether a share (a fraction of a whole) is a sliver under ``threshold``."""
    return share < threshold
