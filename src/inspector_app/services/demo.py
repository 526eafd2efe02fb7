"""A realistic demo mission: three FPUs with full MOUs and rosters; a finished COE inspection and an AOC in
progress for the two deployed units, and the whole COE cycle of the third (arrival, an operational readiness
inspection on time, one held late, a spot check, repatriation); two batches of AMS candidates (``demo_ams``).
Dates count back from today.
Running it twice changes nothing."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw
from sqlmodel import select

from inspector_app.domain import performance
from inspector_app.domain.answers import NA
from inspector_app.domain.checklist import MouLineRef, PersonRef, Slot, SsTerms
from inspector_app.domain.quarter_status import quarter_of
from inspector_app.domain.template_model import AnswerType, Template
from inspector_app.services import assets, attachments, demo_ams, followups, inspections, planning, templates, units
from inspector_app.storage.models import Mission

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

MISSION_CODE = "MINUDEM"

# (category, item, quantity, lease) — an FPU's Annex B as MOUs commonly list it.
ANNEX_B = [
    ("Armoured personnel carriers", "APC wheeled, class II", 10, "wet"),
    ("Armoured personnel carriers", "APC wheeled, recovery variant", 1, "wet"),
    ("Support vehicles (commercial pattern)", "Jeep 4x4 with military radio", 8, "wet"),
    ("Support vehicles (commercial pattern)", "Pick-up 4x4, double cabin", 12, "wet"),
    ("Support vehicles (commercial pattern)", "Bus, 30 passengers", 2, "wet"),
    ("Support vehicles (commercial pattern)", "Ambulance 4x4", 2, "wet"),
    ("Support vehicles (military pattern)", "Truck, cargo, 5 t", 4, "wet"),
    ("Support vehicles (military pattern)", "Truck, water tanker, 10,000 l", 2, "wet"),
    ("Support vehicles (military pattern)", "Truck, fuel tanker, 10,000 l", 1, "dry"),
    ("Support vehicles (military pattern)", "Truck, crane, 10 t", 1, "wet"),
    ("Public order equipment", "Water cannon vehicle", 1, "wet"),
    ("Communications", "VHF/UHF base station", 2, "wet"),
    ("Communications", "HF base station", 1, "wet"),
    ("Communications", "Satellite terminal (VSAT)", 1, "dry"),
    ("Electrical", "Generator 20-40 kVA", 4, "wet"),
    ("Electrical", "Generator 61-100 kVA", 2, "wet"),
    ("Engineering", "Water purification unit, 4,000 l/h", 1, "wet"),
    ("Engineering", "Water storage, 20,000 l bladder", 3, "wet"),
    ("Engineering", "Fuel storage, 10,000 l bladder", 1, "dry"),
    ("Medical", "Level 1 medical facility module", 1, "wet"),
    ("Observation", "Night vision binoculars", 12, "wet"),
    ("Observation", "Surveillance camera system, camp perimeter", 1, "wet"),
    ("Accommodation", "Accommodation container, 20 ft", 24, "wet"),
    ("Accommodation", "Ablution container", 6, "wet"),
    ("Accommodation", "Office container", 4, "wet"),
]

RANKS = [("Police Colonel", 1), ("Police Lieutenant-Colonel", 1), ("Police Captain", 6),
         ("Police Lieutenant", 8), ("Police Sergeant", 24), ("Police Corporal", 30), ("Police Constable", 70)]


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    country: str
    location: str
    commander: str
    first_names: tuple[list[str], list[str]]  # men's, women's
    last_names: list[str]


SENEGAL = DemoUnit(
    "SEN", "SEN FPU 1", "Senegal", "Sector West, Camp Bravo", "Col. Mamadou Ndiaye",
    (["Mamadou", "Ousmane", "Cheikh", "Ibrahima", "Moussa", "Abdoulaye", "Modou", "Babacar"],
     ["Awa", "Fatou", "Aminata", "Khady", "Mariama", "Ndèye", "Coumba"]),
    ["Ndiaye", "Diop", "Fall", "Sow", "Ba", "Sarr", "Faye", "Gueye", "Mbaye", "Cissé", "Diallo", "Thiam"],
)
TOGO = DemoUnit(
    "TGO", "TGO FPU 3", "Togo", "Sector North, Camp Echo", "Col. Komlan Agbeko",
    (["Komlan", "Kossi", "Yao", "Kodjo", "Edem", "Koffi", "Mawuli", "Sena"],
     ["Akossiwa", "Ama", "Afi", "Abla", "Dédé", "Essi"]),
    ["Agbeko", "Amegah", "Kpodar", "Adjovi", "Lawson", "Mensah", "Tchalla", "Gnassingbé", "Kodjo", "Ayivi"],
)
BANGLADESH = DemoUnit(
    "BGD", "BGD FPU 2", "Bangladesh", "Sector East, Camp Delta", "Col. Rashid Ahmed",
    (["Rashid", "Kamal", "Arif", "Tanvir", "Shafiq", "Jamal", "Imran", "Habib"],
     ["Nasrin", "Farzana", "Shirin", "Sultana", "Rumana", "Taslima"]),
    ["Ahmed", "Rahman", "Hossain", "Islam", "Chowdhury", "Khan", "Uddin", "Akter", "Sarker", "Miah"],
)


def seed(ws: Workspace) -> bool:
    """Add the demo mission unless it is there already; True when it was added."""
    with ws.db.session() as session:
        if session.exec(select(Mission).where(Mission.code == MISSION_CODE)).first():
            return False
        mission = units.add_mission(ws, session, "UN Multidimensional Demonstration Mission", MISSION_CODE)
        ss_template = templates.model(templates.latest(session, "coe-self-sustainment"))
        categories = [_ss_terms(s.mou_category) for s in ss_template.sections if s.mou_category]
        for demo in (SENEGAL, BANGLADESH, TOGO):
            unit = units.add_unit(
                ws, session, mission.id, name=demo.name, contributing_country=demo.country,
                location=demo.location, commander=demo.commander,
                readiness_level="repatriated" if demo is TOGO else "deployed",
            )
            lines = [MouLineRef(n, c, i, q, lease, registered=demo is TOGO and n in REGISTERED)
                     for n, (c, i, q, lease) in enumerate(ANNEX_B, 1)]
            units.set_mou(ws, session, unit, lines, categories[:-1], reference=f"MOU/{MISSION_CODE}/{demo.code}/FPU")
            if demo is TOGO:  # amendment 1 adds two APCs, between the two ORIs
                more = [replace(line, quantity=line.quantity + 2) if line.line_no == 1 else line for line in lines]
                units.amend_mou(ws, session, unit, more, date.today() - timedelta(days=AMENDED_DAYS_AGO),
                                f"MOU/{MISSION_CODE}/{demo.code}/FPU/A1")
            units.add_persons(ws, session, unit, _roster(demo))
        demo_ams.add_units(ws, session, mission.id)
    _finished_coe(ws)
    _aoc_in_progress(ws)
    _coe_cycle(ws)
    _assessments(ws)
    demo_ams.assess(ws)
    return True


# Annex C as the demo MOUs write it: the mission's EOD cell serves every camp; a few standards quoted.
SS_PROVIDERS = {"eod": "un"}
SS_STANDARDS = {
    "catering": "Three meals a day for the whole unit; 7 days of rations in reserve",
    "accommodation": "Hard-wall accommodation; 9 m2 per officer",
    "medical": "Level 1 clinic with a doctor on call 24 hours",
    "fire_fighting": "Extinguishers in every building and vehicle park",
    "fire_detection": "Detectors and alarm in accommodation, kitchens and stores",
}


def _ss_terms(category: str) -> SsTerms:
    return SsTerms(category, SS_PROVIDERS.get(category, "contingent"), SS_STANDARDS.get(category, ""))


def _roster(demo: DemoUnit) -> list[PersonRef]:
    rng = random.Random(demo.code)
    people, n = [], 0
    for rank, count in RANKS:
        for _ in range(count):
            n += 1
            woman = n > 2 and rng.random() < 0.16
            first = rng.choice(demo.first_names[1] if woman else demo.first_names[0])
            role = "Commander" if n == 1 else "Deputy commander" if n == 2 else _role(rank, rng)
            people.append(
                PersonRef(f"{demo.code}-{n:04d}", f"{first} {rng.choice(demo.last_names)}", rank,
                          "female" if woman else "male", role)
            )
    return people


def _role(rank: str, rng: random.Random) -> str:
    if "Captain" in rank or "Lieutenant" in rank:
        return rng.choice(["Platoon commander", "Operations officer", "Logistics officer"])
    return rng.choice(["Section leader", "Driver", "Tactical team member", "Medic", "Signaller"])


def _finished_coe(ws: Workspace) -> None:
    rng = random.Random(1)
    inspection = inspections.start(ws, SENEGAL.name, "coe-major-equipment", "periodic",
                                   team="J. Martin (COE), A. Osei (police expert)",
                                   start_date=date.today() - timedelta(days=3))
    _answer_all(ws, inspection.id, rng)
    state = inspections.load(ws, inspection.id)
    photo_slot = next((s for s in state.checklist.slots if s.item.type is AnswerType.PHOTO), None)
    if photo_slot is not None:
        _attach_demo_photo(ws, inspection.id, photo_slot.key)
    followups.add_finding(
        ws, inspection.id,
        "Two APCs lack UN markings and one has an unserviceable turret hatch.",
        recommendation="Repaint in UN white with UN markings; repair the hatch from wet-lease spares.",
        key="",
        action=followups.ActionPlan("Repaint and mark the two APCs; repair the hatch",
                                    "Contingent commander", date.today() + timedelta(days=30)),
    )
    inspections.submit(ws, inspection.id)


ME, SS = "coe-major-equipment", "coe-self-sustainment"
CYCLE_TEAM = "J. Martin (COE), K. Mensah (COE)"
# TGO FPU 3's COE cycle: (type, templates, days before today). Its first ORI comes 175 days after arrival (on
# time); the second 240 days after the first, about two months after it was due: the unit was overdue meanwhile.
CYCLE = (
    ("arrival", (ME, SS), 560),
    ("operational_readiness", (ME, SS), 385),
    ("operational_readiness", (ME, SS), 145),
    ("spot_check", (SS,), 85),
    ("repatriation", (ME,), 15),
)


# The spot check looks at what the last ORI found short: catering, medical, fire fighting and fire detection.
SPOT_CHECK_SECTIONS = ("ss.catering", "ss.medical", "ss.fire_fighting", "ss.fire_detection")


# TGO's registered lines (APCs, generators), its MOU amendment, and what its arrival and repatriation recorded
# asset by asset: at repatriation APC 8 is damaged, APC 9 written off, APC 10 and generator 6 missing (not seen).
REGISTERED = (1, 15, 16)
AMENDED_DAYS_AGO = 300
ARRIVAL_ASSETS = ([(1, f"TG-APC-{n:03d}", "serviceable") for n in range(1, 11)]
                  + [(15, f"TG-GEN-{n:02d}", "serviceable") for n in range(1, 5)]
                  + [(16, f"TG-GEN-{n:02d}", "serviceable") for n in range(5, 7)])
REPATRIATION_ASSETS = ([(1, f"TG-APC-{n:03d}", "serviceable") for n in range(1, 8)]
                       + [(1, "TG-APC-008", "unserviceable"), (1, "TG-APC-009", "written_off"),
                          (1, "TG-APC-011", "serviceable"), (1, "TG-APC-012", "serviceable")]
                       + [(15, f"TG-GEN-{n:02d}", "serviceable") for n in range(1, 5)]
                       + [(16, "TG-GEN-05", "serviceable")])
# The next ORI of BGD FPU 2, planned for the demo's COE team.
PLANNED_IN_DAYS = 20


def _coe_cycle(ws: Workspace) -> None:
    """TGO FPU 3 from arrival to repatriation, each inspection answered in full and submitted for review."""
    recorded = {"arrival": ARRIVAL_ASSETS, "repatriation": REPATRIATION_ASSETS}
    with ws.db.read() as session:  # an older self-sustainment template may lack some of them
        known = {s.code for s in templates.model(templates.latest(session, SS)).sections}
    spot = tuple(code for code in SPOT_CHECK_SECTIONS if code in known)
    for stage, (type_, templates_, days_ago) in enumerate(CYCLE):
        on = date.today() - timedelta(days=days_ago)
        for template in templates_:
            inspection = inspections.start(ws, TOGO.name, template, type_, team=CYCLE_TEAM, start_date=on,
                                           end_date=on + timedelta(days=1),
                                           sections=spot if type_ == "spot_check" else ())
            _answer_all(ws, inspection.id, random.Random(f"{TOGO.code}-{stage}-{template}"))
            for line_no, serial, condition in recorded.get(type_, []) if template == ME else []:
                assets.put(ws, inspection.id, line_no, serial, condition)
            inspections.submit(ws, inspection.id)
    planning.plan(ws, BANGLADESH.name, ME, "operational_readiness", date.today() + timedelta(days=PLANNED_IN_DAYS),
                  ["J. Martin", "A. Osei"])


PERFORMANCE = "fpu-performance-quarterly"
ASSESSMENT_TEAM = "Police component evaluation team"
# How each unit's criteria were rated over the year, oldest quarter first: the shares rated below the standard,
# partially meeting it and exceeding it (the rest meets it). SEN FPU 1 is steady, BGD FPU 2 improves, TGO FPU 3
# slips before its repatriation.
RATING_TRENDS = {
    SENEGAL.code: [(0.03, 0.10, 0.20)] * 4,
    BANGLADESH.code: [(0.08, 0.35, 0.05), (0.06, 0.25, 0.08), (0.03, 0.18, 0.10), (0.0, 0.10, 0.15)],
    TOGO.code: [(0.0, 0.08, 0.15), (0.02, 0.12, 0.10), (0.05, 0.20, 0.08), (0.08, 0.28, 0.05)],
}


def _assessments(ws: Workspace) -> None:
    """A year of quarterly performance assessments of each unit: the four quarters before the current one, each
    rated ten days before its quarter ends and submitted. A criterion below the standard becomes a finding whose
    action is due a month later; the next quarter's assessment closes it, or now and then extends it."""
    with ws.db.read() as session:  # an installation of an older release has no performance template
        if not any(t.template_id == PERFORMANCE for t in templates.list_templates(session)):
            return
    this_quarter = date(date.today().year, 3 * ((date.today().month - 1) // 3) + 1, 1)
    for demo in (SENEGAL, BANGLADESH, TOGO):
        rng = random.Random(f"{demo.code}-performance")
        for n, shares in enumerate(RATING_TRENDS[demo.code]):
            end = _months_before(this_quarter, 3 * (3 - n)) - timedelta(days=1)
            on = end - timedelta(days=10)
            period = quarter_of(on)
            inspection = inspections.start(ws, demo.name, PERFORMANCE, "performance_assessment",
                                           team=ASSESSMENT_TEAM, start_date=on, end_date=on, period=period)
            for carried in followups.follow_ups(ws, inspection.id):
                done = rng.random() < CLOSED_SHARE
                followups.follow_up(ws, inspection.id, carried.action.id, "done" if done else "extended",
                                    FOLLOW_UPS[done], due=None if done else end + timedelta(days=EXTENDED_DAYS))
            _answer_all(ws, inspection.id, rng, answer=partial(_rating, shares=shares))
            state = inspections.load(ws, inspection.id)
            for slot in performance.assess(state.checklist, state.values()).below:
                finding, action = pip_texts(slot)
                followups.add_finding(ws, inspection.id, finding, key=slot.key,
                                      action=followups.ActionPlan(action, demo.commander,
                                                                  on + timedelta(days=ACTION_DAYS)))
            inspections.submit(ws, inspection.id)


# The Performance Improvement Plan: an action is due a month after the assessment; the next quarter's assessment
# closes most carried actions and extends the rest to 45 days past its quarter's end, each with a remark.
ACTION_DAYS, EXTENDED_DAYS, CLOSED_SHARE = 30, 45, 0.8
FOLLOW_UPS = {True: "Seen done at this assessment.", False: "Under way; spare parts on order."}  # closed or not


def pip_texts(slot: Slot) -> tuple[str, str]:
    """A criterion rated below the standard as the improvement plan writes it: its finding and its action."""
    label = slot.item.label.en
    return f"{label}: below the standard this quarter.", f"Bring '{label}' up to the standard"


def _months_before(first: date, months: int) -> date:
    """The first day of the month ``months`` before the month of ``first`` (a first day)."""
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


PAER_TEXTS = {"perf.general.strengths": "Disciplined public order drills; good liaison with the host-state police.",
              "perf.general.remarks": "Assessed at the unit's camp with its command team and the sector's UNPOL."}


def _rating(template: Template, slot: Slot, rng: random.Random, shares: tuple[float, float, float]) -> Any:
    """A criterion's rating drawn with the unit's shares; other items as ``_value`` answers them."""
    if slot.item.type is AnswerType.TEXT:
        return PAER_TEXTS.get(slot.item.code, "Assessed with the unit's command team.")
    if slot.item.scale != template.rules.rating_scale:
        return _value(template, slot, rng)
    below, partially, exceeds = shares
    draw = rng.random()
    if draw < below:
        return "below"
    if draw < below + partially:
        return "partially"
    return "exceeds" if draw < below + partially + exceeds else "meets"


def _answer_all(ws: Workspace, inspection_id: str, rng: random.Random, *, share: float = 1.0,
                conditional: bool = True, answer: Callable[[Template, Slot, random.Random], Any] | None = None) -> None:
    """A plausible answer (``answer``, else ``_value``) to every item that applies among the checklist's first
    ``share`` of slots (those that depend on another answer only when ``conditional``), in one transaction."""
    with ws.db.session() as session:
        inspection = inspections.find(session, inspection_id)
        checklist = inspections.checklist_of(ws, session, inspection)
        values: dict[str, Any] = {}
        for slot in checklist.slots[: int(len(checklist.slots) * share)]:
            value = (_value if answer is None else answer)(checklist.template, slot, rng)
            wanted = conditional or slot.item.when is None
            if value is not None and wanted and checklist.relevant(slot, values):
                checked = inspections.checked_value(ws, session, inspection, slot.key, None, value)
                inspections.store_answer(ws, session, inspection, slot.key, checked, _remark(slot, value))
                values[slot.key] = checked


def _aoc_in_progress(ws: Workspace) -> None:
    rng = random.Random(2)
    inspection = inspections.start(ws, BANGLADESH.name, "aoc-fpu", "aoc_in_mission",
                                   team="UN Formed Police Assessment Team", start_date=date.today() - timedelta(days=1))
    _answer_all(ws, inspection.id, rng, share=0.5, conditional=False)
    # the unit-level scenarios of the template's version 3 that lie past that first half
    _answer_all(ws, inspection.id, rng, answer=lambda template, slot, rng: _value(template, slot, rng)
                if slot.section.code == "aoc.protection" else None)


def _value(template: Template, slot: Slot, rng: random.Random) -> Any:
    """A plausible answer: mostly good, with the odd shortfall, defect or failure."""
    item = slot.item
    match item.type:
        case AnswerType.MOU_COUNT:
            assert slot.mou_line is not None
            qty = slot.mou_line.quantity
            found = qty + (1 if slot.mou_line.line_no == 4 else 0) - (1 if rng.random() < 0.1 and qty > 1 else 0)
            broken = 2 if slot.mou_line.line_no == 1 else (1 if found >= 4 and rng.random() < 0.3 else 0)
            return {"found": found, "serviceable": max(found - broken, 0)}
        case AnswerType.YES_NO:
            good = item.expected or "yes"
            return good if rng.random() < 0.9 else ("no" if good == "yes" else "yes")
        case AnswerType.NUMBER if item.code == template.rules.strength_item:
            return sum(n for _rank, n in RANKS) - rng.randint(0, 6)  # the roster, less a few on leave
        case AnswerType.NUMBER | AnswerType.SCORE:
            low = item.pass_mark - 3 if item.pass_mark is not None else (item.min or 0)
            high = item.max if item.max is not None else low + 10
            return int(rng.uniform(max(low, item.min or 0), high))
        case AnswerType.CHOICE:
            options = template.options(item)
            passing = [o for o in options if o.passes or o.score == 1] or options
            other = [o for o in options if o not in passing and o.code != NA] or passing
            return (passing if rng.random() < 0.85 else other)[0].code
        case AnswerType.TEXT:
            return "Checked with the contingent's logistics officer; records complete."
        case AnswerType.DATE:
            return date.today().isoformat()
    return None


def _remark(slot: Slot, value: Any) -> str | None:
    if isinstance(value, dict) and value.get("serviceable", 0) < value.get("found", 0):
        return "Unserviceable items awaiting spare parts."
    if value in ("partially", "below") and slot.item.scale:
        return "Short of what the mission expects this quarter: see the improvement action."
    return None


def _attach_demo_photo(ws: Workspace, inspection_id: str, key: str) -> None:
    image = Image.new("RGB", (640, 480), (214, 222, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 200, 520, 380), fill=(90, 110, 80))
    draw.ellipse((380, 210, 470, 280), outline=(220, 30, 30), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    media = attachments.check_media(buffer.getvalue(), "apc-hatch.jpg")
    attachments.attach_media(ws, inspection_id, key, media, "apc-hatch.jpg", "APC 3: turret hatch hinge broken")
