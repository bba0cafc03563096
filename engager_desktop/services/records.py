"""Copying checked form fields onto records, records into frozen views, and small shared checks."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Integer, String, inspect, type_coerce

from engager_desktop.domain.validation import ValidationError, field_label, optional_text
from engager_desktop.i18n import tr

V = TypeVar("V")
# A view passed back as a form keeps its identity: these never come from the form.
_NEVER_FROM_FORMS = frozenset({"id", "participant_id", "created_at", "updated_at", "rev"})


def column_limit(model: type[Any], name: str) -> int | None:
    """The character limit of a text column, or None if the column is not text."""
    column = inspect(model).columns[name]
    if isinstance(column.type, String):
        length = column.type.length
        return int(length) if length else None
    return None


def clean(model: type[Any], name: str, value: Any, *, required: bool = False) -> Any:
    """A form value made ready to store: text stripped and length-checked, blank text None."""
    limit = column_limit(model, name)
    if limit is None:
        if required and value is None:
            raise ValidationError(
                name, tr("Errors", "{name} needs filling in.").format(name=field_label(name))
            )
        return value
    if value is not None and not isinstance(value, str):
        raise ValidationError(
            name, tr("Errors", "{name} must be text.").format(name=field_label(name))
        )
    text = optional_text(str(value) if value is not None else None, name, limit)
    if required and text is None:
        raise ValidationError(
            name, tr("Errors", "{name} needs filling in.").format(name=field_label(name))
        )
    return text


def apply_form(obj: object, form: object, *, required: tuple[str, ...] = ()) -> None:
    """Copy every field of ``form`` onto the record ``obj``, cleaned (see ``clean``)."""
    values = cleaned_values(type(obj), form, required=required)
    for name, value in values.items():
        setattr(obj, name, value)


def cleaned_values(
    model: type[Any], form: object, *, required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Every field of ``form`` cleaned against ``model``'s columns, before anything is written."""
    return {
        f.name: clean(model, f.name, getattr(form, f.name), required=f.name in required)
        for f in fields(form)  # type: ignore[arg-type]
        if f.name not in _NEVER_FROM_FORMS
    }


def to_view(view: type[V], obj: object, **extra: Any) -> V:
    """Build the frozen dataclass ``view`` from the same-named attributes of ``obj``."""
    names = [f.name for f in fields(view)]  # type: ignore[arg-type]
    values = {name: extra[name] if name in extra else getattr(obj, name) for name in names}
    return view(**values)


def check_not_future(day: date | None, today: date, field: str) -> None:
    if day is not None and day > today:
        raise ValidationError(
            field,
            tr("Errors", "{field} is in the future. Check the date.").format(
                field=field_label(field)
            ),
        )


def check_whole_number(value: int | None, field: str, low: int, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            field,
            tr("Errors", "{field} must be a whole number from {low} to {high}.").format(
                field=field_label(field), low=low, high=high
            ),
        )


def check_choice(value: str, allowed: type[Any], field: str) -> str:
    """Return ``value`` as the enum member's value; refuse anything outside the vocabulary."""
    try:
        return str(allowed(value).value)
    except ValueError:
        raise ValidationError(
            field,
            tr("Errors", "{field} is not one of the choices.").format(field=field_label(field)),
        ) from None


def not_deleted(column: Any) -> ColumnElement[bool]:
    """``deleted`` is false, written so that SQLite cannot use an index on ``deleted`` for it.

    Every synced table has a one-column index on ``deleted``. Without statistics SQLite may pick
    it for ``participant_id = ? AND deleted = 0`` and walk every live row of the table instead of
    one man's; ``deleted + 0`` leaves it to the better index.
    """
    return type_coerce(column, Integer) + 0 == 0
