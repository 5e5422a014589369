"""Stage 2, validate: check the root document against the Swagger 2.0 schema.

openapi-spec-validator does the checking; this module turns its first error into one SpecError
with the JSON pointer of the offending node. References were checked by the load stage, so the
validator never meets a dangling one.
"""

from __future__ import annotations

from collections.abc import Mapping

from jsonschema.exceptions import ValidationError, best_match
from openapi_spec_validator import OpenAPIV2SpecValidator

from generator.errors import SpecError, join_pointer
from generator.load import LoadedSpec


def validate_spec(spec: LoadedSpec) -> None:
    """Raise SpecError unless the root document is valid Swagger 2.0."""
    document = spec.documents[spec.root_file]
    if not isinstance(document, Mapping):
        raise SpecError(spec.root_file, "", "a spec must be a mapping at the top level")
    version = document.get("swagger")
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
    if error.context:
        error = best_match(error.context, key=_prefer_deep) or error
    pointer = join_pointer("", *error.absolute_path)
    return SpecError(spec.root_file, pointer, error.message)


def _prefer_deep(error: ValidationError) -> tuple[int, bool]:
    return len(error.absolute_path), error.validator not in ("anyOf", "oneOf")


__all__ = ["validate_spec"]
