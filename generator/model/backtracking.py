"""How long Python's backtracking `re` can take on a pattern, found from the pattern alone.

A pattern is refused unless checking an argument of length n takes a number of steps linear
in n; so it is refused for:

- a repetition that can match the same text in two ways: `(a+)+`, `(a|a)*`, `(\\w+\\s?)*`
  (exponential: 24 characters take seconds);
- repetitions in a row that can match the same text: `^\\w*\\w*!`, or `[a-z]+$` without a
  leading `^`, since `re.search` tries every start as if the pattern began with `.*?`
  (polynomial: `\\w*\\w*!` takes about 0.8 s on 1 KiB);
- a lookaround that repeats something, tried at every step of a repetition or at every start
  (`(?=.*[A-Z])^.{8,}$`);
- a repetition of something that can match the empty string (ECMA-262 and Python also stop
  such loops differently).

A pattern with no `$` and no lookaround succeeds as soon as the matcher reaches its end, so
only the paths that never reach an end can fail and be retried: `[a-z]+` without anchors is
linear (the first letter found ends the search) though `.*?[a-z]+` is ambiguous.

The analysis is that of Weideman, van der Merwe, Berglund and Watson ("Analyzing matching time
behavior of backtracking regular expression matchers by using ambiguity of NFA", 2016) on the
pattern's Glushkov automaton, with each choice of the matcher (go round again, or leave) an
edge of its own, so that `(a+)+` shows two ways from `a` to `a`. Counted repetitions (`{2,5}`)
count as unbounded ones: safe, if sometimes stricter than needed. The analysis is itself
bounded (MAX_ANALYSIS_STEPS): a pattern too complex to prove safe is refused.
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

_PARSER: Any = importlib.import_module(
    "re._parser" if sys.version_info >= (3, 11) else "sre_parse"
)
_OPS: Any = importlib.import_module(
    "re._constants" if sys.version_info >= (3, 11) else "sre_constants"
)

MAX_ANALYSIS_STEPS = 100_000
"""Work (automaton edges and product states looked at) before a pattern is too complex."""


class PatternError(ValueError):
    """Why a pattern is refused."""


def parse(pattern: str) -> Any:
    """Python's own parse of a pattern (re.ASCII), which the analysis reads."""
    return _PARSER.parse(pattern, re.ASCII)


def check_backtracking(tree: Any) -> None:
    """Refuse a parsed pattern whose matching could take more than linear time."""
    anchored, leading = _start(tree)
    if _Analysis().cost_exponent(tree, anchored=anchored, leading=leading) > 1:
        if (
            not anchored
            and _Analysis().cost_exponent(tree, **_as_if_anchored(tree)) <= 1
        ):
            raise PatternError(
                "without a leading ^ the search tries every start, and its first repetition"
                " can match what the search skips, so checking an argument could take time"
                " growing with the square of its length (anchor it with ^ if that is meant)"
            )
        raise PatternError(
            "repetitions in a row can match the same text (e.g. `\\w*\\w*`), or a lookaround"
            " is tried at every step of a repetition, so checking an argument could take"
            " time growing with the square of its length or worse"
        )


Chars = tuple[tuple[int, int], ...]
"""A character set: sorted, disjoint code point ranges."""
_ALL: Chars = ((0, sys.maxunicode),)
_DIGIT: Chars = ((48, 57),)
_WORD: Chars = ((48, 57), (65, 90), (95, 95), (97, 122))
_SPACE: Chars = ((9, 13), (32, 32))
_START = -1


def _complement(chars: Chars) -> Chars:
    result, low = [], 0
    for start, end in chars:
        if start > low:
            result.append((low, start - 1))
        low = end + 1
    if low <= sys.maxunicode:
        result.append((low, sys.maxunicode))
    return tuple(result)


def _union(parts: Iterable[Chars]) -> Chars:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for part in parts for r in part):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@functools.lru_cache(maxsize=4096)
def _common(first: Chars, second: Chars) -> Chars:
    return tuple(
        (max(a, c), min(b, d))
        for a, b in first
        for c, d in second
        if max(a, c) <= min(b, d)
    )


def _intersects(*sets: Chars) -> bool:
    common = sets[0]
    for other in sets[1:]:
        common = _common(common, other)
    return bool(common)


