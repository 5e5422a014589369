"""Stage 3, model: turn a loaded, validated spec into the typed API model."""

from generator.model.build import build_api
from generator.model.entities import (
    Api,
    Body,
    Constraints,
    ExampleRef,
    Header,
    Kind,
    Location,
    LongRunning,
    Model,
    OAuth2Security,
    OmitSentinel,
    Operation,
    Parameter,
    Property,
    Response,
    SpecSource,
    TypeRef,
)

__all__ = [
    "Api",
    "Body",
    "Constraints",
    "ExampleRef",
    "Header",
    "Kind",
    "Location",
    "LongRunning",
    "Model",
    "OAuth2Security",
    "OmitSentinel",
    "Operation",
    "Parameter",
    "Property",
    "Response",
    "SpecSource",
    "TypeRef",
    "build_api",
]
