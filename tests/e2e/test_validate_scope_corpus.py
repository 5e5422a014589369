"""What validation sees with `--operation` holds everything the generation reads, over the
corpus: every root-file definition a single operation's models come from is in the cut that
openapi-spec-validator is given (generator/validate_scope.py)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from generator.errors import GeneratorError
from generator.hints import BUILTIN_ONLY
from generator.load import load_spec, with_hints
from generator.model import build_api
from generator.model.document import operation_ids
from generator.validate_scope import within_selection
from tests.helpers.corpus import CorpusFile, corpus

OPERATIONS_PER_FILE = 6
"""Spread over each file's operations (first, last and between): enough to meet most
shapes of a file, few enough to keep the test quick."""


@pytest.mark.parametrize("item", corpus(), ids=lambda item: item.name)
def test_the_cut_holds_what_an_operation_reads(item: CorpusFile) -> None:
    spec = with_hints(load_spec(item.path), BUILTIN_ONLY)
    root = spec.documents[spec.root_file]
    definitions = root.get("definitions") if isinstance(root, Mapping) else None
    ids = sorted(operation_ids(spec.root)) if isinstance(definitions, Mapping) else []
    step = max(1, len(ids) // OPERATIONS_PER_FILE)
    for operation in ids[::step]:
        try:
            api = build_api(spec, [operation])
        except GeneratorError:
            continue  # refused: nothing is generated, so nothing is read
        cut = within_selection(spec, [operation]).documents[spec.root_file]
        read = {model.name for model in api.models} & set(definitions)
        assert read <= set(cut["definitions"]), (
            operation,
            read - set(cut["definitions"]),
        )
