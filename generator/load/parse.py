"""Bytes to JSON values: YAML and JSON parsed within the budgets, duplicate keys refused.

YAML is read as a stream of events from libyaml's parser (PyYAML's pure-Python one where
libyaml is missing), and the values are built here, without recursion: both parsers keep their
own stacks on the heap, and PyYAML's recursive composers are what crash on deep nesting (libyaml's
overflows the C stack and kills the process). Building here also lets every budget be checked
as each value arrives: nesting depth, values and characters of text with YAML aliases counted
at their full expanded size, the digits of integers. An alias is not copied, so checking it
costs nothing however large the value it repeats.

A key given twice in one mapping is refused in both formats: YAML and JSON parsers keep the
last one silently, so a second `host:` at the end of a file would move the endpoint. YAML merge
keys (`<<: *base`) are refused for the same reason: a merge lets one key silently override
another.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from generator.errors import SpecError, join_pointer
from generator.load.budgets import (
    Allowance,
    digits_reason,
    nesting_reason,
    text_reason,
    values_reason,
)

_EventLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's event parser when PyYAML has it: about ten times faster than the pure-Python one."""

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = (_TAG + name for name in ("str", "map", "seq", "merge"))
_LIBYAML_NESTING = "exceeded maximum nesting depth"
"""libyaml's scanner reads ahead while a key may start, so it stops at its own limit (1000)
before this module sees the values past the nesting budget."""
_RESOLVE: Callable[..., str] = yaml.resolver.Resolver().resolve
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def parse_document(path: Path, raw: bytes, allowance: Allowance) -> Any:
    """The JSON value of a .json file, else of a YAML file; SpecError when it is not one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(path, "", f"not UTF-8 text (byte {exc.start})") from None
    if path.suffix.lower() == ".json":
        return _JsonDocument(path, allowance).parse(text)
    return _YamlDocument(path, allowance).parse(text)


class _Document:
    """The budgets' counting, shared by both formats."""

    def __init__(self, path: Path, allowance: Allowance) -> None:
        self.path = path
        self.allowance = allowance
        self.budgets = allowance.budgets
        self.aliases = False

    def count(self, values: int, text: int, pointer: Callable[[], str]) -> None:
        allowance = self.allowance
        allowance.values += values
        allowance.text += text
        if allowance.values > self.budgets.values:
            raise SpecError(
                self.path, pointer(), values_reason(self.budgets.values, self.aliases)
            )
        if allowance.text > self.budgets.text:
            raise SpecError(
                self.path, pointer(), text_reason(self.budgets.text, self.aliases)
            )


# --- JSON --------------------------------------------------------------------------------------


class _DuplicateKey(dict[str, Any]):
    """An object in which `key` was given more than once (json keeps the last silently)."""

    key = ""


class _TooManyDigits:
    def __init__(self, digits: int) -> None:
        self.digits = digits


class _JsonDocument(_Document):
    def parse(self, text: str) -> Any:
        if self.allowance.values + _json_values(text) > self.budgets.values:
            raise SpecError(self.path, "", values_reason(self.budgets.values, False))
        try:
            data = json.loads(
                text, object_pairs_hook=_json_object, parse_int=self._integer
            )
        except RecursionError:
            reason = nesting_reason(self.budgets.nesting)
            raise SpecError(self.path, "", reason) from None
        except json.JSONDecodeError as exc:
            raise SpecError(
                self.path,
                "",
                f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            ) from None
        self._check(data, 0, [])
        return data

    def _integer(self, text: str) -> int | _TooManyDigits:
        digits = len(text) - text.startswith("-")
        if digits > self.budgets.integer_digits:
            return _TooManyDigits(digits)
        return int(text)

    def _check(self, value: Any, depth: int, tokens: list[str | int]) -> None:
        """Count `value` against the budgets and refuse what the parse marked, with pointers."""

        def pointer() -> str:
            return join_pointer("", *tokens)

        if isinstance(value, dict | list) and depth >= self.budgets.nesting:
            raise SpecError(self.path, pointer(), nesting_reason(self.budgets.nesting))
        if isinstance(value, dict):
            if isinstance(value, _DuplicateKey):
                tokens.append(value.key)
                raise SpecError(self.path, pointer(), _duplicate_reason(value.key))
            self.count(1, sum(map(len, value)), pointer)
            for key, item in value.items():
                tokens.append(key)
                self._check(item, depth + 1, tokens)
                tokens.pop()
        elif isinstance(value, list):
            self.count(1, 0, pointer)
            for index, item in enumerate(value):
                tokens.append(index)
                self._check(item, depth + 1, tokens)
                tokens.pop()
        elif isinstance(value, str):
            self.count(1, len(value), pointer)
        elif isinstance(value, _TooManyDigits):
            reason = digits_reason(value.digits, self.budgets.integer_digits)
            raise SpecError(self.path, pointer(), reason)
        else:
            self.count(1, 0, pointer)


