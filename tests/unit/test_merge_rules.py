"""The merge rules (``sync.merge``), pure: two laptops edit shared records in any interleaving and exchange bundles.

The laptops here are plain dictionaries that apply the rules' decisions as the import service does
(``services.bundle_import``): answers by version vector, with conflicts kept for a person; photos, findings and
the like by what the sender's audit log knew of ours. Merging converges in either order, importing the same bundle
twice changes nothing, and no version is lost without a reason.
"""

from __future__ import annotations

import ast
import copy
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector_app.sync import clock, merge
from inspector_app.sync.merge import Action, Decision, Reason, Standing, Version

LAPTOPS = ("A", "B")
KEYS = ("k1", "k2", "k3")
VALUES = tuple(json.dumps(n) for n in (1, 2, 3))
OPEN = Standing.OPEN


# -- answers ---------------------------------------------------------------------------------------------------

@dataclass
class Answers:
    """One laptop's answers of an inspection, and the other versions kept in open conflicts."""

    device: str
    current: dict[str, Version] = field(default_factory=dict)
    conflicts: list[tuple[str, Version]] = field(default_factory=list)

    def edit(self, key: str, value: str) -> None:
        before = self.current.get(key)
        self.current[key] = Version(value, None, clock.tick(before.clock if before else {}, self.device))
        self._close(key)

    def bundle(self) -> dict[str, Version]:
        return dict(self.current)

    def merge(self, bundle: dict[str, Version]) -> list[tuple[str, Decision]]:
        """Apply each decision as ``services.bundle_import`` does."""
        decisions = []
        for key, theirs in bundle.items():
            here = self.current.get(key)
            decision = merge.answer(here, theirs, OPEN)
            decisions.append((key, decision))
            if decision.action is Action.INSERT:
                self.current[key] = theirs
            elif here is None:
                continue
            elif decision.action is Action.CONFLICT:
                if not any(k == key and v.clock == theirs.clock for k, v in self.conflicts):
                    self.conflicts.append((key, theirs))
            elif decision.clock is not None:  # taken, or the same answer: the vectors merged
                taken = theirs if decision.action is Action.UPDATE else here
                self.current[key] = replace(taken, clock=decision.clock)
                self._close(key)
        return decisions

    def _close(self, key: str) -> None:
        """Conflicts whose other version the answer now covers close themselves (superseded)."""
        mine = self.current[key].clock
        self.conflicts = [(k, v) for k, v in self.conflicts if k != key or not merge.superseded(v.clock, mine)]

    def knowledge(self) -> dict[str, frozenset[tuple[str | None, str]]]:
        """Per item, the versions not covered by another: the answer and the open conflicts' other versions."""
        known: dict[str, list[Version]] = {}
        for key, version in [*self.current.items(), *self.conflicts]:
            known.setdefault(key, []).append(version)
        return {key: frozenset((v.value_json, clock.dumps(v.clock)) for v in versions
                               if not any(clock.compare(o.clock, v.clock) is clock.Order.AFTER for o in versions))
                for key, versions in known.items()}


answer_ops = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(LAPTOPS), st.sampled_from(KEYS), st.sampled_from(VALUES)),
    st.tuples(st.just("send"), st.sampled_from(LAPTOPS), st.just(""), st.just(""))), max_size=14)


def _answers(ops: list[tuple[str, str, str, str]]) -> dict[str, Answers]:
    laptops = {name: Answers(name) for name in LAPTOPS}
    for op, who, key, value in ops:
        if op == "edit":
            laptops[who].edit(key, value)
        else:
            other = laptops["B" if who == "A" else "A"]
            other.merge(laptops[who].bundle())
    return laptops


def _exchange(laptops: dict[str, Answers], first: str) -> dict[str, Answers]:
    laptops = copy.deepcopy(laptops)
    second = "B" if first == "A" else "A"
    laptops[second].merge(laptops[first].bundle())
    laptops[first].merge(laptops[second].bundle())
    return laptops


@settings(max_examples=200, deadline=None)
@given(answer_ops)
def test_answers_converge_in_either_order(ops: list[tuple[str, str, str, str]]) -> None:
    laptops = _answers(ops)
    one, two = _exchange(laptops, "A"), _exchange(laptops, "B")
    assert one["A"].knowledge() == one["B"].knowledge() == two["A"].knowledge() == two["B"].knowledge()
    # Without a conflict, both laptops hold the very same answer.
    for result in (one, two):
        for key, version in result["A"].current.items():
            if not any(k == key for k, _ in result["A"].conflicts + result["B"].conflicts):
                assert result["B"].current[key] == version


