"""A realistic HQ database for demonstrations and benchmarks: ``inspector hq demo [--scale N]``.

At scale 1: six missions × 30 formed police units × the last eight complete quarters, about 2,000 inspections,
as laptops would have sent them to HQ. Each unit has an MOU (a fifth of them amended once), a roster with a
women's share between 4 % and 30 % (some units under the parity target), and, from the quarter it arrived:
COE major equipment and self-sustainment on arrival, an AOC in mission, operational readiness inspections every
quarter or two, the odd self-sustainment spot check, and for some a repatriation. Every applicable item is
answered (serviceability mostly 85–98 %, a few weak units below the standard, the odd shortfall); photos are
attachment rows only (no files); settled inspections carry their signatures' records; findings with improvement
actions (some overdue) and the next quarter's plans complete it. The most recent quarter's last inspections are
still in progress or awaiting review.

Every quarter a unit serves to its end, it gets a performance assessment (``fpu-performance-quarterly``), rated ten
days before the quarter ends. Its criteria are drawn from the unit's level, which holds steady for most units,
improves for some and slips for others (weak units start low). Each criterion below the standard is a finding with
an improvement action due a month later; the next assessment closes most of them and extends the rest (as
``demo._assessments`` does on a laptop), so the actions of the last quarters are still open, some overdue. A
quarter of the last quarter's assessments are still in progress, the rest awaiting review.

``--scale N`` multiplies the units per mission (N × 30; fractions allowed, at least one unit per mission); the
missions and quarters stay. Everything comes from a seeded random generator: the same scale and day give the same
figures. Dates count back from the day it runs (the eight quarters before the current one).

Safe to run twice: the database remembers the demo (the ``hq_demo`` setting) and a second run changes nothing,
whatever the scale asked. Rows are written with SQLAlchemy Core bulk inserts in one transaction, with the
inspections' laptop audit chains (one valid hash chain per mission's laptop) and HQ's own audited event.

Other inspection kinds plug in through ``VISITS``: a function per kind that says which inspections a unit gets.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert
from sqlmodel import Session, select

from inspector_app.domain import performance
from inspector_app.domain.answers import NA
from inspector_app.domain.checklist import Checklist, MouLineRef, PersonRef, Scope, Slot, SsTerms
from inspector_app.domain.mou import MouVersionRef
from inspector_app.domain.quarter_status import quarter_of
from inspector_app.domain.template_model import AnswerType, Item, Template, TemplateKind
from inspector_app.domain.workflow import Status
from inspector_app.errors import ValidationError
from inspector_app.i18n import _
from inspector_app.services import demo, hq_views, templates
from inspector_app.services.signing import DIGITAL, HANDWRITTEN
from inspector_app.storage import audit
from inspector_app.storage.models import (
    Answer,
    Attachment,
    AuditEvent,
    Finding,
    FollowUp,
    ImprovementAction,
    Inspection,
    Mission,
    Mou,
    MouLine,
    MouSelfSustainment,
    Person,
    PlannedInspection,
    Setting,
    Signature,
    TemplateRecord,
    Unit,
)

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

MARKER = "hq_demo"  # the setting that says the database holds the demo, and at which scale
UNITS_PER_MISSION = 30
QUARTERS = 8
ME, SS, AOC, PERFORMANCE = "coe-major-equipment", "coe-self-sustainment", "aoc-fpu", demo.PERFORMANCE

MISSIONS = (
    ("MINUDAR", "UN Stabilization Mission in Darland"),
    ("MONUSAL", "UN Organization Mission in Salvenia"),
    ("UNMIKA", "UN Mission in Kavaro"),
    ("UNISOL", "UN Interim Security Force for Solvar"),
    ("MINUBEL", "UN Multidimensional Mission in Belmora"),
    ("UNMIRA", "UN Mission for the Referendum in Ranoa"),
)
# Contributing countries: (code, country, men's first names, women's first names, last names).
COUNTRIES = (
    (demo.SENEGAL.code, demo.SENEGAL.country, *demo.SENEGAL.first_names, demo.SENEGAL.last_names),
    (demo.TOGO.code, demo.TOGO.country, *demo.TOGO.first_names, demo.TOGO.last_names),
    (demo.BANGLADESH.code, demo.BANGLADESH.country, *demo.BANGLADESH.first_names, demo.BANGLADESH.last_names),
    ("JOR", "Jordan", ["Omar", "Khaled", "Ahmad", "Yousef", "Samer"], ["Rania", "Lina", "Dana", "Hala"],
     ["Haddad", "Khalil", "Nasser", "Saleh", "Mansour", "Qasem"]),
    ("RWA", "Rwanda", ["Jean", "Eric", "Patrick", "Emmanuel", "Innocent"], ["Aline", "Grace", "Diane", "Claudine"],
     ["Habimana", "Mugisha", "Niyonzima", "Uwimana", "Nkurunziza", "Kayitesi"]),
    ("IDN", "Indonesia", ["Budi", "Agus", "Joko", "Hendra", "Rizky"], ["Siti", "Dewi", "Ratna", "Putri"],
     ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Pratama"]),
    ("NPL", "Nepal", ["Ram", "Sanjay", "Bikash", "Suresh", "Dipak"], ["Sita", "Gita", "Anita", "Sunita"],
     ["Shrestha", "Gurung", "Thapa", "Tamang", "Rai", "Karki"]),
)


@dataclass(frozen=True)
class Visit:
    """One inspection a unit gets: its template family, type, date, and a spot check's sections."""

    template: str
    type: str
    on: date
    sections: tuple[str, ...] = ()
    period: str | None = None
    ratings: tuple[float, float, float] = (0.0, 0.0, 0.0)  # an assessment's shares of criteria rated below the
    # standard, partially meeting it and exceeding it (the rest meets it): ``demo._rating``


