"""Reports in the pseudo-locale: every word printed is translated, or is the user's own data."""

from __future__ import annotations

from collections.abc import Iterator

import pypdfium2
import pytest

from inspector_app import i18n
from inspector_app.domain.verification import period_of
from inspector_app.pseudo_locale import OPEN
from inspector_app.reports import coe_status
from inspector_app.services import demo, hq_views, inspections
from inspector_app.services.installation import open_workspace
from inspector_app.services.report import render as render_report
from inspector_app.services.workspace import Workspace
from tests.pseudo_check import demo_folder, untranslated, user_data


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo, with a self-sustainment inspection besides its COE and AOC ones."""
    with open_workspace(demo_folder(tmp_path_factory.mktemp("pseudo")), actor="tester") as ws:
        ref = inspections.start(ws, demo.SENEGAL.name, "coe-self-sustainment", "periodic").id
        for key, value in (("ss.catering.kitchen", "met"), ("ss.catering.food_storage", "not_met"),
                           ("ss.communications.telephone", "na")):
            inspections.answer(ws, ref, key, value, remark="Freezer broken" if value == "not_met" else None)
        yield ws


def pages(pdf: bytes) -> list[str]:
    """The text of each page in the order it was drawn: a table cell's lines stay together."""
    document = pypdfium2.PdfDocument(pdf)
    return [page.get_textpage().get_text_range() for page in document]


def problems(pdf: bytes, data: set[str]) -> list[str]:
    texts = pages(pdf)
    assert texts and all(OPEN in text for text in texts)
    return [f"page {n}: {left}" for n, text in enumerate(texts, 1) if (left := untranslated(text, data))]


@pytest.mark.parametrize("template", ["coe-major-equipment", "coe-self-sustainment", "aoc-fpu"])
def test_inspection_report_in_the_pseudo_locale(demo_ws: Workspace, template: str) -> None:
    unit = demo.BANGLADESH.name if template == "aoc-fpu" else demo.SENEGAL.name  # not TGO FPU 3's COE cycle
    [ref] = [s.inspection.id for s in inspections.list_states(demo_ws)
             if s.template.template_id == template and s.unit.name == unit]
    assert problems(render_report(demo_ws, ref, i18n.PSEUDO).pdf, user_data(demo_ws)) == []
    assert i18n.current_language() == "en"


def demo_quarter(ws: Workspace) -> str:
    """The quarter of the demo's SEN FPU 1 COE inspection (dated from today): the one with units inspected."""
    [day] = [s.inspection.start_date for s in inspections.list_states(ws)
             if s.template.template_id == "coe-major-equipment" and s.unit.name == demo.SENEGAL.name]
    assert day is not None
    return period_of(day).code


def test_quarterly_report_in_the_pseudo_locale(demo_ws: Workspace) -> None:
    status = hq_views.quarter_status(demo_ws, "MINUDEM", demo_quarter(demo_ws))
    assert problems(coe_status.render_pdf(status, i18n.PSEUDO).pdf, user_data(demo_ws)) == []


@pytest.mark.parametrize("lang", ["fr", i18n.PSEUDO])
def test_the_running_header_shows_the_whole_title(demo_ws: Workspace, lang: str) -> None:
    status = hq_views.quarter_status(demo_ws, "MINUDEM", demo_quarter(demo_ws))
    with i18n.language(lang):
        title = i18n._("Quarterly COE status report")
    texts = pages(coe_status.render_pdf(status, lang).pdf)
    assert len(texts) >= 2 and all(title in text.replace("\r\n", " ") for text in texts)  # was cut with "…"


def test_verification_report_in_the_pseudo_locale(demo_ws: Workspace) -> None:
    from inspector_app.services import verification_report  # noqa: PLC0415

    produced = verification_report.produce(demo_ws, "SEN FPU 1", demo_quarter(demo_ws), i18n.PSEUDO)
    assert problems(produced.pdf, user_data(demo_ws)) == []
    assert i18n.current_language() == "en"