@settings(max_examples=200, deadline=None)
@given(answer_ops, st.sampled_from(LAPTOPS))
def test_importing_the_same_answers_twice_changes_nothing(ops: list[tuple[str, str, str, str]], sender: str) -> None:
    laptops = _answers(ops)
    receiver = laptops["B" if sender == "A" else "A"]
    bundle = laptops[sender].bundle()
    receiver.merge(bundle)
    once = copy.deepcopy(receiver)
    again = receiver.merge(bundle)
    assert receiver == once
    assert all(d.action in (Action.IGNORE, Action.CONFLICT) for _, d in again)  # an open conflict is not opened again


@settings(max_examples=200, deadline=None)
@given(answer_ops, st.sampled_from(LAPTOPS))
def test_no_answer_is_dropped(ops: list[tuple[str, str, str, str]], sender: str) -> None:
    """Every version a bundle brings ends up held, covered by the answer held, or in an open conflict."""
    laptops = _answers(ops)
    receiver = laptops["B" if sender == "A" else "A"]
    bundle = laptops[sender].bundle()
    for key, decision in receiver.merge(bundle):
        theirs, held = bundle[key], receiver.current[key]
        covered = clock.compare(theirs.clock, held.clock) in (clock.Order.BEFORE, clock.Order.SAME)
        assert covered or (key, theirs) in receiver.conflicts, (key, decision)
        assert decision.action is not Action.REFUSE and decision.reason


@given(st.sampled_from(VALUES), st.sampled_from(VALUES),
       st.dictionaries(st.sampled_from(("A", "B", "C")), st.integers(1, 3)),
       st.dictionaries(st.sampled_from(("A", "B", "C")), st.integers(1, 3)))
def test_answer_decisions_mirror_each_other(a: str, b: str, ca: dict[str, int], cb: dict[str, int]) -> None:
    """What one laptop takes the other keeps, and a conflict is a conflict on both sides."""
    mine, theirs = Version(a, None, ca), Version(b, None, cb)
    there, back = merge.answer(mine, theirs, OPEN), merge.answer(theirs, mine, OPEN)
    assert (there.action is Action.CONFLICT) == (back.action is Action.CONFLICT)
    if there.action is Action.UPDATE:
        assert back.reason is Reason.OLDER
    if there.reason is Reason.SAME:
        assert back.reason is Reason.SAME and there.clock == back.clock == clock.merge(ca, cb)


# -- photos, findings, actions, follow-ups: by what the audit log knew --------------------------------------------

@dataclass
class History:
    """What really happened, which the rules never see: each edit (its stamp) and the edits it was made knowing."""

    knew: dict[int, frozenset[int]] = field(default_factory=dict)
    reported: set[int] = field(default_factory=set)  # edits an import named as kept against them


@dataclass
class Records:
    """One laptop's findings (say), with every device's audit chain as it holds them (the entity of each event)."""

    device: str
    history: History
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    audit: dict[str, list[str]] = field(default_factory=dict)

    def edit(self, record: str, text: str) -> None:
        self.audit.setdefault(self.device, []).append(record)
        stamp = len(self.history.knew) + 1
        before = self.rows.get(record)
        self.history.knew[stamp] = self.history.knew[before["stamp"]] | {stamp} if before else frozenset({stamp})
        self.rows[record] = {"id": record, "inspection_id": "i", "text": text, "device_id": self.device,
                             "updated_at": datetime(2026, 1, 1, tzinfo=UTC), "stamp": stamp}

    def bundle(self) -> Records:
        return replace(self, rows=copy.deepcopy(self.rows), audit=copy.deepcopy(self.audit))

    def merge(self, bundle: Records) -> list[tuple[str, Decision]]:
        """Apply each decision as ``services.bundle_import`` does; the audit chains grow after the records."""
        held = {device: list(chain) for device, chain in self.audit.items()}
        decisions = []
        for record, theirs in bundle.rows.items():
            here = self.rows.get(record)

            def knowing(here: dict[str, Any] | None = here, theirs: dict[str, Any] = theirs,
                        record: str = record) -> bool:
                assert here is not None
                mine: str = here["device_id"]
                their: str = theirs["device_id"]
                return merge.made_knowing(known=len(bundle.audit.get(mine, [])),
                                          ours=_last(held.get(mine, []), record),
                                          theirs=_last(bundle.audit.get(their, []), record),
                                          theirs_held=_last(held.get(their, []), record))

            decision = merge.child(here, theirs, OPEN, removed_here=False, knowing=knowing, signature=False)
            decisions.append((record, decision))
            if decision.action in (Action.INSERT, Action.UPDATE):
                self.rows[record] = dict(theirs)
            elif decision.reason is Reason.LOCAL:
                self.history.reported.add(theirs["stamp"])
        for device, chain in bundle.audit.items():
            if len(chain) > len(self.audit.get(device, [])):
                self.audit[device] = list(chain)
        return decisions


