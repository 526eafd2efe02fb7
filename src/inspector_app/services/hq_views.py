"""HQ's consolidated views of every inspection in its database (no Qt; the CLI and the GUI's HQ mode use them).

Each view reads in **one** read session (``ws.db.read()``) with a fixed number of queries whatever the number of
inspections. Inspections are read as ``InspectionRow``: without their frozen scopes (the MOU, the roster), which
only scoring and ``checklists(ws, scored)`` read. An inspection's results are read as kept in the database
(``services.kept_results``); only those not kept yet are scored from their answers, and then kept. A checklist
is made once per template and frozen scope:

* ``mission_summary(ws)``: per mission and unit, the last inspection, the serviceability trend, the open
  shortfalls against the MOU, the latest AOC outcome, open improvement actions and the women's share.
* ``coe_inspections(ws)``: every COE major-equipment inspection with its results (``Scored``), for the
  reimbursement export (``services.hq_export``).
* ``summary_and_coe(ws)``: the summary and, from the same reading, every settled COE major-equipment inspection
  with its results, for HQ's charts (``services.hq_charts``).
* ``mou_versions(ws, unit)``: every version of a unit's MOU (the original and its amendments) with what it holds
  and what changed against the version before it: MOU lines added, removed or changed, and the self-sustainment
  categories whose terms (provider, standard) differ.
* ``quarter_status(ws, mission, "2026Q4")``: availability and serviceability against the MOU, by unit and
  category, from the last settled COE major-equipment inspection of each unit whose start date falls within
  the quarter; units without one are listed with no figures (``reports.coe_status`` renders it). With them the
  same a quarter earlier, the self-sustainment verdicts of the quarter, the next periodic or readiness
  inspection as the quarter ends, and the roster's women against the parity target. ``global_status(ws,
  "2026Q4")``: the same for every mission (``reports.coe_global``).

Which inspections count
-----------------------
* **Last inspection**: the unit's most recent inspection of any kind and any status (by start date, then by
  when its record was created), drafts and work in progress included: HQ sees what the teams are doing.
* **Figures** (trend, shortfalls, quarterly status) come from *settled* inspections only (``SETTLED``: ready
  for review, signed, exported). An inspection in progress has partial counts: its serviceability would
  make the trend dip and recover for no reason, and its shortfalls would be lines not yet counted.
* The **trend** has one point per settled COE major-equipment inspection with something of its MOU deployed:
  its date and its serviceability over every category pooled, oldest first. That pooled figure is an
  **indicator** (it mixes categories), not a COE result: the results are per line and per category
  (docs/coe-rules.md); every view that shows it says "indicator".
* **Open shortfalls** are the MOU lines with a shortfall (MOU quantity − found > 0) in the latest of those
  (``UnitSummary.latest_coe``, the last trend point).
* **AOC outcome**: of the unit's latest AOC inspection, whatever its status: ``pass`` or ``fail`` once it is
  settled and its results decide; ``pending`` while it is being assessed or a criterion is still open.
* **Officers certified** (``certified_share``, ``women_assessed_share``, ``women_certified_share``): of the unit's
  latest *settled* AOC inspection (``domain/aoc.py``); None without one.
* **Open improvement actions**: the unit's actions whose status is ``open``, and the oldest due date.
* **Women's share**: persons of the unit's roster with gender ``female`` ÷ persons; None without a roster. The same
  among officers in command positions, and the parity target in force for the unit's type this year (a setting:
  ``domain/gender.py``).
* **Availability** = deployed (found), capped at the MOU quantity, ÷ MOU quantity; **serviceability** =
  serviceable, capped, ÷ deployed capped at the MOU quantity, as everywhere (``domain.serviceability``).
  Lines not counted are left out of both and reported as ``uncounted``.

An inspection's figures use the MOU lines frozen in it when it started (its scope), so an MOU amended later
does not rewrite earlier results. The serviceability standard is the installation's setting
(``settings.SERVICEABILITY_THRESHOLD``) when set, otherwise each inspection's template rule (90 % by default).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import case
from sqlmodel import Session, col, func, select

from inspector_app import gc_pause
from inspector_app.domain import aoc as aoc_rules
from inspector_app.domain import gender, ori
from inspector_app.domain.checklist import Checklist, MouLineRef, Scope, SsTerms
from inspector_app.domain.kept_results import KeptResults
from inspector_app.domain.quarter_status import (
    Figures,
    Gender,
    GlobalStatus,
    QuarterStatus,
    SelfSustainment,
    UnitStatus,
    plain,
    pooled_figures,
    quarter_before,
    quarter_of,
)
from inspector_app.domain.quarter_status import InspectionRef as InspectionRef  # the views name it
from inspector_app.domain.template_model import Rules, Template, TemplateKind
from inspector_app.domain.workflow import Status
from inspector_app.errors import NotFound, ValidationError
from inspector_app.services import kept_results, settings, templates, units
from inspector_app.services.mou_import import LineDiff, compare_lines
from inspector_app.services.units import MouVersionRow
from inspector_app.storage.models import (
    ImprovementAction,
    Inspection,
    Mission,
    MouLine,
    MouSelfSustainment,
    Person,
    Setting,
    TemplateRecord,
    Unit,
)

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace
    from inspector_app.storage.database import Database

SETTLED = frozenset({Status.READY_FOR_REVIEW, Status.SIGNED, Status.EXPORTED})


class AocVerdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    PENDING = "pending"


# How the JSON names a figure pooled over every category: an indicator, not a COE result.
INDICATOR = "indicator: every category pooled, not a COE result"

@dataclass(frozen=True)
class TrendPoint:
    inspection_id: str
    date: date | None
    serviceability: float  # indicator: every category pooled, 0..1; not a COE result
    below_threshold: bool  # the indicator below the standard
    availability: float | None = None  # indicator too: deployed up to the MOU ÷ MOU, every category pooled


@dataclass(frozen=True)
class Shortfall:
    """An MOU line found short of its quantity."""

    line_no: int
    category: str
    item: str
    mou_quantity: int
    found: int
    serviceable: int
    shortfall: int


@dataclass(frozen=True)
class AocOutcome:
    inspection: InspectionRef
    outcome: AocVerdict


@dataclass(frozen=True)
class UnitSummary:
    unit_id: str
    name: str
    country: str
    kind: str
    last_inspection: InspectionRef | None
    trend: tuple[TrendPoint, ...]  # oldest first
    latest_coe: InspectionRef | None  # the last trend point's inspection: where the shortfalls come from
    shortfalls: tuple[Shortfall, ...]
    aoc: AocOutcome | None
    open_actions: int
    oldest_action_due: date | None
    overdue_actions: int  # open and past their due date (services.actions.overdue)
    strength: int  # persons on the roster
    women: int
    next_ori_due: date | None = None  # domain/ori.py: the next operational readiness inspection
    ori_overdue: bool = False
    in_command: int = 0  # officers in command positions (domain/gender.py)
    women_in_command: int = 0
    parity_target: float | None = None  # the women's share aimed at for the unit's type this year
    certified_share: float | None = None  # of the latest settled AOC (domain/aoc.py)
    women_assessed_share: float | None = None
    women_certified_share: float | None = None

    @property
    def serviceability(self) -> float | None:
        """The latest trend point's serviceability indicator (every category pooled; not a COE result)."""
        return self.trend[-1].serviceability if self.trend else None

    @property
    def women_share(self) -> float | None:
        return gender.share(self.women, self.strength)

    @property
    def women_in_command_share(self) -> float | None:
        return gender.share(self.women_in_command, self.in_command)

    def to_dict(self) -> dict[str, Any]:
        """Plain data with stable keys (dates as ISO text), for JSON."""
        out: dict[str, Any] = plain(asdict(self))
        return out | {"serviceability": self.serviceability, "serviceability_is": INDICATOR,
                      "women_share": self.women_share, "women_in_command_share": self.women_in_command_share}