Counts = dict[int, int]
"""Position -> how many ways (1, or 2 meaning "more than one")."""


def _add(*counts: Mapping[int, int]) -> Counts:
    result: Counts = {}
    for each in counts:
        for key, count in each.items():
            result[key] = min(2, result.get(key, 0) + count)
    return result


def _scaled(counts: Mapping[int, int], ways: int) -> Counts:
    return {key: min(2, count * ways) for key, count in counts.items() if ways}


@dataclass
class _Fragment:
    """Glushkov sets of a sub-pattern: in how many ways it matches the empty string, and
    reaches each of its first positions from its start and its end from its last ones.
    """

    empty: int
    first: Counts = field(default_factory=dict)
    last: Counts = field(default_factory=dict)


@dataclass
class _Automaton:
    step: Callable[[int], None]
    chars: list[Chars] = field(default_factory=list)
    follow: dict[int, Counts] = field(default_factory=dict)
    lookarounds: list[Any] = field(default_factory=list)

    def position(self, chars: Chars) -> _Fragment:
        self.chars.append(chars)
        index = len(self.chars) - 1
        return _Fragment(0, {index: 1}, {index: 1})

    def link(self, last: Mapping[int, int], first: Mapping[int, int]) -> None:
        self.step(len(last) * len(first))
        for source, ways in last.items():
            self.follow[source] = _add(
                self.follow.get(source, {}), _scaled(first, ways)
            )


