"""Look-alike letters: ids that differ only by Cyrillic, Greek or Latin letters
that look the same (Cyrillic ``Р`` for Latin ``P``).

Mixing Cyrillic and Latin is a common mistake in Bulgarian data: the keyboard
layout was switched halfway through a word. An id is folded to its
*skeleton*, every look-alike letter replaced by its Latin twin; two ids with
one skeleton look the same on screen. The table is small and explicit,
letters only (no digits), after Unicode's confusables for these scripts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["LOOK_ALIKES", "look_alikes", "skeleton"]

LOOK_ALIKES: Mapping[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "С": "C", "Т": "T", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    "У": "Y", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    # Cyrillic small letters
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K",
    "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters
    "ο": "o", "ϲ": "c", "ϳ": "j",
}  # fmt: skip
"""Each look-alike letter and the Latin letter it is mistaken for."""

_FOLD = str.maketrans(dict(LOOK_ALIKES))


def skeleton(id: str) -> str:
    """``id`` with every look-alike letter replaced by its Latin twin.

    >>> skeleton("Ѕ-РRAVETS-FTPC") == skeleton("S-PRAVETS-FTPC") == "S-PRAVETS-FTPC"
    True
    """
    return id.translate(_FOLD)


def look_alikes(known: Iterable[object]) -> Mapping[str, str]:
    """Known ids by skeleton: for each skeleton, the first such id in sorted order.

    Built once, in one pass; then each unknown id costs one look-up.
    """
    index: dict[str, str] = {}
    for id in known:
        if isinstance(id, str):
            key = skeleton(id)
            found = index.get(key)
            if found is None or id < found:
                index[key] = id
    return index
