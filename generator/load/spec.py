"""A loaded spec: the root file and every document its `$ref`s reach, read within the spec tree
and the budgets, every `$ref` checked."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.budgets import DEFAULT_BUDGETS, Allowance, Budgets
from generator.load.files import SpecTree, read_file, spec_tree
from generator.load.nodes import Node
from generator.load.parse import parse_document
from generator.load.refs import check_chains, iter_refs, lookup, split_ref

HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")


class _Steps:
    """`$ref` steps followed so far for one spec, by every stage."""

    def __init__(self) -> None:
        self.count = 0


@dataclass(frozen=True)
class LoadedSpec:
    """The root spec file and every document its references reach, keyed by absolute path."""

    root_file: Path
    documents: Mapping[Path, Any]
    sha256: str
    budgets: Budgets = DEFAULT_BUDGETS
    steps: _Steps = field(default_factory=_Steps, compare=False, repr=False)

    @property
    def root(self) -> Node:
        return Node(self.root_file, "", self.documents[self.root_file])

    def ref_target(self, node: Node) -> Node | None:
        """Where `node`'s `$ref` points (one step), or None when it has no `$ref`.

        Every step counts against the `$ref` budget, whichever stage takes it.
        """
        if not isinstance(node.value, Mapping) or "$ref" not in node.value:
            return None
        self.steps.count += 1
        if self.steps.count > self.budgets.ref_steps:
            raise node.child("$ref").error(
                f"more than {self.budgets.ref_steps} $ref steps for this spec"
                " (the $ref budget): its references fan out too much"
            )
        file, pointer = split_ref(node)
        return lookup(node, file, pointer, self.documents[file])

    def deref(self, node: Node) -> Node:
        """Follow `$ref`s until a node that is not a reference. Cycles were refused at load."""
        while (target := self.ref_target(node)) is not None:
            node = target
        return node


def load_spec(
    path: Path, spec_root: Path | None = None, *, budgets: Budgets = DEFAULT_BUDGETS
) -> LoadedSpec:
    """Read `path` and the files it references; raise SpecError on anything unreadable.

    Referenced files are read only inside the spec tree (`spec_root`, else the default of
    files.spec_tree), and all of them together within `budgets`.
    """
    tree = spec_tree(path, spec_root)
    allowance = Allowance(budgets)
    root_file = path.resolve()
    raw = read_file(root_file, Node(root_file, "", None), allowance)
    documents: dict[Path, Any] = {root_file: parse_document(root_file, raw, allowance)}
    pending = [root_file]
    while pending:
        file = pending.pop()
        for ref_node in iter_refs(Node(file, "", documents[file])):
            target_file, _ = split_ref(ref_node)
            if target_file not in documents:
                documents[target_file] = _read_referenced(
                    target_file, ref_node, tree, allowance
                )
                pending.append(target_file)
    spec = LoadedSpec(root_file, documents, hashlib.sha256(raw).hexdigest(), budgets)
    check_chains(
        (
            ref_node
            for file in sorted(documents)
            for ref_node in iter_refs(Node(file, "", documents[file]))
        ),
        spec.ref_target,
        budgets.ref_chain,
    )
    return spec


def _read_referenced(
    file: Path, ref_node: Node, tree: SpecTree, allowance: Allowance
) -> Any:
    where = ref_node.child("$ref")
    tree.admit(file, where, f"$ref {ref_node.value['$ref']!r}")
    return parse_document(file, read_file(file, where, allowance), allowance)


def read_document(
    path: Path, tree: SpecTree | None = None, *, budgets: Budgets = DEFAULT_BUDGETS
) -> Any:
    """Read one JSON or YAML file (an example, a project file) with the checks of a spec file;
    with `tree`, only when the file lies in it (an example file must)."""
    where = Node(path, "", None)
    if tree is not None:
        name = path.name
        path = path.resolve()
        tree.admit(path, where, name)
    allowance = Allowance(budgets)
    return parse_document(path, read_file(path, where, allowance), allowance)


__all__ = ["HTTP_METHODS", "LoadedSpec", "load_spec", "read_document"]
