"""Codes and their schemes, defined once: the forms a code of each scheme takes, and the GSS
prefixes of each kind of area.

A code means nothing without its scheme (``E10000006`` is GSS, ``909`` DfE, ``QYG`` ODS, ``CMA``
mySociety), and an organisation is not its code: nodes hold :class:`Identifier` assignments with
periods.

>>> Identifier(Scheme.GSS, "E10000006")
Identifier(scheme=<Scheme.GSS: 'gss'>, code='E10000006')
>>> str(Identifier(Scheme.DFE, "909"))
'dfe:909'
>>> [s.value for s in schemes_for("E10000012")], [s.value for s in schemes_for("ESS")]
(['gss'], ['ods', 'mysociety'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from graph.errors import SafeguardingError


class Scheme(StrEnum):
    """Identifier schemes. A code means nothing without its scheme."""

    GSS = "gss"  # ONS Government Statistical Service codes (E06…, E38…, E54…)
    ODS = "ods"  # NHS Organisation Data Service codes (02N, QYG, Y56)
    DFE = "dfe"  # DfE three-digit LA codes (202 Camden)
    MYSOCIETY = "mysociety"  # mySociety three-letter local authority codes
    REGISTRY = "registry"  # this project's registry ids (partnerships, boards, reviews)
    PROVISIONAL = "provisional"  # this project's ids for bodies decided but not yet coded
    # (a new council before ONS gives it a GSS code): "<change id>-<name>", e.g. surrey-2027-...


_CODE_PATTERNS: dict[Scheme, re.Pattern[str]] = {
    Scheme.GSS: re.compile(r"^[EWSNLM]\d{8}$"),
    Scheme.ODS: re.compile(r"^[0-9A-Z]{3,5}$"),
    Scheme.DFE: re.compile(r"^\d{3}$"),
    Scheme.MYSOCIETY: re.compile(r"^[A-Z]{3,5}$"),
    Scheme.REGISTRY: re.compile(r"^[a-z0-9][a-z0-9-]*$"),
    Scheme.PROVISIONAL: re.compile(r"^[a-z0-9][a-z0-9-]*-[0-9]{4}-[a-z0-9-]+$"),
}


def valid_code(scheme: Scheme, code: str) -> bool:
    """Whether ``code`` has the form of a code of ``scheme``.

    >>> valid_code(Scheme.GSS, "E38000246"), valid_code(Scheme.GSS, "E3800024")
    (True, False)
    """
    return bool(_CODE_PATTERNS[scheme].match(code))


@dataclass(frozen=True, slots=True)
class Identifier:
    """A (scheme, code) pair."""

    scheme: Scheme
    code: str

    def __str__(self) -> str:
        return f"{self.scheme.value}:{self.code}"

    @classmethod
    def parse(cls, text: str) -> Identifier:
        """Read ``scheme:code``.

        >>> Identifier.parse("ods:QYG").code
        'QYG'
        """
        scheme, _, code = text.partition(":")
        try:
            return cls(Scheme(scheme), code)
        except ValueError:
            raise SafeguardingError(
                f"identifier {text!r}: scheme must be one of {', '.join(s.value for s in Scheme)}"
            ) from None


PSEUDO_CODES = frozenset(f"{letter}99999999" for letter in "EWSNLM")
"""ONS pseudo codes: "no area of this geography" in England, Wales, Scotland or Northern Ireland,
and the Channel Islands (L) and the Isle of Man (M), which have no real GSS codes."""

_NATION_CODE = re.compile(r"^[EWSN]\d{8}$")


def nation_of(code: str) -> str | None:
    """Whose code ``code`` is, by its form: ``E``, ``W``, ``S`` or ``N`` for a GSS code of England,
    Wales, Scotland or Northern Ireland, ``pseudo`` for an ONS pseudo code, None for anything else
    (a typo, a lower-case letter, another scheme).

    >>> [nation_of(c) for c in ("E07000066", "W06000001", "N99999999", "X07000066", "e07000066")]
    ['E', 'W', 'pseudo', None, None]
    """
    if code in PSEUDO_CODES:
        return "pseudo"
    return code[0] if _NATION_CODE.match(code) else None


NATION_FORMS = "E, W, S or N and 8 digits, or an ONS pseudo code such as E99999999 or L99999999"
"""The forms :func:`nation_of` recognises, for messages."""


def schemes_for(code: str) -> list[Scheme]:
    """The schemes whose form ``code`` has, in the order of :class:`Scheme`."""
    return [s for s in Scheme if valid_code(s, code)]


GSS_PREFIXES: dict[str, tuple[str, ...]] = {
    "lad": ("E06", "E07", "E08", "E09"),  # unitary, non-metropolitan, metropolitan, London
    "utla": ("E06", "E08", "E09", "E10"),  # the upper tier: unitaries, met. districts, boroughs,
    # counties
    "cty": ("E10", "E11", "E13"),  # ONS lists metropolitan counties and Inner/Outer London too
    "csp": ("E22",),
    "pfa": ("E23",),
    "lsoa": ("E01",),
    "ccg": ("E38",),
    "sicbl": ("E38",),
    "stp": ("E54",),
    "icb": ("E54",),
    "nhser": ("E40",),
    "rgn": ("E12",),
}
"""The GSS prefixes each geography may carry in England."""

UPPER_TIER_PREFIXES = GSS_PREFIXES["utla"]
"""GSS prefixes of children's-services (upper-tier) authorities.

>>> "E10000012".startswith(UPPER_TIER_PREFIXES), "E07000066".startswith(UPPER_TIER_PREFIXES)
(True, False)
"""
