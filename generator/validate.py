"""Stage 2, validate: check the root document against the Swagger 2.0 schema.

openapi-spec-validator does the checking; this module turns its first error into one SpecError
with the JSON pointer of the offending node. References were checked by the load stage, so the
validator never meets a dangling one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from jsonschema.exceptions import ValidationError
from openapi_spec_validator import OpenAPIV2SpecValidator

from generator.errors import SpecError, join_pointer
from generator.load import LoadedSpec


def validate_spec(spec: LoadedSpec) -> None:
    """Raise SpecError unless the root document is valid Swagger 2.0."""
    document = spec.documents[spec.root_file]
    if not isinstance(document, Mapping):
        raise SpecError(spec.root_file, "", "a spec must be a mapping at the top level")
    version = document.get("swagger")
    if version == 2.0:
        raise SpecError(
            spec.root_file, "/swagger", 'write the version as a string: swagger: "2.0"'
        )
    if version != "2.0":
        if "openapi" in document:
            reason = f"OpenAPI {document['openapi']} is not supported yet; give a Swagger 2.0 spec"
        else:
            reason = "not a Swagger 2.0 spec: the top-level 'swagger: \"2.0\"' field is missing"
        raise SpecError(spec.root_file, "/swagger" if version else "", reason)
    validator = OpenAPIV2SpecValidator(document, base_uri=spec.root_file.as_uri())
    try:
        error = next(iter(validator.iter_errors()), None)
    except (
        Exception
    ) as exc:  # the validator's own failures must still come out as one line
        raise SpecError(
            spec.root_file, "", f"the spec could not be validated: {exc}"
        ) from None
    if error is not None:
        raise _to_spec_error(spec, error)


def _to_spec_error(spec: LoadedSpec, error: ValidationError) -> SpecError:
    """The most telling error: the deepest one, and not 'this could be a $ref instead'."""
    candidates = list(_with_context(error))
    best = max(candidates, key=_relevance)
    return SpecError(
        spec.root_file, join_pointer("", *best.absolute_path), best.message
    )


def _with_context(error: ValidationError) -> Iterator[ValidationError]:
    yield error
    for child in error.context or ():
        yield from _with_context(child)


def _relevance(error: ValidationError) -> tuple[int, bool, bool]:
    about_ref = error.validator == "required" and "'$ref'" in error.message
    return (
        len(error.absolute_path),
        not about_ref,
        error.validator not in ("anyOf", "oneOf"),
    )


__all__ = ["validate_spec"]
