"""Specs built at test time that sit just under one load budget each, in the shape that costs
the stages after load the most, and a few that sit just over.

tests/e2e/test_load_budgets.py runs each through the CLI in a subprocess (a hang guard, not a
timing); bench/load_budgets.py times them. Sizes are computed from the budgets, so the specs
follow them when they change; the test that each is accepted shows it is under all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.load import DEFAULT_BUDGETS, Budgets

HEAD_VALUES = 40
"""Values of the spec around the payload (swagger, info, paths, the operation): a bound."""

HEAD = (
    'swagger: "2.0"\n'
    'info: {title: WidgetClient, version: "2025-01-01"}\n'
    "host: management.azure.com\n"
    "paths:\n"
    "  /widgets:\n"
    "    get:\n"
    "      operationId: Widgets_Get\n"
    "      responses:\n"
    '        "200":\n'
    "          description: The widget.\n"
    "          schema: {$ref: '#/definitions/Top'}\n"
)


@dataclass(frozen=True)
class BudgetCase:
    name: str
    budget: str
    """The budget it sits under (or over): its name in the error message."""
    field: str
    """That budget's field of Budgets."""
    build: Callable[[Path, Budgets], Path]
    over: bool = False
    """Built to be refused, with `budget` named in the one error line."""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MODEL_VALUES = 11
"""Values of one model and its entry in Top: {$ref} (2), the model (1), type (1),
properties (1), and three properties of two values each (6)."""


def _model(index: int) -> str:
    return (
        f"  M{index}: {{type: object, properties: {{a: {{type: string}},"
        f" b: {{type: integer}}, c: {{type: boolean}}}}}}\n"
    )