@dataclass(frozen=True)
class MissionSummary:
    mission_id: str
    code: str
    name: str
    units: tuple[UnitSummary, ...]  # by name

    def to_dict(self) -> dict[str, Any]:
        return {"mission_id": self.mission_id, "code": self.code, "name": self.name,
                "units": [u.to_dict() for u in self.units]}


@dataclass(frozen=True, slots=True)
class InspectionRow:
    """An inspection as the views read it: without its frozen scope (the MOU, the roster; tens of kilobytes),
    which only scoring and ``checklists`` read."""

    id: str
    unit_id: str
    template_pk: str
    type: str
    status: str
    start_date: date | None
    end_date: date | None
    created_at: datetime


ROW_COLUMNS = tuple(getattr(Inspection, f.name) for f in fields(InspectionRow))


@dataclass(frozen=True)
class Scored:
    """An inspection with its unit, mission, template kind and results."""

    inspection: InspectionRow
    unit: Unit
    mission: Mission
    kind: TemplateKind
    results: KeptResults
    template: Template

    @property
    def ref(self) -> InspectionRef:
        return _ref(self.inspection, self.kind)

    @property
    def settled(self) -> bool:
        return Status(self.inspection.status) in SETTLED


def mission_summary(ws: Workspace) -> list[MissionSummary]:
    """Every mission (by code) with every unit (by name); see the module's docstring for what counts."""
    return summary_and_coe(ws)[0]


