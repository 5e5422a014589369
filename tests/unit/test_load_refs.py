"""Stage 1, refs: chains of `$ref`s are checked once each, within the chain budget, and every
stage's steps count against the `$ref` budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.hints import BUILTIN_ONLY
from generator.load import Budgets, LoadedSpec, Node, load_spec, with_hints
from generator.load.refs import check_chains, iter_refs
from tests.helpers import minimal_spec, write_spec


def chain_spec(path: Path, links: int, starts: int = 1) -> Path:
    """`starts` definitions that each name C0; C0 names C1 ... C{links - 1}, a schema."""
    definitions = {f"S{i}": {"$ref": "#/definitions/C0"} for i in range(starts)}
    definitions.update(
        {f"C{i}": {"$ref": f"#/definitions/C{i + 1}"} for i in range(links - 1)}
    )
    definitions[f"C{links - 1}"] = {"type": "string"}
    return write_spec(path, minimal_spec(definitions=definitions))


def test_a_chain_as_long_as_the_budget_loads(tmp_path: Path) -> None:
    # From S0: S0 -> C0 -> ... -> C31, a schema: 32 $refs.
    path = chain_spec(tmp_path / "spec.yaml", links=32)
    spec = load_spec(path, budgets=Budgets(ref_chain=32))
    start = spec.root.child("definitions").child("S0")
    assert spec.deref(start).pointer == "/definitions/C31"


def test_a_chain_one_longer_is_refused_at_its_start(tmp_path: Path) -> None:
    path = chain_spec(tmp_path / "spec.yaml", links=33)
    with pytest.raises(SpecError) as caught:
        load_spec(path, budgets=Budgets(ref_chain=32))
    assert caught.value.pointer == "/definitions/S0/$ref"
    assert caught.value.reason == (
        "$ref '#/definitions/C0' starts a chain of more than 32 $refs"
        " (the $ref chain budget)"
    )


def test_each_ref_is_followed_once_however_many_chains_share_it(tmp_path: Path) -> None:
    """The issue's 270 kB chain took 100 s: every $ref walked the whole chain behind it.
    Counted, not timed: n $refs cost about n steps, not n squared."""
    links, starts = 500, 500
    path = chain_spec(tmp_path / "spec.yaml", links=links, starts=starts)
    spec = load_spec(path, budgets=Budgets(ref_chain=10_000))
    steps: list[Node] = []

    def counted(node: Node) -> Node | None:
        steps.append(node)
        return spec.ref_target(node)

    refs = list(iter_refs(spec.root))
    assert len(refs) == links - 1 + starts
    check_chains(refs, counted, limit=10_000)
    assert len(steps) <= 2 * len(refs)


def test_every_stage_counts_its_steps_against_the_ref_budget(tmp_path: Path) -> None:
    path = chain_spec(tmp_path / "spec.yaml", links=10)
    spec = load_spec(path, budgets=Budgets(ref_steps=100))
    loaded = spec.steps.count
    hinted = with_hints(spec, BUILTIN_ONLY)
    start = spec.root.child("definitions").child("S0")
    with pytest.raises(SpecError) as caught:
        for _ in range(100):
            hinted.deref(start)
    assert spec.steps.count == 101 > loaded
    assert caught.value.reason == (
        "more than 100 $ref steps for this spec (the $ref budget): its references"
        " fan out too much"
    )
    assert caught.value.pointer.endswith("/$ref")


def test_copies_with_hints_share_the_count(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path / "spec.yaml", minimal_spec()))
    assert isinstance(spec, LoadedSpec)
    hinted = with_hints(spec, BUILTIN_ONLY)
    assert hinted is not spec
    assert hinted.steps is spec.steps