class _Analysis:
    def __init__(self) -> None:
        self.steps = 0

    def cost_exponent(
        self, tree: Any, *, anchored: bool, leading: Mapping[int, int]
    ) -> int:
        """k where matching costs O(n**k) steps for an argument of length n (k is at most 3,
        meaning "3 or more"). A lookaround is tried at every step of the match, or, before
        the first consuming item (`leading`, by the id of its sub-pattern), as often as the
        exponent given there says."""
        automaton = _Automaton(self._step)
        whole = self._fragment(automaton, tree)
        if not anchored:  # re.search tries every start: an implicit leading `.*?`
            prefix = automaton.position(_ALL)
            automaton.link(prefix.last, prefix.first)
            automaton.link(prefix.last, whole.first)
            whole = _Fragment(whole.empty, _add(whole.first, prefix.first), whole.last)
        automaton.follow[_START] = whole.first
        if _ends_at_first_success(tree):
            _drop_accepting(automaton, whole.last)
        degree, loops = self._degree(automaton)
        exponent = 1 + degree if loops else 0
        for sub in automaton.lookarounds:
            inner = self.cost_exponent(sub, **_as_if_anchored(sub))
            exponent = max(exponent, leading.get(id(sub), exponent) + inner)
        return min(3, exponent)

    def _fragment(self, automaton: _Automaton, items: Iterable[Any]) -> _Fragment:
        """The fragment of a sequence of parsed items."""
        result = _Fragment(1)
        for item in items:
            part = self._item(automaton, *item)
            self._step(len(result.first) + len(result.last))
            automaton.link(result.last, part.first)
            result = _Fragment(
                min(2, result.empty * part.empty),
                _add(result.first, _scaled(part.first, result.empty)),
                _add(part.last, _scaled(result.last, part.empty)),
            )
        return result

    def _item(self, automaton: _Automaton, op: Any, value: Any) -> _Fragment:
        if op in (_OPS.LITERAL, _OPS.NOT_LITERAL, _OPS.ANY, _OPS.IN):
            return automaton.position(_chars(op, value))
        if op is _OPS.AT:
            return _Fragment(1)
        if op in (_OPS.ASSERT, _OPS.ASSERT_NOT):
            automaton.lookarounds.append(value[1])
            return _Fragment(1)
        if op is _OPS.SUBPATTERN:
            return self._fragment(automaton, value[-1])
        if op is _OPS.BRANCH:
            branches = [self._fragment(automaton, branch) for branch in value[1]]
            return _Fragment(
                min(2, sum(branch.empty for branch in branches)),
                _add(*(branch.first for branch in branches)),
                _add(*(branch.last for branch in branches)),
            )
        if op in (_OPS.MAX_REPEAT, _OPS.MIN_REPEAT):
            low, high, body = value
            part = self._fragment(automaton, body)
            if high == 0:
                return _Fragment(1)
            if high == 1:
                return (
                    part
                    if low == 1
                    else _Fragment(min(2, 1 + part.empty), part.first, part.last)
                )
            if part.empty:
                raise PatternError("a repeated part can match the empty string")
            automaton.link(part.last, part.first)  # the choice to go round again
            return _Fragment(1 if low == 0 else 0, part.first, part.last)
        raise PatternError(f"{op} is not supported")

    def _degree(self, automaton: _Automaton) -> tuple[int, bool]:
        """The degree of ambiguity of the automaton, 0, 1 or 2 (meaning "2 or more"), and
        whether it has a loop at all."""
        if self._exponentially_ambiguous(automaton):
            raise PatternError(
                "a repetition can match the same text in more than one way, so a long"
                " argument could take forever to check (e.g. `(a+)+`, `(a|a)*`)"
            )
        graph = {
            p: list(automaton.follow.get(p, {})) for p in range(len(automaton.chars))
        }
        self._step(sum(len(targets) for targets in graph.values()))
        looping = [
            p
            for component in _strongly_connected(graph)
            for p in component
            if len(component) > 1 or p in graph[p]
        ]
        reach = {p: self._reachable(automaton.follow, p) for p in looping}
        chained = False
        for q in looping:
            if not any(
                p != q and q in reach[p] and self._chain(automaton, p, q)
                for p in looping
            ):
                continue
            chained = True
            if any(
                r != q and r in reach[q] and self._chain(automaton, q, r)
                for r in looping
            ):
                return 2, True
        return (1 if chained else 0), bool(looping)

    def _step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_ANALYSIS_STEPS:
            raise PatternError(
                "it is too complex to prove that it cannot backtrack for long"
            )

    def _reachable(self, follow: Mapping[int, Counts], source: int) -> set[int]:
        """The states one or more steps from `source`."""
        seen: set[int] = set()
        pending = list(follow.get(source, {}))
        while pending:
            state = pending.pop()
            self._step()
            if state not in seen:
                seen.add(state)
                pending.extend(follow.get(state, {}))
        return seen

    def _exponentially_ambiguous(self, automaton: _Automaton) -> bool:
        """Two different paths from a state back to itself that read the same text: in the
        automaton's square, a cycle through the diagonal that leaves it or takes one of two
        parallel edges."""
        graph: dict[tuple[int, int], list[tuple[int, int]]] = {}
        pending = [(_START, _START)]
        while pending:
            pair = pending.pop()
            if pair in graph:
                continue
            graph[pair] = list(self._pair_steps(automaton, pair))
            pending.extend(graph[pair])
        for component in _strongly_connected(graph):
            members = set(component)
            diagonal = [pair for pair in members if pair[0] == pair[1]]
            if not diagonal:
                continue
            if len(diagonal) < len(members):
                return True
            for state, _ in diagonal:
                for target, ways in automaton.follow.get(state, {}).items():
                    if ways > 1 and (target, target) in members:
                        return True
        return False

    def _pair_steps(
        self, automaton: _Automaton, pair: tuple[int, int]
    ) -> Iterator[tuple[int, int]]:
        chars, follow = automaton.chars, automaton.follow
        for a in follow.get(pair[0], {}):
            for b in follow.get(pair[1], {}):
                self._step()
                if _intersects(chars[a], chars[b]):
                    yield a, b

    def _chain(self, automaton: _Automaton, p: int, q: int) -> bool:
        """Some text takes p back to p, p to q and q back to q: matching it n times over
        tries n**2 ways (and each such link raises the degree by one)."""
        chars, follow = automaton.chars, automaton.follow
        start, goal = (p, p, q), (p, q, q)
        seen, pending = {start}, [start]
        while pending:
            a, b, c = pending.pop()
            for x, y in self._pair_steps(automaton, (a, b)):
                for z in follow.get(c, {}):
                    self._step()
                    triple = (x, y, z)
                    if triple in seen or not _intersects(chars[x], chars[y], chars[z]):
                        continue
                    if triple == goal:
                        return True
                    seen.add(triple)
                    pending.append(triple)
        return False