@dataclass
class DemoUnit:
    """A unit as the demo plans it: its rows, MOU versions, roster and how well it keeps its equipment."""

    unit: dict[str, Any]
    mission_code: str
    device: str  # the mission's laptop, which wrote its inspections
    arrival: int  # index of the quarter it arrived in
    repatriation: int | None  # index of the quarter it left in, if it left
    quality: float  # the share of its equipment that is serviceable, on average
    versions: list[tuple[MouVersionRef, tuple[MouLineRef, ...]]] = field(default_factory=list)
    persons: tuple[PersonRef, ...] = ()
    terms: tuple[SsTerms, ...] = ()
    plan: list[dict[str, Any]] = field(default_factory=list)  # its open improvement actions from assessments

    @property
    def weak(self) -> bool:
        return self.quality <= 0.86


@dataclass(frozen=True)
class DemoCounts:
    missions: int
    units: int
    inspections: int
    answers: int
    persons: int
    actions: int
    created: bool  # False: the database held the demo already, nothing was written
    scale: float

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


Quarter = tuple[date, date]
VisitPlan = Callable[[DemoUnit, list[Quarter], random.Random], Iterator[Visit]]


def build(ws: Workspace, scale: float = 1.0, today: date | None = None) -> DemoCounts:
    """Fill HQ's database with the demo at ``scale`` unless it holds it already (then nothing changes)."""
    if not 0 < scale <= 64:
        raise ValidationError(_("the scale must be above 0 and at most 64, not {scale}").format(scale=f"{scale:g}"))
    today = today or date.today()
    with ws.db.session() as session:
        held = session.get(Setting, MARKER)
        if held is not None:
            return replace(DemoCounts(**json.loads(held.value)), created=False)
        taken = sorted(c for c, _name in MISSIONS if session.exec(select(Mission).where(Mission.code == c)).first())
        if taken:
            raise ValidationError(_("the database already holds mission {codes}, not made by the demo: run the demo "
                                    "on a new database").format(codes=", ".join(taken)))
        writer = _Writer(ws, session, today, max(1, round(UNITS_PER_MISSION * scale)))
        counts = writer.run(scale)
        session.add(Setting(key=MARKER, value=json.dumps(counts.to_dict())))
        ws.audit(session, "hq.demo", "setting", MARKER, new=counts.to_dict())
    hq_views.keep_results(ws)  # the views then open without scoring the demo's answers
    return counts


def quarters_before(today: date, n: int = QUARTERS) -> list[Quarter]:
    """The ``n`` complete quarters before the one ``today`` falls in, oldest first."""
    out: list[Quarter] = []
    end = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - timedelta(days=1)
    for _quarter in range(n):
        start = date(end.year, end.month - 2, 1)
        out.append((start, end))
        end = start - timedelta(days=1)
    return out[::-1]


def _in(quarter: Quarter, rng: random.Random, low: int = 5, high: int = 80) -> date:
    return quarter[0] + timedelta(days=rng.randint(low, high))


