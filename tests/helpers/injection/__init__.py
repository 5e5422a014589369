"""Helpers of the injection tests (tests/e2e/test_injection*.py): the spec, its strategies, and
the comparisons of generated Python, Markdown and TOML with the baseline's."""