@gc_pause.paused()
def summary_and_coe(ws: Workspace) -> tuple[list[MissionSummary], list[Scored]]:
    """``mission_summary`` and, read with it, every settled COE major-equipment inspection with its results, each
    unit's oldest first (the summary's trend points and more: those with nothing counted too)."""
    interval, today, targets = settings.ori_interval_months(ws), date.today(), settings.parity_targets(ws)
    with ws.db.read() as session:
        snap = _Snapshot(ws.db, session)
        by_unit: dict[str, list[InspectionRow]] = {}
        for inspection in snap.inspections:
            by_unit.setdefault(inspection.unit_id, []).append(inspection)
        wanted: list[InspectionRow] = []
        for rows in by_unit.values():
            wanted += [i for i in rows if snap.kind(i) is TemplateKind.COE_MAJOR_EQUIPMENT and _settled(i)]
            wanted += [i for i in rows if snap.kind(i) is TemplateKind.AOC and _settled(i)][-1:]
        scored = {s.inspection.id: s for s in snap.score(wanted)}
        roster = roster_counts(session)
        actions = _open_actions(session, today)
    out = []
    for mission in sorted(snap.missions.values(), key=lambda m: m.code):
        units = sorted((u for u in snap.units.values() if u.mission_id == mission.id), key=lambda u: u.name)
        out.append(MissionSummary(mission.id, mission.code, mission.name, tuple(
            _with_ori(_unit_summary(snap, unit, by_unit.get(unit.id, []), scored,
                                    roster.get(unit.id, gender.RosterCounts()), actions.get(unit.id, (0, None, 0)),
                                    gender.target(targets, unit.kind, today.year)),
                      by_unit.get(unit.id, []), interval, today)
            for unit in units
        )))
    return out, [s for s in scored.values() if s.kind is TemplateKind.COE_MAJOR_EQUIPMENT]


@gc_pause.paused()
def keep_results(ws: Workspace) -> None:
    """Score every inspection whose results are not kept yet, and keep them (``services.kept_results``): after
    a bulk load, so that the first view opens as fast as the next."""
    with ws.db.read() as session:
        snap = _Snapshot(ws.db, session)
        kept_results.results(ws.db, snap.inspections, snap.template, snap.checklists, snap.threshold)


def checklists(ws: Workspace, scored: Iterable[Scored]) -> dict[str, Checklist]:
    """Each inspection's template over its frozen scope (the roster, the MOU), by inspection id: for a view that
    reads more than the results."""
    scored = list(scored)
    templates_of = {s.inspection.id: s.template for s in scored}
    with ws.db.read() as session:
        scopes = _scopes(session, list(templates_of))
    return {i: Checklist(templates_of[i], Scope.from_dict(json.loads(scope))) for i, scope in scopes.items()}


def _with_ori(summary: UnitSummary, rows: list[InspectionRow], interval: int, today: date) -> UnitSummary:
    """The unit's next operational readiness inspection (docs/coe-rules.md)."""
    due = ori.next_ori(_visits(rows), interval, today)
    return replace(summary, next_ori_due=due.due, ori_overdue=due.overdue)