def coe_visits(unit: DemoUnit, quarters: list[Quarter], rng: random.Random) -> Iterator[Visit]:
    """Arrival, then an ORI every quarter or two, the odd spot check, and the repatriation of units that left."""
    last = unit.repatriation if unit.repatriation is not None else len(quarters)
    arrived = _in(quarters[unit.arrival], rng, 2, 20)
    yield Visit(ME, "arrival", arrived)
    yield Visit(SS, "arrival", arrived + timedelta(days=1))
    q = unit.arrival + rng.choice((1, 2))
    while q < last:
        on = _in(quarters[q], rng)
        yield Visit(ME, "operational_readiness", on)
        yield Visit(SS, "operational_readiness", on + timedelta(days=1))
        spot = on + timedelta(days=rng.randint(30, 45))
        if rng.random() < 0.2 and spot <= quarters[-1][1]:
            yield Visit(SS, "spot_check", spot, SPOT_SECTIONS)
        q += rng.choice((1, 2, 2))
    if unit.repatriation is not None:
        yield Visit(ME, "repatriation", _in(quarters[unit.repatriation], rng, 40, 85))


def aoc_visits(unit: DemoUnit, quarters: list[Quarter], rng: random.Random) -> Iterator[Visit]:
    """The assessment of operational capability in mission, soon after arrival."""
    yield Visit(AOC, "aoc_in_mission", _in(quarters[unit.arrival], rng, 25, 40))


# The shares of criteria rated below the standard, partially meeting it and exceeding it of a unit at level 0 (its
# worst) and at level 1 (its best): about "does not meet the standard" overall at 0, "meets" from about 0.8.
WORST, BEST = (0.30, 0.40, 0.0), (0.0, 0.02, 0.45)
CLOSED_WHEN_DUE = 0.4  # the share of actions closed on their due date (``actions close``), before the next assessment


def performance_visits(unit: DemoUnit, quarters: list[Quarter], rng: random.Random) -> Iterator[Visit]:
    """An assessment ten days before the end of every quarter the unit serves to its end, at a level that holds
    steady (most units), improves or slips from quarter to quarter."""
    served = range(unit.arrival, unit.repatriation if unit.repatriation is not None else len(quarters))
    good, low = rng.uniform(0.75, 1.0), rng.uniform(0.1, 0.45)
    trend = rng.random()
    if unit.weak:  # a weak unit: low, or climbing from there
        first, last = (low, low) if trend < 0.5 else (low, rng.uniform(0.7, 0.95))
    else:
        first, last = (good, good) if trend < 0.6 else (low, good) if trend < 0.8 else (good, low)
    for n, q in enumerate(served):
        level = min(1.0, max(0.0, first + (last - first) * n / max(len(served) - 1, 1) + rng.gauss(0, 0.04)))
        on = quarters[q][1] - timedelta(days=10)
        yield Visit(PERFORMANCE, "performance_assessment", on, period=quarter_of(on), ratings=_shares(level))


def _shares(level: float) -> tuple[float, float, float]:
    """The shares of criteria below, partially meeting and exceeding the standard at ``level`` (0 to 1)."""
    below, partially, exceeds = (w + (b - w) * level for w, b in zip(WORST, BEST, strict=True))
    return below, partially, exceeds


# A function per inspection kind: which inspections a unit gets (other kinds add theirs here).
VISITS: list[VisitPlan] = [coe_visits, aoc_visits, performance_visits]
# Who signs a settled inspection: (role, signer, kind); None is the unit's commander. By template, else DEFAULT.
DEFAULT_SIGNERS = (("team_leader", "J. Martin", DIGITAL), ("contingent_commander", None, HANDWRITTEN))
SIGNERS = {PERFORMANCE: (("assessor", "A. Osei", DIGITAL), ("contingent_commander", None, HANDWRITTEN),
                         ("police_commissioner", "Police Commissioner", DIGITAL))}
SPOT_SECTIONS = ("ss.catering", "ss.medical", "ss.fire_fighting", "ss.fire_detection")


def _assessed(template: Template, item: Item, rng: random.Random, good: bool) -> str | int:
    """An AOC criterion met (``good``) or not: most units pass their assessment, weak units often fail it."""
    if item.type is AnswerType.SCORE:
        mark = int(item.pass_mark if item.pass_mark is not None else item.min or 0)
        return rng.randint(mark, int(item.max or 100)) if good else rng.randint(int(item.min or 0), max(mark - 1, 0))
    if item.type is AnswerType.YES_NO:
        expected = item.expected or "yes"
        return expected if good else ("no" if expected == "yes" else "yes")
    options = [o for o in template.options(item) if o.code != NA]
    return next((o.code for o in options if bool(o.passes) is good), options[0].code)


