"""Published examples become tests: every `x-ms-examples` file turns into vcrpy cassettes.

Azure ships an example file per operation and api-version: the parameters of one call and the
responses the service gives. Replaying them against the generated client checks the request it
builds and the result it returns, so a new api-version brings its own tests. This module is pure
domain logic, Api in and files out; the CLI writes them and prints the warnings.

The request is built exactly as the generated client sends it (path parameters percent-encoded
with `quote(value, safe="")`, query values written as the client writes them, in its order), so
vcrpy can match on method, full URI and body. A long-running operation gives one cassette per
success status of the example: `__200` answered at once, `__202` answered with its `Location`
(and `Retry-After: 0`), then one poll of that `Location` answered 200. Output is deterministic:
sorted keys, stable names, `\\n` line endings.

An example file that is missing or malformed gives a warning naming it and its operation; the
other examples still give their cassettes.
"""

from generator.cassettes.build import build_cassettes
from generator.cassettes.files import render_cassettes
from generator.cassettes.records import (
    MANIFEST,
    Cassette,
    CassetteSet,
    ExampleWarning,
    ExpectedRequest,
    Interaction,
    Skipped,
)

__all__ = [
    "MANIFEST",
    "Cassette",
    "CassetteSet",
    "ExampleWarning",
    "ExpectedRequest",
    "Interaction",
    "Skipped",
    "build_cassettes",
    "render_cassettes",
]