def _visits(rows: list[InspectionRow], until: date | None = None) -> list[ori.Visit]:
    """The unit's inspections as the ORI rule sees them; with ``until``, those dated up to that day only."""
    visits = [ori.Visit(i.type, i.status, i.start_date or i.end_date) for i in rows]
    return [v for v in visits if until is None or (v.on is not None and v.on <= until)]


def coe_inspections(ws: Workspace, *, settled_only: bool = False) -> list[Scored]:
    """Every COE major-equipment inspection with its results, by mission code, unit name, then date."""
    return scored_inspections(ws, TemplateKind.COE_MAJOR_EQUIPMENT, settled_only=settled_only)


@gc_pause.paused()
def scored_inspections(ws: Workspace, kind: TemplateKind, *, settled_only: bool = False,
                       mission_code: str | None = None) -> list[Scored]:
    """Every inspection of a template of ``kind`` (of one mission, if given) with its results, by mission code, unit
    name, then date."""
    with ws.db.read() as session:
        snap = _Snapshot(ws.db, session, mission_code, kind)
        chosen = [i for i in snap.inspections if _settled(i) or not settled_only]
        scored = snap.score(chosen)
    return sorted(scored, key=lambda s: (s.mission.code, s.unit.name))  # stable: dates stay in order


@dataclass(frozen=True)
class MouVersionView:
    """One version of a unit's MOU and what changed against the version before it (None: the original)."""

    row: MouVersionRow
    lines: LineDiff | None
    ss_changed: tuple[str, ...]  # categories added, removed, or whose provider or standard changed


def mou_versions(ws: Workspace, unit_ref: str, today: date | None = None) -> tuple[Unit, list[MouVersionView]]:
    """Every version of the unit's MOU, the original first, and what each changed (read in one session)."""
    with ws.db.read() as session:
        unit = units.find_unit(session, unit_ref)
        held = units.mou_versions(session, unit)
        rows = units.version_rows(session, unit, today)
        ids = [m.id for m in held]
        lines: dict[str, list[MouLineRef]] = {i: [] for i in ids}
        for line in session.exec(select(MouLine).where(col(MouLine.mou_id).in_(ids)).order_by(col(MouLine.line_no))):
            lines[line.mou_id].append(MouLineRef(line.line_no, line.category, line.item, line.quantity, line.lease,
                                                 line.registered))
        terms: dict[str, dict[str, SsTerms]] = {i: {} for i in ids}
        for ss in session.exec(select(MouSelfSustainment).where(col(MouSelfSustainment.mou_id).in_(ids))):
            terms[ss.mou_id][ss.category] = SsTerms(ss.category, ss.provider, ss.standard)
    out = []
    for n, (mou, row) in enumerate(zip(held, rows, strict=True)):
        before = held[n - 1].id if n else None
        changed = () if before is None else tuple(sorted(
            c for c in terms[before].keys() | terms[mou.id].keys() if terms[before].get(c) != terms[mou.id].get(c)))
        out.append(MouVersionView(row, None if before is None else compare_lines(lines[before], lines[mou.id]),
                                  changed))
    return unit, out


def quarter_status(ws: Workspace, mission_code: str, quarter: str) -> QuarterStatus:
    """The quarterly COE status of mission ``mission_code`` for ``quarter`` ("2026Q4")."""
    return _quarters(ws, quarter, mission_code).missions[0]


def global_status(ws: Workspace, quarter: str) -> GlobalStatus:
    """The quarterly COE status of every mission (by code) for ``quarter`` ("2026Q4")."""
    return _quarters(ws, quarter, None)


