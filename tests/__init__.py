"""The test suite. Its helpers (tests/helpers/) are asserted in as the tests are, so pytest
rewrites their asserts too and a failing check shows its values."""

import pytest

pytest.register_assert_rewrite("tests.helpers")
