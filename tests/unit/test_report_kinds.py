"""The registry of report kinds and signature roles from the template (that reports import no service is
tests/unit/test_architecture.py's to check)."""

from __future__ import annotations

import importlib

import pytest
import yaml

from inspector_app.domain.template_loader import parse_template
from inspector_app.domain.template_model import TemplateKind
from inspector_app.errors import TemplateError
from inspector_app.reports import kinds
from inspector_app.resources_access import shipped_templates
from tests import shipped


def test_every_template_kind_has_one_report_kind_with_a_layout() -> None:
    for kind in TemplateKind:
        report = kinds.of_template(kind)
        assert report.code == kind.value and report.fallback_roles and report.reason
        assert callable(importlib.import_module(f"inspector_app.reports.{report.layout}").body)
    quarterly = kinds.QUARTERLY_COE
    assert callable(importlib.import_module(f"inspector_app.reports.{quarterly.layout}").render_pdf)
    assert kinds.file_name(quarterly, mission="MINUDEM", quarter="2026Q4") == "COE-MINUDEM-2026Q4"
    assert kinds.file_name(kinds.of_template("aoc"), document_id="INS-1-R2-ab12") == "INS-1-R2-ab12.pdf"


def _template_text(**extra: object) -> str:
    resource = next(r for r in shipped_templates() if r.name == "ams.yaml")
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    return yaml.safe_dump(data | extra, allow_unicode=True, sort_keys=False)


def test_signature_roles_come_from_the_template_else_from_its_kind() -> None:
    custom = parse_template(_template_text(signature_roles=["inspector", " Chief of staff "]), "custom.yaml")
    assert kinds.signature_roles(custom) == ("inspector", "Chief of staff")
    older = parse_template(shipped.v1("ams.yaml"), "ams.yaml")  # published before the field: its kind's fallback
    assert older.signature_roles is None
    assert kinds.signature_roles(older) == kinds.of_template("ams").fallback_roles == ("assessor", "team_leader")


@pytest.mark.parametrize("name", sorted(shipped.V1_SHA256))
def test_each_shipped_template_is_version_1_with_the_roles_its_reports_showed_named(name: str) -> None:
    """Version 2 names exactly the roles that version 1 took from its kind; nothing else differs."""
    current, older = (parse_template(source, name) for source in (shipped.v2(name), shipped.v1(name)))
    assert (current.version, older.version) == (2, 1)
    assert current.signature_roles == list(kinds.signature_roles(older))
    assert current.model_dump(exclude={"version", "signature_roles"}) == older.model_dump(
        exclude={"version", "signature_roles"})


@pytest.mark.parametrize("roles, problem", [([], "at least one role"), (["assessor", ""], "no empty one"),
                                            (["assessor", "assessor"], "used twice: assessor")])
def test_wrong_signature_roles_are_refused(roles: list[str], problem: str) -> None:
    with pytest.raises(TemplateError, match=problem):
        parse_template(_template_text(signature_roles=roles), "custom.yaml")