@gc_pause.paused()
def _quarters(ws: Workspace, quarter: str, mission_code: str | None) -> GlobalStatus:
    """Per mission and unit: the last settled COE major-equipment inspection of the quarter and of the quarter
    before, the last settled self-sustainment one of the quarter, the next periodic or readiness inspection as
    the quarter ends (or today, for the quarter under way), the roster against the parity target of the
    quarter's year. Read in one session."""
    start, end = quarter_dates(quarter)
    before_start, before_end = quarter_before(start)
    interval, targets, as_of = settings.ori_interval_months(ws), settings.parity_targets(ws), min(end, date.today())
    with ws.db.read() as session:
        snap = _Snapshot(ws.db, session, mission_code)
        missions = sorted(snap.missions.values(), key=lambda m: m.code)
        if mission_code is not None:
            missions = [_mission(snap, mission_code)]
        wanted = {m.id for m in missions}
        by_unit: dict[str, list[InspectionRow]] = {u.id: [] for u in snap.units.values() if u.mission_id in wanted}
        for inspection in snap.inspections:
            by_unit.get(inspection.unit_id, []).append(inspection)
        picks = {(unit_id, part): chosen for unit_id, rows in by_unit.items() for part, chosen in (
            ("now", _last_settled(snap, rows, TemplateKind.COE_MAJOR_EQUIPMENT, start, end)),
            ("before", _last_settled(snap, rows, TemplateKind.COE_MAJOR_EQUIPMENT, before_start, before_end)),
            ("ss", _last_settled(snap, rows, TemplateKind.COE_SELF_SUSTAINMENT, start, end)),
            ("aoc", _last_settled(snap, rows, TemplateKind.AOC, date.min, end))) if chosen}
        scored = {s.inspection.id: s for s in snap.score(picks.values())}
        roster = roster_counts(session)
    threshold = snap.threshold or next(
        (s.results.overall.threshold for s in scored.values() if s.results.overall), Rules().serviceability_threshold)

    def pick(unit: Unit, part: str) -> Scored | None:
        chosen = picks.get((unit.id, part))
        return scored[chosen.id] if chosen else None

    out = []
    for mission in missions:
        formed = sorted((u for u in snap.units.values() if u.mission_id == mission.id and u.kind != units.CANDIDATES),
                        key=lambda u: u.name)  # AMS candidates hold no COE
        rows = [_unit_status(unit, pick(unit, "now"), pick(unit, "before"), pick(unit, "ss"), threshold,
                             ori.next_ori(_visits(by_unit[unit.id], as_of), interval, as_of),
                             Gender(*roster.get(unit.id, gender.RosterCounts()).counts(),
                                    gender.target(targets, unit.kind, start.year), _officers(pick(unit, "aoc"))))
                for unit in formed]
        now = [s.results for unit in formed if (s := pick(unit, "now"))]
        before = [s.results for unit in formed if (s := pick(unit, "before"))]
        out.append(QuarterStatus(
            mission.code, mission.name, quarter_of(start), start, end, threshold,
            tuple(rows), tuple(_by_category(now, threshold)), _total(mission.code, now, threshold),
            _total(mission.code, before, threshold),
        ))
    return GlobalStatus(quarter_of(start), start, end, tuple(out))


def _mission(snap: _Snapshot, code: str) -> Mission:
    mission = next((m for m in snap.missions.values() if m.code.lower() == code.strip().lower()), None)
    if mission is None:
        known = ", ".join(sorted(m.code for m in snap.missions.values())) or "none"
        raise NotFound(f"no mission {code!r} (missions: {known})")
    return mission


def _last_settled(snap: _Snapshot, rows: list[InspectionRow], kind: TemplateKind, start: date,
                  end: date) -> InspectionRow | None:
    """The last settled inspection of ``kind`` among ``rows`` (oldest first) whose start date falls within
    ``start``..``end``."""
    return next((i for i in reversed(rows) if snap.kind(i) is kind and _settled(i) and i.start_date
                 and start <= i.start_date <= end), None)


def _officers(scored: Scored | None) -> aoc_rules.Officers:
    """The officers assessed and certified by an AOC, none without one."""
    return scored.results.officers if scored else aoc_rules.Officers()


def _unit_status(unit: Unit, now: Scored | None, before: Scored | None, ss: Scored | None, threshold: float,
                 due: ori.OriDue, women: Gender) -> UnitStatus:
    return UnitStatus(
        unit.id, unit.name, unit.contributing_country, now.ref if now else None,
        now.results.totals(unit.name) if now else None, now.results.categories if now else (),
        before.ref if before else None, before.results.totals(unit.name) if before else None,
        SelfSustainment(ss.ref, ss.results.ss_categories) if ss else None,
        due.due, due.overdue,
        women,
    )