def _last(chain: list[str], record: str) -> int:
    return max((seq for seq, entity in enumerate(chain, 1) if entity == record), default=0)


record_ops = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(LAPTOPS), st.sampled_from(("f1", "f2")), st.sampled_from("xyz")),
    st.tuples(st.just("send"), st.sampled_from(LAPTOPS), st.just(""), st.just(""))), max_size=14)


def _records(ops: list[tuple[str, str, str, str]]) -> dict[str, Records]:
    history = History()
    laptops = {name: Records(name, history) for name in LAPTOPS}
    for op, who, record, text in ops:
        if op == "edit":
            laptops[who].edit(record, text)
        else:
            laptops["B" if who == "A" else "A"].merge(laptops[who].bundle())
    return laptops


@settings(max_examples=200, deadline=None)
@given(record_ops, st.sampled_from(LAPTOPS))
def test_records_converge_and_a_copy_kept_is_reported(ops: list[tuple[str, str, str, str]], first: str) -> None:
    """After one round trip both laptops hold the same records; a copy kept against the bundle's is reported."""
    laptops = _records(ops)
    second = "B" if first == "A" else "A"
    sent = laptops[first].bundle()
    decisions = laptops[second].merge(sent)
    decisions += laptops[first].merge(laptops[second].bundle())
    assert laptops[first].rows == laptops[second].rows
    for _, decision in decisions:
        assert decision.action in (Action.INSERT, Action.UPDATE) or decision.reason in (Reason.SAME, Reason.LOCAL)
    # A record the first laptop sent and the second kept in its own version is named in the result.
    for record, row in sent.rows.items():
        if laptops[second].rows[record] != row:
            assert (record, Decision(Action.IGNORE, Reason.LOCAL)) in decisions


@settings(max_examples=300, deadline=None)
@given(record_ops)
def test_no_record_is_lost_silently(ops: list[tuple[str, str, str, str]]) -> None:
    """An edit is replaced only by one made knowing it, or after an import reported that it was kept against."""
    history = History()
    laptops = {name: Records(name, history) for name in LAPTOPS}
    for op, who, record, text in [*ops, ("send", "A", "", ""), ("send", "B", "", "")]:
        if op == "edit":
            laptops[who].edit(record, text)
            continue
        receiver = laptops["B" if who == "A" else "A"]
        before = {r: row["stamp"] for r, row in receiver.rows.items()}
        for changed, decision in receiver.merge(laptops[who].bundle()):
            if decision.action is Action.UPDATE:
                lost = before[changed]
                assert lost in history.knew[receiver.rows[changed]["stamp"]] or lost in history.reported


@settings(max_examples=200, deadline=None)
@given(record_ops, st.sampled_from(LAPTOPS))
def test_importing_the_same_records_twice_changes_nothing(ops: list[tuple[str, str, str, str]], sender: str) -> None:
    laptops = _records(ops)
    receiver = laptops["B" if sender == "A" else "A"]
    bundle = laptops[sender].bundle()
    receiver.merge(bundle)
    once = copy.deepcopy(receiver)
    receiver.merge(bundle)
    assert receiver == once


# -- single rules ------------------------------------------------------------------------------------------------

def test_photos_removed_on_either_side_stay_removed() -> None:
    events = [("attachment.remove", "p1"), ("attachment.remove", "p2"), ("attachment.restore", "p2")]
    assert merge.removed(events) == {"p1"}
    assert merge.removal(carried=False, removed_there=True, removed_here=False).action is Action.REMOVE
    assert merge.removal(carried=True, removed_there=True, removed_here=False).action is Action.IGNORE
    here = {"id": "p1", "inspection_id": "i"}
    assert merge.child(None, here, OPEN, removed_here=True, knowing=lambda: True, signature=False) == Decision(
        Action.IGNORE, Reason.REMOVED)