_JSON_STRING = re.compile(r'"[^"]*"')
_JSON_SPACE = str.maketrans("", "", " \t\n\r")


def _json_values(text: str) -> int:
    """How many values json.loads would build from `text` (exact for valid JSON), counted
    at C speed before it builds them: 3 bytes (`[],`) make a 56-byte list, so a file within
    the byte budget could otherwise take a gigabyte and seconds to parse, then be refused.

    With escaped backslashes and quotes removed, strings are `"[^"]*"`; outside them every
    value but the first follows a comma or opens a container, except inside `[]` and `{}`.
    """
    unescaped = text.replace("\\\\", "").replace('\\"', "")
    bare = _JSON_STRING.sub("0", unescaped).translate(_JSON_SPACE)
    starts = bare.count(",") + bare.count("[") + bare.count("{")
    return 1 + starts - bare.count("[]") - bare.count("{}")


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            break
        seen.add(key)
    marked = _DuplicateKey(result)
    marked.key = key
    return marked


def _duplicate_reason(key: str, line: int | None = None) -> str:
    where = f" (line {line})" if line is not None else ""
    return (
        f"duplicate key {key!r}{where}: the mapping already has it, and a parser would"
        " silently keep only the last"
    )


# --- YAML --------------------------------------------------------------------------------------


class _Open:
    """A mapping or list being built, with what its anchor needs once it is complete."""

    __slots__ = ("anchor", "key", "text", "token", "value", "values")

    def __init__(
        self, value: Any, token: object, anchor: str | None, counts: tuple[int, int]
    ) -> None:
        self.value = value
        self.token = token
        self.anchor = anchor
        self.values, self.text = counts
        self.key: str | None = None
        """In a mapping: the key whose value comes next, None while a key comes next."""


_PENDING = object()
"""An anchor whose value is still being built: an alias to it would be a cycle."""