def quarter_dates(quarter: str) -> tuple[date, date]:
    """First and last day of a quarter written ``2026Q4`` (or ``2026-Q4``, ``2026q4``)."""
    match = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", quarter.strip())
    if match is None:
        raise ValidationError(f"{quarter!r} is not a quarter; write it like 2026Q4")
    year, q = int(match[1]), int(match[2])
    start = date(year, 3 * q - 2, 1)
    end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


class _Snapshot:
    """Missions, units, templates and inspections (of one mission, of templates of one kind, if given; as
    ``InspectionRow``) read once; results computed for the inspections asked."""

    def __init__(self, db: Database, session: Session, mission_code: str | None = None,
                 kind: TemplateKind | None = None) -> None:
        self.db = db
        self.session = session
        self.missions = {m.id: m for m in session.exec(select(Mission))}
        self.units = {u.id: u for u in session.exec(select(Unit))}
        self.templates = {t.id: t for t in session.exec(select(TemplateRecord))}
        query = select(*ROW_COLUMNS)
        if mission_code is not None:  # that mission's inspections alone: its views cost what the mission holds
            query = query.join(Unit).join(Mission).where(func.lower(Mission.code) == mission_code.strip().lower())
        if kind is not None:  # and that kind's alone
            query = query.where(col(Inspection.template_pk).in_(
                [t.id for t in self.templates.values() if t.kind == kind.value]))
        self.inspections = sorted((InspectionRow(*row) for row in session.exec(query)), key=_when)  # oldest first
        setting = session.get(Setting, settings.SERVICEABILITY_THRESHOLD)
        self.threshold = float(setting.value) if setting is not None and setting.value else None
        self._checklists: dict[tuple[str, str], Checklist] = {}

    def kind(self, inspection: InspectionRow) -> TemplateKind:
        return TemplateKind(self.templates[inspection.template_pk].kind)

    def score(self, inspections: Iterable[InspectionRow]) -> list[Scored]:
        """Results of ``inspections`` (in the order given), kept or computed (``services.kept_results``)."""
        inspections = list(inspections)
        results = kept_results.results(self.db, inspections, self.template, self.checklists, self.threshold)
        out = []
        for inspection in inspections:
            unit = self.units[inspection.unit_id]
            out.append(Scored(inspection, unit, self.missions[unit.mission_id], self.kind(inspection),
                              results[inspection.id], self.template(inspection)))
        return out

    def template(self, inspection: InspectionRow) -> Template:
        return templates.model(self.templates[inspection.template_pk])

    def checklists(self, inspections: Sequence[InspectionRow]) -> dict[str, Checklist]:
        """Their checklists by id, their scopes read now; one made per template and frozen scope: a unit's
        inspections mostly share both."""
        out = {}
        scopes = _scopes(self.session, [i.id for i in inspections])
        for inspection in inspections:
            key = (inspection.template_pk, scopes[inspection.id])
            checklist = self._checklists.get(key)
            if checklist is None:
                checklist = Checklist(self.template(inspection), Scope.from_dict(json.loads(key[1])))
                self._checklists[key] = checklist
            out[inspection.id] = checklist
        return out