def _chars(op: Any, value: Any) -> Chars:
    if op is _OPS.LITERAL:
        return ((value, value),)
    if op is _OPS.NOT_LITERAL:
        return _complement(((value, value),))
    if op is _OPS.ANY:
        return _complement(((10, 10),))
    negate = False
    parts: list[Chars] = []
    for kind, item in value:
        if kind is _OPS.NEGATE:
            negate = True
        elif kind is _OPS.LITERAL:
            parts.append(((item, item),))
        elif kind is _OPS.RANGE:
            parts.append((item,))
        elif kind is _OPS.CATEGORY:
            parts.append(_category(item))
        else:
            raise PatternError(f"{kind} in a class is not supported")
    chars = _union(parts)
    return _complement(chars) if negate else chars


def _category(category: Any) -> Chars:
    for positive, negative, chars in (
        (_OPS.CATEGORY_DIGIT, _OPS.CATEGORY_NOT_DIGIT, _DIGIT),
        (_OPS.CATEGORY_WORD, _OPS.CATEGORY_NOT_WORD, _WORD),
        (_OPS.CATEGORY_SPACE, _OPS.CATEGORY_NOT_SPACE, _SPACE),
    ):
        if category is positive:
            return chars
        if category is negative:
            return _complement(chars)
    raise PatternError(f"{category} is not supported")


_BEGINNINGS = (_OPS.AT_BEGINNING, _OPS.AT_BEGINNING_STRING)


def _ends_at_first_success(tree: Any) -> bool:
    """Whether reaching the end of the pattern is a match, whatever comes after: no `$`, `\\b`
    or lookaround anywhere (each could still fail there)."""
    for op, value in tree:
        if op is _OPS.AT and value not in _BEGINNINGS:
            return False
        if op in (_OPS.ASSERT, _OPS.ASSERT_NOT, _OPS.GROUPREF, _OPS.GROUPREF_EXISTS):
            return False
        if op is _OPS.SUBPATTERN and not _ends_at_first_success(value[-1]):
            return False
        if op is _OPS.BRANCH and not all(map(_ends_at_first_success, value[1])):
            return False
        if op in (_OPS.MAX_REPEAT, _OPS.MIN_REPEAT) and not _ends_at_first_success(
            value[2]
        ):
            return False
    return True


def _drop_accepting(automaton: _Automaton, accepting: Mapping[int, int]) -> None:
    """Remove the positions from which the match can end: a path reaching one succeeds, so
    only paths through the others can fail and be retried. What follows an accepting
    position is tried once (greedy repetition) and becomes an entry of its own."""
    follow = automaton.follow
    entries: Counts = {}
    for position in accepting:
        entries = _add(entries, follow.pop(position, {}))
    entries = _add(entries, follow.get(_START, {}))
    for source, targets in list(follow.items()):
        follow[source] = {t: w for t, w in targets.items() if t not in accepting}
    follow[_START] = {t: w for t, w in entries.items() if t not in accepting}


def _start(tree: Any, *, at_one_position: bool = False) -> tuple[bool, dict[int, int]]:
    """Whether a match can start at one position only, and how often (as an exponent of the
    argument's length) each lookaround before the first consuming item is tried: once after
    a first `^` (re.search then tries position 0 only), at every start before a `^`."""
    items = list(tree)
    caret_first = at_one_position or (
        bool(items) and items[0][0] is _OPS.AT and items[0][1] in _BEGINNINGS
    )
    anchored = caret_first
    leading: dict[int, int] = {}
    for op, value in items:
        if op is _OPS.AT:
            anchored = anchored or value in _BEGINNINGS
        elif op in (_OPS.ASSERT, _OPS.ASSERT_NOT):
            leading[id(value[1])] = 0 if caret_first else 1
        else:
            break
    return anchored, leading if anchored else {}


def _as_if_anchored(tree: Any) -> dict[str, Any]:
    """The analysis of a pattern matched from one position (a lookaround's)."""
    anchored, leading = _start(tree, at_one_position=True)
    return {"anchored": anchored, "leading": leading}


def _strongly_connected(graph: Mapping[Any, list[Any]]) -> list[list[Any]]:
    """Tarjan's strongly connected components, iteratively."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    stack: list[Any] = []
    on_stack: set[Any] = set()
    components: list[list[Any]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(graph[successor])))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


__all__ = ["MAX_ANALYSIS_STEPS", "PatternError", "check_backtracking", "parse"]
