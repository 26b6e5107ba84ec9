"""Splitting flattened digit runs (“8855698”) into a row's cells.

A scraped table row loses its cell borders; the only things that recover the cells are the number of
columns and the table's sum rules. Every split is enumerated (no cell may have a leading zero: a zero
cell is printed “0”), the ones that break a rule are dropped, and when more than one remains the caller
must say so. A run may carry a sign (“-18538”: the first cell is negative), a decimal part and a unit
(“75394432.52元”: both belong to the last cell)."""
import re
from itertools import product
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

from knowledge.parse.numerals import Number

MAX_CANDIDATES = 5000
BLANK = "∅"                       # a cell left empty in the source: not stated
ZERO_MARKS = ("—", "/", "-", "－")
AMOUNT_UNITS = ("亿元", "万元", "元")
_RUN = re.compile(r"^(?P<sign>-?)(?P<digits>\d+)(?P<decimal>\.\d+)?(?P<unit>亿元|万元|元)?$")
_DECIMALS = re.compile(r"^(?P<head>\d+)\.(?P<digits>\d+)(?P<tail>\.\d+(?:\.\d+)*(?:亿元|万元|元)?)$")


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


def run_splits(token: str, pieces: int) -> Iterator[Tuple[str, ...]]:
    """All ways to cut one token into `pieces` cells: the sign goes with the first cell, the decimal
    part and the unit with the last. A run of several amounts with decimals (“120.5350.5”) is cut
    inside each decimal part but the last (120.5|350.5, 120.53|50.5, 120.535|0.5)."""
    decimals = _DECIMALS.match(token)
    if decimals:
        yield from _decimal_splits(decimals.group("head"), decimals.group("digits"), decimals.group("tail"), pieces)
        return
    m = _RUN.match(token)
    if not m:
        if pieces == 1:
            yield (token,)
        return
    sign, digits, decimal, unit = m.group("sign"), m.group("digits"), m.group("decimal") or "", m.group("unit") or ""
    for parts in piece_splits(digits, pieces):
        if sign and parts[0] == "0":
            continue
        cells = list(parts)
        cells[0] = sign + cells[0]
        cells[-1] = cells[-1] + decimal + unit
        yield tuple(cells)


def _decimal_splits(head: str, digits: str, tail: str, pieces: int) -> Iterator[Tuple[str, ...]]:
    """“head.digits” + “tail” (the rest of the run, itself with a decimal part) in `pieces` cells:
    the first cells end inside `digits`, at least one decimal digit on either side of the cut."""
    for cut in range(1, len(digits)):
        for first in range(1, pieces):
            for left in run_splits(f"{head}.{digits[:cut]}", first):
                for right in run_splits(digits[cut:] + tail, pieces - first):
                    yield left + right


def _most_pieces(token: str) -> int:
    if _DECIMALS.match(token):
        return len(re.sub(r"\D", "", token))
    m = _RUN.match(token)
    return len(m.group("digits")) if m else 1


def token_splits(tokens: Sequence[str], width: int) -> Iterator[Tuple[str, ...]]:
    """All ways to turn the tokens into exactly `width` numbers by cutting digit runs."""
    if not tokens:
        if width == 0:
            yield ()
        return
    head, rest = tokens[0], tokens[1:]
    for pieces in range(1, min(_most_pieces(head), width - len(rest)) + 1):
        for parts in run_splits(head, pieces):
            for tail in token_splits(rest, width - pieces):
                yield parts + tail


def value(token: str) -> Optional[Number]:
    """A cell's number; None for a blank cell."""
    if token == BLANK:
        return None
    if token in ZERO_MARKS:
        return 0
    unit = unit_of(token)
    number = token[:-len(unit)] if unit else token
    return float(number) if "." in number else int(number)


def unit_of(token: str) -> Optional[str]:
    """The unit printed with a cell (“251000元”), if any."""
    return next((u for u in AMOUNT_UNITS if token.endswith(u)), None)


def candidates(tokens: Sequence[str], width: int,
               accept: Callable[[List[Number]], bool]) -> Tuple[List[List[Number]], bool]:
    """(splits that satisfy `accept`, whether enumeration stopped at MAX_CANDIDATES)."""
    found, capped = cell_candidates(tokens, width, accept)
    return [[value(t) for t in split] for split in found], capped


def cell_candidates(tokens: Sequence[str], width: int,
                    accept: Callable[[List[Number]], bool]) -> Tuple[List[Tuple[str, ...]], bool]:
    """Like candidates(), with each split as its cell strings (which keep a printed unit)."""
    found, seen = [], 0
    for split in token_splits(list(tokens), width):
        seen += 1
        if accept([value(t) for t in split]):
            found.append(split)
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