class _Writer:
    """Plans the demo with one seeded generator and writes it, table by table, in the caller's transaction."""

    def __init__(self, ws: Workspace, session: Session, today: date, per_mission: int) -> None:
        self.ws, self.session, self.today, self.per_mission = ws, session, today, per_mission
        self.rng = random.Random(f"hq-demo-{per_mission}")
        self.quarters = quarters_before(today)
        self.rows: dict[Any, list[dict[str, Any]]] = {}
        self.templates: dict[str, tuple[TemplateRecord, Template]] = {}
        self.checklists: dict[tuple[str, str], Checklist] = {}
        self.scopes: dict[tuple[str, int], dict[str, Any]] = {}  # a unit's scope per MOU version, as plain data
        self.chains: dict[str, list[AuditEvent]] = {}

    def _template(self, family: str) -> tuple[TemplateRecord, Template]:
        """The latest installed version of a template family (any kind a ``VISITS`` function names)."""
        if family not in self.templates:
            record = templates.latest(self.session, family)
            self.templates[family] = (record, templates.model(record))
        return self.templates[family]

    def run(self, scale: float) -> DemoCounts:
        units: list[DemoUnit] = []
        for code, name in MISSIONS:
            mission = self._add(Mission, name=name, code=code)
            device = self._id()
            units += [self._unit(mission["id"], code, device, n) for n in range(1, self.per_mission + 1)]
        for unit in units:
            self._inspections(unit)
        self._plans(units)
        for model, rows in self.rows.items():
            for start in range(0, len(rows), 5000):
                self.session.connection().execute(insert(model.__table__), rows[start:start + 5000])
        return DemoCounts(len(MISSIONS), len(units), self._count(Inspection), self._count(Answer),
                          self._count(Person), self._count(ImprovementAction), True, scale)

    def _count(self, model: Any) -> int:
        return len(self.rows.get(model, ()))

    def _id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _add(self, model: Any, when: date | None = None, device: str = "", **values: Any) -> dict[str, Any]:
        """A row of ``model`` with an id, timestamps (``when`` or the first quarter) and the writing device."""
        at = datetime.combine(when or self.quarters[0][0], time(9), tzinfo=UTC)
        row = {"id": self._id(), "created_at": at, "updated_at": at, "device_id": device or self.ws.db.device_id,
               **values}
        self.rows.setdefault(model, []).append(row)
        return row

    def _unit(self, mission_id: str, mission_code: str, device: str, n: int) -> DemoUnit:
        rng = self.rng
        code, country, men, women, last_names = COUNTRIES[(n + len(mission_code)) % len(COUNTRIES)]
        arrival = 0 if rng.random() < 0.6 else rng.randint(1, QUARTERS - 3)
        stays = rng.random() >= 0.15 or arrival + 3 > QUARTERS - 1
        left = None if stays else rng.randint(arrival + 3, QUARTERS - 1)
        row = self._add(Unit, mission_id=mission_id, name=f"{mission_code} {code} FPU {n}", kind="fpu",
                        contributing_country=country, location=f"Sector {rng.choice('NSEW')}, Camp {n}",
                        commander=f"Col. {rng.choice(men)} {rng.choice(last_names)}",
                        readiness_level="repatriated" if left is not None else "deployed")
        weak = rng.random() < 0.1
        unit = DemoUnit(row, mission_code, device, arrival, left,
                        rng.uniform(0.74, 0.86) if weak else rng.uniform(0.86, 0.985))
        self._mou(unit, f"MOU/{mission_code}/{code}/FPU{n}")
        unit.persons = self._roster(unit, f"{mission_code}-{code}{n}", men, women, last_names)
        return unit

    def _mou(self, unit: DemoUnit, reference: str) -> None:
        rng = self.rng
        lines = tuple(MouLineRef(k, c, i, max(1, q + rng.randint(-1, 1) * (q > 3)), lease)
                      for k, (c, i, q, lease) in enumerate(demo.ANNEX_B, 1))
        categories = [s.mou_category for s in self._template(SS)[1].sections if s.mou_category]
        unit.terms = tuple(SsTerms(c, demo.SS_PROVIDERS.get(c, "contingent"), demo.SS_STANDARDS.get(c, ""))
                           for c in sorted(categories))
        versions = [(MouVersionRef(reference, 1, None), lines)]
        if rng.random() < 0.2:  # an amendment adds two APCs from a quarter after arrival
            q = self.quarters[min(unit.arrival + rng.randint(1, 4), QUARTERS - 1)][0]
            more = tuple(replace(m, quantity=m.quantity + 2) if m.line_no == 1 else m for m in lines)
            versions.append((MouVersionRef(f"{reference}/A1", 2, q), more))
        for ref, held in versions:
            mou = self._add(Mou, unit_id=unit.unit["id"], reference=ref.reference, version=ref.version,
                            effective_from=ref.effective_from, signed_on=ref.effective_from or self.quarters[0][0])
            for m in held:
                self._add(MouLine, mou_id=mou["id"], line_no=m.line_no, category=m.category, item=m.item,
                          quantity=m.quantity, lease=m.lease, registered=m.registered)
            for t in unit.terms:
                self._add(MouSelfSustainment, mou_id=mou["id"], category=t.category, provider=t.provider,
                          standard=t.standard)
        unit.versions = versions

    def _roster(self, unit: DemoUnit, prefix: str, men: list[str], women: list[str],
                last_names: list[str]) -> tuple[PersonRef, ...]:
        rng = self.rng
        share = rng.uniform(0.04, 0.30)
        people, n = [], 0
        for rank, count in demo.RANKS:
            for _person in range(count):
                n += 1
                woman = rng.random() < share
                role = "Commander" if n == 1 else "Deputy commander" if n == 2 else (
                    "Platoon commander" if n <= 8 else rng.choice(("Section leader", "Driver", "Medic", "Signaller")))
                person = PersonRef(f"{prefix}-{n:04d}", f"{rng.choice(women if woman else men)} "
                                   f"{rng.choice(last_names)}", rank, "female" if woman else "male", role)
                people.append(person)
                self._add(Person, unit_id=unit.unit["id"], **vars(person))
        return tuple(people)

    def _inspections(self, unit: DemoUnit) -> None:
        """The unit's inspections by date: the recent ones awaiting review, the unit's last COE or AOC inspection
        and a quarter of its recent assessments still in progress, the others signed or exported."""
        visits = sorted((v for plan in VISITS for v in plan(unit, self.quarters, self.rng)), key=lambda v: v.on)
        last = max((n for n, v in enumerate(visits) if v.template != PERFORMANCE), default=None)
        for n, visit in enumerate(visits):
            recent = visit.on >= self.quarters[-1][0] + timedelta(days=60)
            drafting = self.rng.random() < 0.25 if visit.template == PERFORMANCE else n == last
            status = (Status.IN_PROGRESS if drafting and recent else
                      Status.READY_FOR_REVIEW if recent else
                      Status.EXPORTED if self.rng.random() < 0.5 else Status.SIGNED)
            self._inspection(unit, visit, status)
        self._close_when_due(unit, self.today)

    def _scope(self, unit: DemoUnit, visit: Visit) -> Scope:
        ref, lines = next((r, held) for r, held in reversed(unit.versions)
                          if r.effective_from is None or r.effective_from <= visit.on)
        return Scope(lines, unit.persons, tuple(t.category for t in unit.terms), unit.terms, visit.sections, ref,
                     visit.period)

    def _scope_json(self, unit: DemoUnit, scope: Scope) -> str:
        """``scope`` as the inspection stores it; the roster and MOU lines turned into plain data once per version."""
        assert scope.mou_version is not None
        key = (unit.unit["id"], scope.mou_version.version)
        if key not in self.scopes:
            self.scopes[key] = replace(scope, sections=(), period=None).to_dict()
        data = self.scopes[key] | {"sections": list(scope.sections)}
        return json.dumps(data | ({"period": scope.period} if scope.period else {}), ensure_ascii=False)

    def _checklist(self, visit: Visit, scope_json: str, scope: Scope) -> Checklist:
        key = (visit.template, scope_json)
        if key not in self.checklists:
            self.checklists[key] = Checklist(self._template(visit.template)[1], scope)
        return self.checklists[key]

    def _inspection(self, unit: DemoUnit, visit: Visit, status: Status) -> None:
        record = self._template(visit.template)[0]
        scope = self._scope(unit, visit)
        scope_json = self._scope_json(unit, scope)
        checklist = self._checklist(visit, scope_json, scope)
        settled = status in (Status.SIGNED, Status.EXPORTED)
        report = f"{self.rng.getrandbits(256):064x}" if settled else None
        team = {AOC: "UN Formed Police Assessment Team", PERFORMANCE: demo.ASSESSMENT_TEAM}.get(visit.template,
                                                                                              "COE team")
        row = self._add(Inspection, visit.on, unit.device, unit_id=unit.unit["id"], template_pk=record.id,
                        type=visit.type, status=status.value, team=team, start_date=visit.on,
                        end_date=visit.on + timedelta(days=1), scope_json=scope_json, amends_id=None,
                        report_sha256=report)
        if visit.template == PERFORMANCE:
            self._follow_up(unit, row, status)
        values = self._answers(unit, visit, row, checklist, share=0.6 if status is Status.IN_PROGRESS else 1.0)
        self._chain(unit.device, visit.on, "inspection.start", row["id"],
                    {"unit": unit.unit["name"], "template": f"{record.template_id} v{record.version}",
                     "type": visit.type, "answers": len(values)})
        if settled:
            for role, who, kind in SIGNERS.get(visit.template, DEFAULT_SIGNERS):
                self._add(Signature, visit.on, unit.device, inspection_id=row["id"], role=role,
                          signer_name=who or unit.unit["commander"], kind=kind, image_sha256=None,
                          document_sha256=report, lang="en",
                          signed_at=datetime.combine(visit.on + timedelta(days=2), time(16), tzinfo=UTC))
        if status is not Status.IN_PROGRESS:
            if visit.template == ME:
                self._finding(unit, row, values)
            elif visit.template == PERFORMANCE:
                self._improvement_plan(unit, row, checklist, values)

    def _answers(self, unit: DemoUnit, visit: Visit, inspection: dict[str, Any], checklist: Checklist,
                 share: float) -> dict[str, Any]:
        values: dict[str, Any] = {}
        on = inspection["start_date"]
        for slot in checklist.slots[: int(len(checklist.slots) * share)]:
            value = self._value(checklist.template, slot, unit, visit, inspection)
            if value is None or not checklist.relevant(slot, values):
                continue
            values[slot.key] = value
            self._add(Answer, on, unit.device, inspection_id=inspection["id"], key=slot.key,
                      value_json=json.dumps(value), remark=demo._remark(slot, value) or "", revision=1,
                      base_revision=0, answered_by="J. Martin", clock=json.dumps({unit.device: 1}))
        return values

    def _value(self, template: Template, slot: Slot, unit: DemoUnit, visit: Visit, inspection: dict[str, Any]) -> Any:
        rng = self.rng
        match slot.item.type:
            case AnswerType.MOU_COUNT:
                assert slot.mou_line is not None
                found = max(0, slot.mou_line.quantity - (rng.random() < 0.06) - (rng.random() < 0.02))
                return {"found": found, "serviceable": sum(rng.random() < unit.quality for _item in range(found))}
            case AnswerType.PHOTO:
                if rng.random() > 0.3:
                    return None
                return [self._add(Attachment, inspection["start_date"], unit.device,
                                  inspection_id=inspection["id"], key=slot.key, sha256=f"{rng.getrandbits(256):064x}",
                                  media_type="image/jpeg", filename=f"IMG_{rng.randint(1000, 9999)}.jpg",
                                  size=rng.randint(1_500_000, 4_500_000), width=4000, height=3000,
                                  caption="", display_sha256=None, original_id=None)["id"]]
            case AnswerType.SIGNATURE:
                return {"signer": unit.unit["commander"]}
            case AnswerType.YES_NO | AnswerType.CHOICE | AnswerType.SCORE if template.kind is TemplateKind.AOC:
                return _assessed(template, slot.item, rng, rng.random() < (0.9 if unit.weak else 0.985))
            case _ if template.kind is TemplateKind.PERFORMANCE:
                return demo._rating(template, slot, rng, visit.ratings)
        return demo._value(template, slot, rng)

    def _finding(self, unit: DemoUnit, inspection: dict[str, Any], values: dict[str, Any]) -> None:
        """A finding on the worst-kept line, with an improvement action due two months later."""
        counts = [(v["found"] and v["serviceable"] / v["found"], k) for k, v in values.items()
                  if isinstance(v, dict) and "found" in v]
        if not counts or min(counts)[0] >= 0.9 or self.rng.random() < 0.5:
            return
        ratio, key = min(counts)
        on = inspection["start_date"]
        finding = self._add(Finding, on, unit.device, inspection_id=inspection["id"], key=key,
                            text=f"Line {key.rsplit('/', 1)[-1]}: only {ratio:.0%} of the items serviceable.",
                            recommendation="Repair from wet-lease spares or replace before the next inspection.")
        due = on + timedelta(days=60)
        done = due < self.today - timedelta(days=90) and self.rng.random() < 0.8
        self._add(ImprovementAction, on, unit.device, unit_id=unit.unit["id"], finding_id=finding["id"],
                  description="Restore the line's serviceability to the MOU standard",
                  owner="Contingent commander", due_date=due, status="done" if done else "open")

    def _improvement_plan(self, unit: DemoUnit, inspection: dict[str, Any], checklist: Checklist,
                          values: dict[str, Any]) -> None:
        """A finding and an improvement action for each criterion the assessment rates below the standard, due in
        one to three months."""
        on = inspection["start_date"]
        for slot in performance.assess(checklist, values).below:
            text, description = demo.pip_texts(slot)
            finding = self._add(Finding, on, unit.device, inspection_id=inspection["id"], key=slot.key, text=text,
                                recommendation="")
            unit.plan.append(self._add(ImprovementAction, on, unit.device, unit_id=unit.unit["id"],
                                       finding_id=finding["id"], description=description,
                                       owner=unit.unit["commander"],
                                       due_date=on + timedelta(days=demo.ACTION_DAYS * self.rng.randint(1, 3)),
                                       status="open"))

    def _follow_up(self, unit: DemoUnit, inspection: dict[str, Any], status: Status) -> None:
        """The unit's open actions carried into an assessment: closed or extended with a remark once it is
        submitted, still to follow up while it is in progress."""
        on = inspection["start_date"]
        self._close_when_due(unit, on)
        carried, unit.plan = unit.plan, []
        end = next(last for first, last in self.quarters if first <= on <= last)
        for action in carried:
            if status is Status.IN_PROGRESS:
                state, remark = "pending", ""
            else:
                done = self.rng.random() < demo.CLOSED_SHARE
                state, remark = "done" if done else "extended", demo.FOLLOW_UPS[done]
                action["updated_at"] = datetime.combine(on, time(9), tzinfo=UTC)
            self._add(FollowUp, on, unit.device, inspection_id=inspection["id"], action_id=action["id"],
                      status=state, remark=remark)
            if state == "done":
                action["status"] = "done"
                continue
            if state == "extended":
                action["due_date"] = end + timedelta(days=demo.EXTENDED_DAYS)
            unit.plan.append(action)

    def _close_when_due(self, unit: DemoUnit, before: date) -> None:
        """Some of the unit's open actions due before ``before`` closed on their due date, between assessments."""
        for action in list(unit.plan):
            if action["due_date"] < before and self.rng.random() < CLOSED_WHEN_DUE:
                action["status"] = "done"
                action["updated_at"] = datetime.combine(action["due_date"], time(9), tzinfo=UTC)
                unit.plan.remove(action)

    def _plans(self, units: list[DemoUnit]) -> None:
        """Next quarter's operational readiness inspection of every deployed unit."""
        for unit in units:
            if unit.repatriation is None:
                self._add(PlannedInspection, self.today, unit_id=unit.unit["id"], type="operational_readiness",
                          template_id=ME, planned_date=self.today + timedelta(days=self.rng.randint(10, 85)),
                          team_json=json.dumps(["J. Martin", "K. Mensah"]), sections_json="[]", status="planned",
                          inspection_id=None)

    def _chain(self, device: str, on: date, action: str, entity_id: str, new: dict[str, Any]) -> None:
        """One event on ``device``'s laptop audit chain (hash-linked to the one before it)."""
        chain = self.chains.setdefault(device, [])
        event = AuditEvent(id=self._id(), device_id=device, seq=len(chain) + 1,
                           at=datetime.combine(on, time(10), tzinfo=UTC), actor="J. Martin", action=action,
                           entity="inspection", entity_id=entity_id, old_json=None, new_json=audit.to_json(new),
                           prev_hash=chain[-1].hash if chain else audit.GENESIS, hash="")
        event.hash = audit.event_hash(event)
        chain.append(event)
        self.rows.setdefault(AuditEvent, []).append(event.model_dump())