def many_models(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """As many small models as the value budget allows, each a property of Top: every one is
    validated, modelled and rendered (YAML, no aliases)."""
    count = (budgets.values - HEAD_VALUES) // MODEL_VALUES
    lines = [HEAD, "definitions:\n  Top:\n    type: object\n    properties:\n"]
    lines += [f"      m{i}: {{$ref: '#/definitions/M{i}'}}\n" for i in range(count)]
    lines += [_model(i) for i in range(count)]
    return _write(folder, "many-models.yaml", "".join(lines))


def many_models_json(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """The same models as JSON."""
    count = (budgets.values - HEAD_VALUES) // MODEL_VALUES
    spec = _head_document()
    properties = {"a": "string", "b": "integer", "c": "boolean"}
    models = {
        f"M{i}": {
            "type": "object",
            "properties": {name: {"type": kind} for name, kind in properties.items()},
        }
        for i in range(count)
    }
    spec["definitions"] = {
        "Top": {
            "type": "object",
            "properties": {
                f"m{i}": {"$ref": f"#/definitions/M{i}"} for i in range(count)
            },
        },
        **models,
    }
    return _write(folder, "many-models.json", json.dumps(spec, indent=1))


def _head_document() -> dict[str, object]:
    return {
        "swagger": "2.0",
        "info": {"title": "WidgetClient", "version": "2025-01-01"},
        "host": "management.azure.com",
        "paths": {
            "/widgets": {
                "get": {
                    "operationId": "Widgets_Get",
                    "responses": {
                        "200": {
                            "description": "The widget.",
                            "schema": {"$ref": "#/definitions/Top"},
                        }
                    },
                }
            }
        },
    }


WIDE_PROPERTIES = 30
WIDE_VALUES = 3 + 2 * WIDE_PROPERTIES
"""Values of one copy of the wide schema: the schema, type, properties, and thirty
properties of two values each."""


def alias_fan_out(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """A few kB of YAML whose aliases expand to just under the value budget: one inline
    schema of thirty properties repeated as every property of Top, each copy its own model.
    """
    copies = (budgets.values - HEAD_VALUES - WIDE_VALUES) // WIDE_VALUES
    properties = ", ".join(f"f{i}: {{type: string}}" for i in range(WIDE_PROPERTIES))
    lines = [
        HEAD,
        f"x-wide: &wide {{type: object, properties: {{{properties}}}}}\n",
        "definitions:\n  Top:\n    type: object\n    properties:\n",
    ]
    lines += [f"      p{i}: *wide\n" for i in range(copies)]
    return _write(folder, "alias-fan-out.yaml", "".join(lines))


def alias_text(folder: Path, budgets: Budgets = DEFAULT_BUDGETS, uses: int = 8) -> Path:
    """One anchored description of 1/`uses` of the text budget, used `uses` times: each
    property's description lands in models.py and the README."""
    size = (budgets.text - 4096) // uses
    lines = [
        HEAD,
        "definitions:\n  Top:\n    type: object\n    properties:\n",
        f"      p0: {{type: string, description: &text {'d' * size}}}\n",
    ]
    lines += [
        f"      p{i}: {{type: string, description: *text}}\n" for i in range(1, uses)
    ]
    return _write(folder, "alias-text.yaml", "".join(lines))


def alias_text_over(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """The issue's case: a 2 MiB anchored string used through aliases, past the budget."""
    uses = budgets.text // (2 * 1024 * 1024) + 2
    lines = [
        HEAD,
        "definitions:\n  Top:\n    type: object\n    properties:\n",
        f"      p0: {{type: string, description: &text {'d' * 2 * 1024 * 1024}}}\n",
    ]
    lines += [
        f"      p{i}: {{type: string, description: *text}}\n" for i in range(1, uses)
    ]
    return _write(folder, "alias-text-over.yaml", "".join(lines))


def bytes_of_comments(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """A valid YAML spec just under the byte budget, nearly all of it comment lines."""
    line = "# " + "c" * 1021 + "\n"
    count = (budgets.spec_bytes - 8192) // len(line)
    text = HEAD + "definitions:\n  Top: {type: object}\n" + line * count
    return _write(folder, "bytes-of-comments.yaml", text)


def bytes_over(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """Alias-free YAML of twice the byte budget (the issue's 30 MB case, scaled)."""
    line = "# " + "c" * 1021 + "\n"
    count = 2 * budgets.spec_bytes // len(line)
    text = HEAD + "definitions:\n  Top: {type: object}\n" + line * count
    return _write(folder, "bytes-over.yaml", text)


def values_over(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """Alias-free YAML with twice the value budget in one list, well under the byte budget:
    refused when the budget is reached, and not blamed on aliases."""
    text = (
        HEAD
        + "definitions:\n  Top: {type: object}\nx-list:\n"
        + "- v\n" * (2 * budgets.values)
    )
    return _write(folder, "values-over.yaml", text)


def long_integers(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """As many integers of the largest allowed size as the value and byte budgets allow."""
    smallest = 10 ** (budgets.integer_digits - 1)
    by_bytes = (budgets.spec_bytes - 4096) // (budgets.integer_digits + 2)
    count = min(budgets.values - HEAD_VALUES, by_bytes)
    numbers = ", ".join(str(smallest + i) for i in range(count))
    text = HEAD + (
        "definitions:\n  Top:\n    type: object\n    properties:\n"
        f"      size: {{type: integer, enum: [{numbers}]}}\n"
    )
    return _write(folder, "long-integers.yaml", text)


def integer_over(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """The issue's 5000-digit integer."""
    text = HEAD + "definitions:\n  Top: {type: object}\nx-big: " + "9" * 5000 + "\n"
    return _write(folder, "integer-over.yaml", text)


def deep_schemas(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """Inline object schemas nested as deep as the nesting budget allows, repeated until the
    value budget: every level is a model."""
    levels = (budgets.nesting - 5) // 2
    schema: dict[str, object] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"p": schema}}
    values_per_copy = 3 * levels + 2
    copies = min(200, (budgets.values - HEAD_VALUES) // (values_per_copy + 1))
    spec = _head_document()
    spec["definitions"] = {
        "Top": {
            "type": "object",
            "properties": {f"d{i}": schema for i in range(copies)},
        }
    }
    return _write(folder, "deep-schemas.json", json.dumps(spec))


def nesting_over(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """One list nested a level past the budget."""
    depth = budgets.nesting + 1
    text = HEAD + "definitions:\n  Top: {type: object}\nx-deep: " + "[" * depth
    return _write(folder, "nesting-over.yaml", text + "]" * depth + "\n")


def ref_chains(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """Chains of $refs as long as the chain budget allows (the last into another file), one
    from every property of Top."""
    last = budgets.ref_chain - 2
    links = [f"  C{i}: {{$ref: '#/definitions/C{i + 1}'}}\n" for i in range(last)]
    links.append(f"  C{last}: {{$ref: './other.yaml#/definitions/End'}}\n")
    _write(folder, "other.yaml", "definitions:\n  End: {type: string}\n")
    uses = 500
    lines = [HEAD, "definitions:\n  Top:\n    type: object\n    properties:\n"]
    lines += [f"      p{i}: {{$ref: '#/definitions/C0'}}\n" for i in range(uses)]
    return _write(folder, "ref-chains.yaml", "".join(lines + links))


def ref_chain_over(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """The issue's 270 kB chain of $refs, one definition naming the next."""
    count = 9000
    lines = [HEAD, "definitions:\n  Top: {$ref: '#/definitions/C0'}\n"]
    lines += [f"  C{i}: {{$ref: '#/definitions/C{i + 1}'}}\n" for i in range(count)]
    lines.append(f"  C{count}: {{type: object}}\n")
    return _write(folder, "ref-chain-over.yaml", "".join(lines))


FAN_OUT_WIDTH = 5
FAN_OUT_LEVELS = 6


def fan_out_steps(level: int) -> int:
    """$ref steps the validate and model stages take for one $ref to a schema of `level`
    (measured: 4, 19, 94, 469, 2344, 11719; each level names five of the one below)."""
    return (15 * FAN_OUT_WIDTH**level + 1) // 4


def ref_fan_out(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """A few kB whose $refs fan out: every level's schemas name five of the level below by
    JSON pointer, and Top names enough of them to take 99% of the $ref budget."""
    remaining = budgets.ref_steps * 99 // 100 - 128
    targets = []
    for level in reversed(range(FAN_OUT_LEVELS)):
        count, remaining = divmod(remaining, fan_out_steps(level))
        targets += [level] * count
    top = {
        f"t{i}": {"$ref": f"#/definitions/L{level}/properties/p0"}
        for i, level in enumerate(targets)
    }
    return _fan_out(folder, FAN_OUT_LEVELS, {"type": "object", "properties": top})


def ref_fan_out_over(folder: Path, budgets: Budgets = DEFAULT_BUDGETS) -> Path:
    """11 kB that made 488 281 models in a minute before the $ref budget."""
    return _fan_out(folder, 8, {"$ref": "#/definitions/L7"})


def _fan_out(folder: Path, levels: int, top: dict[str, object]) -> Path:
    width = FAN_OUT_WIDTH
    definitions: dict[str, object] = {
        "L0": {
            "type": "object",
            "properties": {
                f"p{j}": {"type": "object", "properties": {"leaf": {"type": "string"}}}
                for j in range(width)
            },
        }
    }
    for level in range(1, levels):
        definitions[f"L{level}"] = {
            "type": "object",
            "properties": {
                f"p{j}": {
                    "type": "object",
                    "properties": {
                        f"q{k}": {"$ref": f"#/definitions/L{level - 1}/properties/p{k}"}
                        for k in range(width)
                    },
                }
                for j in range(width)
            },
        }
    definitions["Top"] = top
    spec = _head_document()
    spec["definitions"] = definitions
    return _write(folder, f"ref-fan-out-{levels}.json", json.dumps(spec))


UNDER = (
    BudgetCase("many models (YAML)", "value", "values", many_models),
    BudgetCase("many models (JSON)", "value", "values", many_models_json),
    BudgetCase("alias fan-out", "value", "values", alias_fan_out),
    BudgetCase("anchored text", "text", "text", alias_text),
    BudgetCase("comment bytes", "byte", "spec_bytes", bytes_of_comments),
    BudgetCase("long integers", "integer", "integer_digits", long_integers),
    BudgetCase("deep schemas", "nesting", "nesting", deep_schemas),
    BudgetCase("$ref chains", "$ref chain", "ref_chain", ref_chains),
    BudgetCase("$ref fan-out", "$ref", "ref_steps", ref_fan_out),
)
OVER = (
    BudgetCase("30 MB-style YAML", "byte", "spec_bytes", bytes_over, over=True),
    BudgetCase("alias-free values", "value", "values", values_over, over=True),
    BudgetCase("2 MiB anchored text", "text", "text", alias_text_over, over=True),
    BudgetCase("5000-digit integer", "integer", "integer_digits", integer_over, True),
    BudgetCase("nesting", "nesting", "nesting", nesting_over, over=True),
    BudgetCase("270 kB $ref chain", "$ref chain", "ref_chain", ref_chain_over, True),
    BudgetCase("$ref fan-out", "$ref", "ref_steps", ref_fan_out_over, over=True),
)