def test_signed_work_is_never_changed_by_a_bundle() -> None:
    signed = {"id": "i", "status": "signed", "title": "AOC", "device_id": "A"}
    draft = {**signed, "status": "in_progress"}
    assert merge.standing("signed", "in_progress") is Standing.UNSIGNED_COPY
    assert merge.standing("signed", None) is Standing.SIGNED_HERE
    assert merge.standing("in_progress", "signed") is Standing.SIGNED_ELSEWHERE
    assert merge.inspection(signed, draft, Standing.UNSIGNED_COPY) == Decision(Action.IGNORE, Reason.SIGNED)
    assert merge.inspection(signed, {**signed, "title": "x"}, Standing.SIGNED_HERE).action is Action.REFUSE
    assert merge.inspection(signed, {**signed, "status": "exported", "device_id": "B"},
                            Standing.SIGNED_HERE) == Decision(Action.UPDATE, Reason.LATER)
    assert merge.inspection(draft, signed, Standing.SIGNED_ELSEWHERE).action is Action.UPDATE
    assert merge.inspection({**draft, "status": "ready_for_review"}, draft, OPEN) == Decision(
        Action.IGNORE, Reason.OLDER)
    mine = Version("1", None, {"A": 1})
    assert merge.answer(mine, Version("2", None, {"A": 2}), Standing.SIGNED_HERE).action is Action.REFUSE
    assert merge.answer(mine, Version("2", None, {"B": 1}), Standing.SIGNED_ELSEWHERE).action is Action.UPDATE
    assert merge.absent_answer(mine, Standing.SIGNED_ELSEWHERE).reason is Reason.WITHDRAWN
    row = {"id": "f", "inspection_id": "i", "text": "x"}
    assert merge.child(None, row, Standing.SIGNED_HERE, removed_here=False, knowing=lambda: True,
                       signature=False).action is Action.REFUSE
    assert merge.child(None, row, Standing.SIGNED_HERE, removed_here=False, knowing=lambda: True,
                       signature=True).action is Action.INSERT
    assert merge.child(row, {**row, "inspection_id": "j"}, OPEN, removed_here=False, knowing=lambda: True,
                       signature=False) == Decision(Action.REFUSE, Reason.MOVED)


def test_reference_data_hq_owns_it() -> None:
    line = {"id": "l", "mou_id": "m", "line_no": 1, "quantity": 4}
    assert merge.reference_copy(None, line, key_taken=True).reason is Reason.TAKEN
    assert merge.reference_copy(line, {**line, "quantity": 5}, key_taken=False) == Decision(Action.IGNORE, Reason.LOCAL)
    assert merge.hq_record(line, {**line, "quantity": 5}, rekeyed=False) == Decision(Action.UPDATE, Reason.HQ)
    assert merge.hq_record(line, line, rekeyed=False).outcome == "unchanged"
    assert merge.hq_list_row(listed=False, parent_carried=True, written_here=False).action is Action.REMOVE
    assert merge.hq_list_row(listed=False, parent_carried=True, written_here=True).action is Action.IGNORE
    assert merge.template_version("a" * 64, "b" * 64, strict=True).action is Action.REFUSE
    assert merge.template_version("a" * 64, "b" * 64, strict=False) == Decision(Action.IGNORE, Reason.LOCAL)
    day = datetime(2026, 1, 2, tzinfo=UTC)
    assert merge.bundle(False, day, datetime(2026, 1, 1, tzinfo=UTC)) == Decision(Action.REFUSE, Reason.OLDER)
    assert merge.bundle(True, day, day).action is Action.IGNORE


def test_audit_chains() -> None:
    held = {1: "h1", 2: "h2"}
    chain = [(2, "h2", "h1"), (3, "h3", "h2")]
    assert merge.audit_chain(chain, held, broken=False, own=True, this_device=False).action is Action.INSERT
    assert merge.audit_chain(chain, held, broken=True, own=False, this_device=False).reason is Reason.BROKEN
    assert merge.audit_chain(chain, held, broken=False, own=False, this_device=True).reason is Reason.FOREIGN
    assert merge.audit_chain([(4, "h4", "h3")], held, broken=False, own=False, this_device=False) == Decision(
        Action.IGNORE, Reason.GAP)
    assert merge.audit_chain([(2, "x", "h1")], held, broken=False, own=True, this_device=False) == Decision(
        Action.REFUSE, Reason.REWRITTEN)


def test_the_rules_are_pure() -> None:
    """No database, storage or file access: only the standard library, the domain and version vectors."""
    tree = ast.parse(Path(merge.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    ours = {name for name in imported if name and name.startswith("inspector_app")}
    assert ours <= {"inspector_app.domain.workflow", "inspector_app.sync"}, ours
    assert not {name for name in imported if name and name.split(".")[0] in ("sqlalchemy", "sqlmodel", "os",
                                                                              "pathlib", "io", "shutil")}
