"""Splitting flattened digit runs (“8855698”) into a row's cells.

A scraped table row loses its cell borders; the only things that recover the cells are the number of
columns and the table's sum rules. Every split is enumerated (no part may have a leading zero), the
ones that break a rule are dropped, and when more than one remains the caller must say so."""
from itertools import product
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

from knowledge.parse.numerals import Number

MAX_CANDIDATES = 5000


def piece_splits(digits: str, pieces: int) -> Iterator[Tuple[str, ...]]:
    """All ways to cut a digit string into `pieces` numbers without leading zeros."""
    if pieces == 1:
        if digits and (digits == "0" or not digits.startswith("0")):
            yield (digits,)
        return
    if digits.startswith("0"):
        head_lengths = [1]
    else:
        head_lengths = range(1, len(digits) - pieces + 2)
    for n in head_lengths:
        for rest in piece_splits(digits[n:], pieces - 1):
            yield (digits[:n],) + rest


def _splittable(token: str) -> bool:
    return token.isdigit() and len(token) > 1


def token_splits(tokens: Sequence[str], width: int) -> Iterator[Tuple[str, ...]]:
    """All ways to turn the tokens into exactly `width` numbers by cutting digit runs."""
    if not tokens:
        if width == 0:
            yield ()
        return
    head, rest = tokens[0], tokens[1:]
    most = len(head) if _splittable(head) else 1
    for pieces in range(1, min(most, width - len(rest)) + 1):
        for parts in piece_splits(head, pieces) if pieces > 1 else [(head,)]:
            for tail in token_splits(rest, width - pieces):
                yield parts + tail


def value(token: str) -> Number:
    if token in ("—", "/", "-", "－"):
        return 0
    return float(token) if "." in token else int(token)


def candidates(tokens: Sequence[str], width: int,
               accept: Callable[[List[Number]], bool]) -> Tuple[List[List[Number]], bool]:
    """(splits that satisfy `accept`, whether enumeration stopped at MAX_CANDIDATES)."""
    found, seen = [], 0
    for split in token_splits(list(tokens), width):
        seen += 1
        values = [value(t) for t in split]
        if accept(values):
            found.append(values)
        if seen >= MAX_CANDIDATES * 20 or len(found) > MAX_CANDIDATES:
            return found, True
    return found, False


def choose_combination(options: List[List[List[Number]]],
                       accept: Callable[[List[List[Number]]], bool],
                       limit: int = 200000) -> Optional[List[List[Number]]]:
    """The single combination of per-row candidates that `accept`s, or None (none, several, or too many)."""
    size = 1
    for o in options:
        size *= len(o)
    if size > limit:
        return None
    matches = [list(c) for c in product(*options) if accept(list(c))]
    return matches[0] if len(matches) == 1 else None
