"""Stage 1, load: read a spec file (YAML or JSON) and every file its `$ref`s reach.

Every `$ref` is checked here, once, so later stages can follow references without failing:
a missing file or pointer, a remote URL, a file outside the spec tree or a cycle of references
is reported with the file and JSON pointer of the `$ref` itself. Values are wrapped in `Node`s
that remember where they came from, so errors in later stages can name the place too.

The spec is untrusted: files.py decides what may be read and reads it safely, parse.py turns
bytes into JSON values within the budgets of budgets.py, refs.py follows `$ref`s.
"""

from generator.load.apply_hints import with_hints
from generator.load.budgets import DEFAULT_BUDGETS, MAX_SPEC_BYTES, Budgets
from generator.load.files import SpecTree, spec_tree
from generator.load.nodes import Node, RefusedFile
from generator.load.spec import HTTP_METHODS, LoadedSpec, load_spec, read_document

__all__ = [
    "DEFAULT_BUDGETS",
    "HTTP_METHODS",
    "MAX_SPEC_BYTES",
    "Budgets",
    "LoadedSpec",
    "Node",
    "RefusedFile",
    "SpecTree",
    "load_spec",
    "read_document",
    "spec_tree",
    "with_hints",
]
