"""Stored codes in words of the active language: action and follow-up statuses, lease types, gender."""

from __future__ import annotations

from inspector_app.i18n import N_, _

FOLLOW_UP_STATUSES = ("pending", "done", "not_done")

_STATUS_LABELS = {"pending": N_("pending"), "done": N_("done"), "not_done": N_("not done"), "open": N_("open")}


def status_label(status: str) -> str:
    """A follow-up's or an action's status, in the active language."""
    return _(_STATUS_LABELS.get(status, status))


def lease(value: str) -> str:
    return {"wet": _("wet"), "dry": _("dry")}.get(value, value)


def gender(value: str) -> str:
    return {"female": _("female"), "male": _("male")}.get(value, value)