def _unit_summary(
    snap: _Snapshot,
    unit: Unit,
    rows: list[InspectionRow],
    scored: dict[str, Scored],
    roster: gender.RosterCounts,
    actions: tuple[int, date | None, int],
    parity_target: float | None,
) -> UnitSummary:
    trend: list[TrendPoint] = []
    latest: Scored | None = None
    for inspection in rows:
        s = scored.get(inspection.id)
        if s is None or s.kind is not TemplateKind.COE_MAJOR_EQUIPMENT:
            continue
        overall = s.results.overall
        if overall is None or overall.serviceability is None:
            continue  # nothing counted with a quantity: no figure to show
        trend.append(TrendPoint(inspection.id, inspection.start_date, overall.serviceability, overall.below_threshold,
                                overall.availability))
        latest = s
    shortfalls = tuple(
        Shortfall(line.line_no, line.category, line.item, line.quantity, line.found or 0, line.serviceable or 0,
                  line.shortfall)
        for line in (latest.results.lines if latest else []) if line.shortfall > 0
    )
    aocs = [i for i in rows if snap.kind(i) is TemplateKind.AOC]
    aoc = None
    if aocs:
        s = scored.get(aocs[-1].id)  # scored when settled: until then its outcome is pending
        verdict = AocVerdict.PENDING
        if s is not None and s.results.passed is not None:
            verdict = AocVerdict.PASS if s.results.passed else AocVerdict.FAIL
        aoc = AocOutcome(_ref(aocs[-1], TemplateKind.AOC), verdict)
    settled_aocs = [i for i in aocs if _settled(i)]
    officers = scored[settled_aocs[-1].id].results.officers if settled_aocs else None
    return UnitSummary(
        unit_id=unit.id, name=unit.name, country=unit.contributing_country, kind=unit.kind,
        last_inspection=_ref(rows[-1], snap.kind(rows[-1])) if rows else None,
        trend=tuple(trend), latest_coe=latest.ref if latest else None, shortfalls=shortfalls, aoc=aoc,
        open_actions=actions[0], oldest_action_due=actions[1], overdue_actions=actions[2],
        strength=roster.persons, women=roster.women,
        in_command=roster.in_command, women_in_command=roster.women_in_command, parity_target=parity_target,
        certified_share=officers.certified_share if officers else None,
        women_assessed_share=officers.women_assessed_share if officers else None,
        women_certified_share=officers.women_certified_share if officers else None,
    )


def roster_counts(session: Session) -> dict[str, gender.RosterCounts]:
    """Per unit: persons, women, and both in command positions."""
    out: dict[str, gender.RosterCounts] = {}
    rows = session.exec(select(Person.unit_id, Person.gender, Person.role, func.count())
                        .group_by(Person.unit_id, Person.gender, Person.role))
    for unit_id, sex, role, n in rows:
        out[unit_id] = out.get(unit_id, gender.RosterCounts()).plus(sex, role, n)
    return out


def _open_actions(session: Session, today: date) -> dict[str, tuple[int, date | None, int]]:
    """Per unit: (open improvement actions, oldest due date, how many are overdue on ``today``)."""
    late = case((col(ImprovementAction.due_date) < today, 1), else_=0)
    rows = session.exec(
        select(ImprovementAction.unit_id, func.count(), func.min(ImprovementAction.due_date), func.sum(late))
        .where(ImprovementAction.status == "open").group_by(ImprovementAction.unit_id)
    )
    return {unit_id: (n, as_date(due), int(overdue or 0)) for unit_id, n, due, overdue in rows}


def _by_category(results: Iterable[KeptResults], threshold: float) -> list[Figures]:
    """The inspections' lines by category, in the order categories first appear."""
    groups: dict[str, list[Figures]] = {}
    for kept in results:
        for category in kept.categories:
            groups.setdefault(category.name, []).append(category)
    return [pooled_figures(name, group, threshold) for name, group in groups.items()]


def _total(name: str, results: Sequence[KeptResults], threshold: float) -> Figures | None:
    """Every line of the inspections pooled; None without a line."""
    if all(kept.sums is None for kept in results):
        return None
    return pooled_figures(name, (kept.totals(name) for kept in results), threshold)


def _scopes(session: Session, ids: Sequence[str]) -> dict[str, str]:
    """The inspections' frozen scopes, as JSON text, by id."""
    out: dict[str, str] = {}
    for chunk in kept_results.chunks(ids):
        query = select(Inspection.id, Inspection.scope_json).where(col(Inspection.id).in_(chunk))
        out |= {inspection_id: scope for inspection_id, scope in session.exec(query)}
    return out


def _settled(inspection: InspectionRow) -> bool:
    return Status(inspection.status) in SETTLED


def _when(inspection: InspectionRow) -> tuple[date, datetime]:
    return inspection.start_date or date.min, inspection.created_at


def _ref(inspection: InspectionRow, kind: TemplateKind) -> InspectionRef:
    return InspectionRef(inspection.id, inspection.type, inspection.status, inspection.start_date, kind.value)


def as_date(value: Any) -> date | None:
    """SQLite hands an aggregate of dates back as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
