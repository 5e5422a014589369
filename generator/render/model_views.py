"""What the templates of models.py see: one frozen dataclass per kind of thing laid out (the
rest of the views are in views.py, which gives these too)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.escape import SpecText, identifiers, python_literal
from generator.render.imports import ImportBlock
from generator.render.layout import class_declaration, declaration, value_after


@dataclass(frozen=True)
class FieldView:
    name: str
    wire: SpecText
    annotation: str
    default: str | None
    doc: SpecText
    optional: bool
    read_only: bool
    nullable: bool = False
    """Required, yet None is allowed (x-nullable): to_dict leaves it out then."""
    entry: str = ""
    """Its entry in the class's `_fields = _codec.fields(...)`."""

    @property
    def declaration(self) -> str:
        """`name: annotation = default` in the class body, laid out for black."""
        return declaration(4, self.name, self.annotation, self.default)


@dataclass(frozen=True)
class AdditionalView:
    """The dict field holding an object's keys that are not its named properties."""

    name: str
    annotation: str
    doc: SpecText
    entry: tuple[str, str]
    """The class's `_additional`: the literals of the field's name and of its values' kind."""
    declared: bool
    """Declared in this class's body, not inherited."""


@dataclass(frozen=True)
class ModelView:
    class_name: str
    bases: tuple[str, ...]
    doc: SpecText
    fields: tuple[FieldView, ...]
    """Declared in the class body: the model's own properties."""
    table: tuple[str, ...] = ()
    """The class's `_fields`: its own fields as from_dict and to_dict follow them."""
    polymorphic: PolymorphicView | None = None
    additional: AdditionalView | None = None
    subtypes: str | None = None
    """The class's `_subtypes`: its discriminator and the module's table of subclasses."""
    keeps_other_keys: str | None = None
    """The class's `_additional`, where it declares the field of additionalProperties."""

    @property
    def declaration(self) -> str:
        """What follows `class `: the name and bases, laid out as black does."""
        bases = [identifiers([base]) for base in self.bases or ("_Model",)]
        return class_declaration(self.class_name, bases)

    @property
    def empty(self) -> bool:
        """Nothing under the docstring (black then leaves no blank line after it)."""
        declares_additional = self.additional is not None and self.additional.declared
        return not (
            self.fields
            or self.table
            or self.polymorphic
            or declares_additional
            or self.subtypes
            or self.keeps_other_keys
        )


@dataclass(frozen=True)
class PolymorphicView:
    """A class of a `discriminator` hierarchy: the discriminator field it sets, and how its
    from_dict picks a subclass and keeps what this version does not know."""

    declared: tuple[FieldView, ...]
    """The discriminators whose value this class gives, declared (again) with it as default."""
    discriminators: tuple[FieldView, ...]
    """Every discriminator of the hierarchy: read after construction, always written."""
    value: SpecText
    root: bool
    """The topmost polymorphic class declares `additional_properties`."""
    dispatch: tuple[SpecText, str] | None
    """The discriminator and the table of subclasses that from_dict picks from; None for a
    class without subclasses."""


@dataclass(frozen=True)
class SubtypeTable:
    name: str
    base_class: str
    entries: tuple[tuple[SpecText, str], ...]
    """(discriminator value, class name), by value."""


@dataclass(frozen=True)
class EnumView:
    class_name: str
    doc: SpecText
    members: tuple[tuple[str, SpecText], ...]
    base: str = "_StrEnum"
    """`_SealedEnum` when no other value is accepted (read in any case)."""

    @property
    def declaration(self) -> str:
        """What follows `class `: the name and base, laid out as black does."""
        return class_declaration(self.class_name, [identifiers([self.base])])

    @property
    def values(self) -> tuple[tuple[str, str], ...]:
        """Each member's name and its value's literal, laid out as black does after
        `NAME = ` in the class body."""
        return tuple(
            (name, value_after(4, f"{name} = ", python_literal(value)))
            for name, value in self.members
        )


@dataclass(frozen=True)
class ModelsModuleView:
    imports: ImportBlock
    exports: tuple[str, ...]
    models: tuple[ModelView, ...]
    enums: tuple[EnumView, ...]
    subtype_tables: tuple[SubtypeTable, ...] = ()
    sealed_enums: bool = False
    groups: tuple[GroupView, ...] = ()


@dataclass(frozen=True)
class GroupView:
    """A parameter group's dataclass (x-ms-parameter-grouping): fields only, never sent as
    one; the methods read each field."""

    class_name: str
    doc: SpecText
    fields: tuple[FieldView, ...]


__all__ = [
    "AdditionalView",
    "EnumView",
    "FieldView",
    "GroupView",
    "ModelView",
    "ModelsModuleView",
    "PolymorphicView",
    "SubtypeTable",
]
