"""`$ref`s: finding them, splitting them into file and pointer, following one step, and checking
every chain of them once, at load, so later stages can follow them without failing."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.load.nodes import Node

SKIPPED_SUBTREES = frozenset({"x-ms-examples"})
"""Keys whose `$ref`s point at example files: they are read on demand, not needed to generate."""


def iter_refs(node: Node) -> Iterator[Node]:
    """Every mapping with a `$ref` under `node`. Nesting is within the nesting budget."""
    value = node.value
    if isinstance(value, Mapping):
        if isinstance(value.get("$ref"), str):
            yield node
        elif "$ref" in value:
            raise node.child("$ref").error("$ref must be a string")
        for key in value:
            if key not in SKIPPED_SUBTREES:
                yield from iter_refs(node.child(key))
    elif isinstance(value, list):
        for index in range(len(value)):
            yield from iter_refs(node.child(index))


def split_ref(node: Node) -> tuple[Path, str]:
    """The file (resolved) and JSON pointer that `node`'s `$ref` names."""
    ref = node.value["$ref"]
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        raise node.child("$ref").error(
            f"only local and relative-file $refs are supported, not {ref!r}"
        )
    file = _resolve(node.file.parent, unquote(parts.path)) if parts.path else node.file
    pointer = unquote(parts.fragment)
    if pointer and not pointer.startswith("/"):
        raise node.child("$ref").error(
            f"$ref fragment must be a JSON pointer starting with '/': {ref!r}"
        )
    return file, pointer


@functools.lru_cache(maxsize=4096)
def _resolve(directory: Path, relative: str) -> Path:
    """Path.resolve() asks the file system; a big spec names the same few files thousands of
    times."""
    return (directory / relative).resolve()


def lookup(referrer: Node, file: Path, pointer: str, document: Any) -> Node:
    """The node at `pointer` in `document` (the contents of `file`); `referrer`'s `$ref`
    is named when there is none."""
    value = document
    for raw_token in pointer.split("/")[1:]:
        token = raw_token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, Mapping) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            ref = referrer.value["$ref"]
            raise referrer.child("$ref").error(
                f"$ref {ref!r} points at nothing: no {token!r} in {file.name}"
            )
    return Node(file, pointer, value)


def check_chains(
    ref_nodes: Iterable[Node], ref_target: Callable[[Node], Node | None], limit: int
) -> None:
    """Refuse a `$ref` that leads into a cycle or through more than `limit` `$ref`s.

    Each `$ref` is followed once: the length of the chain behind every one already walked is
    remembered, so a long chain costs its length, not its length squared.
    """
    lengths: dict[tuple[Path, str], int] = {}
    for start in ref_nodes:
        walked: list[tuple[Path, str]] = []
        on_walk: set[tuple[Path, str]] = set()
        node = start
        rest = 0
        while True:
            place = (node.file, node.pointer)
            on_walk.add(place)
            walked.append(place)
            target = ref_target(node)
            if target is None:
                break
            ahead = (target.file, target.pointer)
            if ahead in lengths:
                rest = lengths[ahead] + 1
                break
            if ahead in on_walk:
                raise node.child("$ref").error(
                    f"$ref cycle through {node.value['$ref']!r}"
                )
            node = target
        for steps, place in enumerate(reversed(walked)):
            lengths[place] = rest + steps
        if lengths[(start.file, start.pointer)] > limit:
            raise start.child("$ref").error(
                f"$ref {start.value['$ref']!r} starts a chain of more than {limit} $refs"
                " (the $ref chain budget)"
            )


__all__ = ["SKIPPED_SUBTREES", "check_chains", "iter_refs", "lookup", "split_ref"]