class _YamlDocument(_Document):
    def __init__(self, path: Path, allowance: Allowance) -> None:
        super().__init__(path, allowance)
        self.stack: list[_Open] = []
        self.anchors: dict[str, Any] = {}

    def parse(self, text: str) -> Any:
        loader: Any = _EventLoader(text)
        try:
            return self._document(loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc)
            if problem == _LIBYAML_NESTING:
                reason = f"{nesting_reason(self.budgets.nesting)}{where}"
                raise SpecError(self.path, "", reason) from None
            raise SpecError(self.path, "", f"invalid YAML{where}: {problem}") from None
        finally:
            loader.dispose()

    def _document(self, loader: Any) -> Any:
        loader.get_event()  # StreamStartEvent
        if loader.check_event(StreamEndEvent):
            return None
        loader.get_event()  # DocumentStartEvent
        value = self._value(loader)
        loader.get_event()  # DocumentEndEvent
        if loader.check_event(DocumentStartEvent):
            line = loader.peek_event().start_mark.line + 1
            raise SpecError(
                self.path, "", f"a second YAML document at line {line}: give one"
            )
        return value

    def _value(self, loader: Any) -> Any:
        """Build the document's value from its events, one event at a time."""
        stack = self.stack
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                value = self._scalar(event)
                text = len(value) if type(value) is str else 0
                values = 0 if self._slot() is _KEY else 1
                self.count(values, text, self._pointer)
                if event.anchor is not None:
                    self._anchor(event, value, 1, text)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._open(event, {} if kind is MappingStartEvent else [])
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = stack.pop()
                value = done.value
                if done.anchor is not None:
                    values = self.allowance.values - done.values
                    text = self.allowance.text - done.text
                    self.anchors[done.anchor] = (value, values, text)
            else:  # AliasEvent
                value = self._alias(event)
            if not stack:
                return value
            top = stack[-1]
            if type(top.value) is list:
                top.value.append(value)
            elif top.key is None:
                top.key = self._key(value, event)
            else:
                top.value[top.key] = value
                top.key = None

    def _open(self, event: Any, value: dict[str, Any] | list[Any]) -> None:
        tag = event.tag
        if (
            tag is not None
            and tag != "!"
            and tag != (_MAP if type(value) is dict else _SEQ)
        ):
            raise SpecError(self.path, self._pointer(), _tag_reason(tag))
        if len(self.stack) >= self.budgets.nesting:
            raise SpecError(
                self.path, self._pointer(), nesting_reason(self.budgets.nesting)
            )
        token = self._slot() if self.stack else None
        if token is _KEY:
            raise SpecError(
                self.path,
                self._pointer(),
                "a mapping key must be a string, not a collection",
            )
        self.count(1, 0, self._pointer)
        counts = (self.allowance.values - 1, self.allowance.text)
        if event.anchor is not None:
            self._anchor(event, _PENDING, 0, 0)
        self.stack.append(_Open(value, token, event.anchor, counts))

    def _scalar(self, event: Any) -> Any:
        tag: str = event.tag
        text: str = event.value
        if tag is None or tag == "!":
            tag = _RESOLVE(yaml.ScalarNode, text, event.implicit)
        if tag == _STR or tag == _TAG + "value":
            return text
        try:
            return self._typed_scalar(tag, text)
        except ValueError:
            kind = tag.rpartition(":")[2]
            raise SpecError(
                self.path, self._pointer(), f"not a valid YAML {kind}"
            ) from None

    def _typed_scalar(self, tag: str, text: str) -> Any:
        if tag == _TAG + "int":
            return self._integer(text)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _CONSTRUCTOR.bool_values[text.lower()]
        if tag == _TAG + "float":
            return _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, text))
        if tag == _TAG + "timestamp":
            stamp = _CONSTRUCTOR.construct_yaml_timestamp(yaml.ScalarNode(tag, text))
            assert isinstance(stamp, datetime.date)
            return stamp.isoformat()
        raise SpecError(self.path, self._pointer(), _tag_reason(tag))

    def _integer(self, text: str) -> int:
        """The integer `text` stands for (YAML 1.1 allows binary, octal, hex and base 60),
        converted only when its text is short enough that converting costs nothing."""
        limit = self.budgets.integer_digits
        digits = len(text.replace("_", "").lstrip("+-"))
        if digits <= 4 * limit + 2:  # binary takes about 3.3 digits per decimal one
            number = _CONSTRUCTOR.construct_yaml_int(
                yaml.ScalarNode(_TAG + "int", text)
            )
            assert isinstance(number, int)
            if abs(number) < 10**limit:
                return number
            digits = len(str(abs(number)))
        raise SpecError(self.path, self._pointer(), digits_reason(digits, limit))

    def _key(self, value: Any, event: Any) -> str:
        if isinstance(value, dict | list):
            raise SpecError(
                self.path,
                self._pointer(),
                "a mapping key must be a string, not a collection",
            )
        if value is None:
            raise SpecError(
                self.path, self._pointer(), "a mapping key must be a string, not null"
            )
        key = str(value).lower() if isinstance(value, bool) else str(value)
        top = self.stack[-1]
        if key in top.value:
            top.key = key
            line = event.start_mark.line + 1
            raise SpecError(self.path, self._pointer(), _duplicate_reason(key, line))
        return key

    def _alias(self, event: Any) -> Any:
        entry = self.anchors.get(event.anchor)
        if entry is None:
            raise SpecError(
                self.path, self._pointer(), f"YAML alias *{event.anchor} has no anchor"
            )
        value, values, text = entry
        if value is _PENDING:
            raise SpecError(
                self.path,
                self._pointer(),
                f"YAML alias *{event.anchor} is inside its own anchor",
            )
        self.aliases = True
        self.count(values, text, self._pointer)
        return value

    def _anchor(self, event: Any, value: Any, values: int, text: int) -> None:
        """Name `value` for later aliases; a name given again names the newer value (YAML 1.2)."""
        self.anchors[event.anchor] = (value, values, text)

    def _slot(self) -> object:
        """Where the next value goes in the innermost open collection: its key, its index, or
        _KEY when it is a mapping's key; None at the top of the document."""
        if not self.stack:
            return None
        top = self.stack[-1]
        if type(top.value) is list:
            return len(top.value)
        return _KEY if top.key is None else top.key

    def _pointer(self) -> str:
        """The JSON pointer of the value being read (of the mapping, for one of its keys)."""
        tokens = [frame.token for frame in self.stack[1:]]
        if self.stack and (slot := self._slot()) is not _KEY:
            tokens.append(slot)
        return join_pointer(
            "", *(token for token in tokens if isinstance(token, str | int))
        )


_KEY = object()


def _tag_reason(tag: str) -> str:
    if tag == _MERGE:
        return (
            "YAML merge keys (<<) are not supported: a merge lets one key silently"
            " override another; write the keys out"
        )
    shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    return f"the YAML tag {shown} is not supported: only plain data is read"


__all__ = ["parse_document"]
