"""The merge rules, pure: an incoming record and the local state of it in, a decision out.

Peer merge and HQ import (``services.bundle_import``) and reference packages (``services.reference_package``)
ask these functions what to do with each record, then apply the decision in their own transaction. Nothing
here reads a database or a file: records are plain values (a mapping of column to value, timestamps in UTC),
version vectors (``sync.clock``), and the facts the caller looked up (is the inspection signed here, was the
photo removed here, how far the sender's audit log reaches). The rules are those of ``docs/bundle-format.md``.

A decision is an ``Action`` with a ``Reason``:

========  ==================================================================================================
insert    the record is new here
update    the incoming copy replaces the local one (later, signed elsewhere, made knowing ours, HQ's values)
remove    the local record goes (a photo removed elsewhere, a list row HQ no longer lists)
conflict  concurrent edits that differ: the local copy stands, the incoming one is kept for a person
ignore    nothing changes: the same, older, the local copy kept, signed here, removed here, already imported
refuse    the whole bundle is refused: it would change signed work, move a record, break an audit chain …
========  ==================================================================================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from inspector_app.domain.workflow import LOCKED, Status
from inspector_app.sync import clock

Fields = Mapping[str, Any]

STAMPS = frozenset({"updated_at", "device_id"})  # who wrote a copy and when: not what it says
_RANK = {status: rank for rank, status in enumerate(Status)}
_OWNERS = ("inspection_id", "finding_id", "unit_id", "action_id")  # a child never moves to another parent


class Action(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    REMOVE = "remove"
    CONFLICT = "conflict"
    IGNORE = "ignore"
    REFUSE = "refuse"


class Reason(StrEnum):
    NEW = "new"  # not held here
    LATER = "later"  # theirs follows ours: a later version, state or edit
    SIGNED_ELSEWHERE = "signed elsewhere"  # the bundle brings the inspection signed: its answers stand
    HQ = "hq"  # HQ owns reference data: its values replace ours
    REKEYED = "rekeyed"  # HQ's copy has another natural key: replaced whole (deleted, then added)
    WITHDRAWN = "withdrawn"  # signed elsewhere without this answer
    SAME = "same"  # the same values
    OLDER = "older"  # ours follows theirs, or a later workflow state is held here
    LOCAL = "local"  # the local copy differs and is kept (reference data; also changed here)
    TAKEN = "taken"  # its natural key belongs here to another record, which is kept
    SIGNED = "signed"  # the inspection is signed here: nothing of it changes
    REMOVED = "removed"  # removed on one side: it stays removed
    STALE = "stale"  # a list row HQ no longer lists
    CONCURRENT = "concurrent"  # edits made without knowing each other
    DERIVED = "derived"  # a registered line's count: rewritten from the merged assets, never a conflict
    MOVED = "moved"  # a child record moved to another parent
    ALREADY = "already imported"  # this very bundle was applied before
    BROKEN = "broken"  # an audit chain that is not whole, linked and unaltered
    GAP = "gap"  # an audit chain that starts after events not held here
    REWRITTEN = "rewritten"  # an audit chain that disagrees with the one held here
    FOREIGN = "foreign"  # events of this installation that it never wrote


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: Reason
    clock: clock.Clock | None = None  # an answer's vector after the merge (None: unchanged)

    @property
    def outcome(self) -> str:
        """The word an import result counts it under: added, updated, removed, unchanged or kept."""
        if self.action is Action.IGNORE:
            return "unchanged" if self.reason is Reason.SAME else "kept"
        return {Action.INSERT: "added", Action.UPDATE: "updated", Action.REMOVE: "removed"}.get(self.action, "kept")


class Standing(StrEnum):
    """Where an inspection stands in one merge: what its records may do."""

    OPEN = "open"  # editable here (or new): records merge
    SIGNED_HERE = "signed here"  # signed here, and the bundle does not bring an unsigned copy: nothing may change
    UNSIGNED_COPY = "unsigned copy"  # signed here, the bundle brings an unsigned copy: its records are left out
    SIGNED_ELSEWHERE = "signed elsewhere"  # editable here, the bundle brings it signed: its records stand


@dataclass(frozen=True)
class Version:
    """One version of an answer."""

    value_json: str | None
    remark: str | None
    clock: clock.Clock

    def says_same(self, other: Version) -> bool:
        return (self.value_json, self.remark) == (other.value_json, other.remark)


def same(a: Fields, b: Fields, ignore: Iterable[str] = ()) -> bool:
    """True when two records hold the same values but for the ``ignore``d columns."""
    skip = set(ignore)
    return {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}


def locked(status: str) -> bool:
    return Status(status) in LOCKED


def standing(here_status: str | None, bundle_status: str | None) -> Standing:
    """An inspection's standing from its status here and in the bundle (None: not there)."""
    if here_status is not None and locked(here_status):
        return Standing.UNSIGNED_COPY if bundle_status is not None and not locked(bundle_status) \
            else Standing.SIGNED_HERE
    if here_status is not None and bundle_status is not None and locked(bundle_status):
        return Standing.SIGNED_ELSEWHERE
    return Standing.OPEN


# -- whole bundles -----------------------------------------------------------------------------------------

def bundle(already: bool, latest: datetime | None = None, created_at: datetime | None = None) -> Decision:
    """A bundle as a whole. ``latest`` is when the newest package applied from the same sender was made
    (reference packages only).

    ============================================  ================
    applied before (its id is recorded)           ignore, already
    made before a package applied already         refuse, older
    otherwise                                     insert, new
    ============================================  ================
    """
    if already:
        return Decision(Action.IGNORE, Reason.ALREADY)
    if latest is not None and created_at is not None and latest > created_at:
        return Decision(Action.REFUSE, Reason.OLDER)
    return Decision(Action.INSERT, Reason.NEW)


# -- audit chains ------------------------------------------------------------------------------------------

def audit_chain(chain: Sequence[tuple[int, str, str]], held: Mapping[int, str], *, broken: bool, own: bool,
                this_device: bool) -> Decision:
    """One device's chain in a bundle: ``chain`` its events (seq, hash, prev_hash) by seq, ``held`` seq → hash
    of that device's events here, ``broken`` whether the chain is not whole, linked and unaltered, ``own``
    whether it is the sender's or this installation's, ``this_device`` whether it is this installation's.

    ==============================================================  ====================================
    broken                                                           refuse, broken
    starts after events not held here                                own: refuse, gap; else ignore, gap
    not anchored on the held event, or a held event differs          own: refuse, rewritten; else ignore
    brings new events of this installation                           refuse, foreign
    otherwise                                                        insert (the events not held here)
    ==============================================================  ====================================
    """
    first_seq, _, first_prev = chain[0]
    if broken:
        return Decision(Action.REFUSE, Reason.BROKEN)
    if first_seq > 1 and first_seq - 1 not in held:
        return Decision(Action.REFUSE if own else Action.IGNORE, Reason.GAP)
    anchored = first_seq == 1 or held[first_seq - 1] == first_prev
    if not anchored or any(seq in held and held[seq] != digest for seq, digest, _ in chain):
        return Decision(Action.REFUSE if own else Action.IGNORE, Reason.REWRITTEN)
    if this_device and any(seq not in held for seq, _, _ in chain):
        return Decision(Action.REFUSE, Reason.FOREIGN)
    return Decision(Action.INSERT, Reason.NEW)


# -- reference data ----------------------------------------------------------------------------------------

def reference_copy(here: Fields | None, theirs: Fields, *, key_taken: bool) -> Decision:
    """Reference data (mission … template) in an inspection bundle: HQ owns it, a bundle only adds.

    ``key_taken``: a record here holds its natural key (MOU line number, officer's id number) under another id.
    A template is the same when its SHA-256 is.

    ==========================================  ==============
    missing, its natural key taken here         ignore, taken
    missing                                     insert, new
    the same (a template: the same SHA-256)     ignore, same
    differs                                     ignore, local
    ==========================================  ==============
    """
    if here is None:
        return Decision(Action.IGNORE, Reason.TAKEN) if key_taken else Decision(Action.INSERT, Reason.NEW)
    alike = same(here, theirs) or ("sha256" in here and here["sha256"] == theirs.get("sha256"))
    return Decision(Action.IGNORE, Reason.SAME if alike else Reason.LOCAL)


def template_version(here_sha256: str | None, theirs_sha256: str, *, strict: bool) -> Decision:
    """A template version (by template id and version) against the one installed here, if any.

    ==================  ===============================================================================
    not installed       insert, new
    same SHA-256        ignore, same
    another SHA-256     ``strict`` (inspection bundles): refuse, local; else (reference packages): ignore,
                        local — an installed version never changes
    ==================  ===============================================================================
    """
    if here_sha256 is None:
        return Decision(Action.INSERT, Reason.NEW)
    if here_sha256 == theirs_sha256:
        return Decision(Action.IGNORE, Reason.SAME)
    return Decision(Action.REFUSE if strict else Action.IGNORE, Reason.LOCAL)


def hq_record(here: Fields | None, theirs: Fields, *, rekeyed: bool) -> Decision:
    """A record of HQ's reference package, matched by id: HQ's values win.

    ==================================  ==================================================
    missing                             insert, new
    another natural key than here       update, rekeyed (replaced whole: deleted, added)
    the same                            ignore, same
    differs                             update, hq
    ==================================  ==================================================
    """
    if here is None:
        return Decision(Action.INSERT, Reason.NEW)
    if rekeyed:
        return Decision(Action.UPDATE, Reason.REKEYED)
    return Decision(Action.IGNORE, Reason.SAME) if same(here, theirs) else Decision(Action.UPDATE, Reason.HQ)


def plan(here: Fields | None, theirs: Fields) -> Decision:
    """A planned inspection from another installation, matched by id: HQ's reference package on a laptop, a
    laptop's bundle at HQ or on a colleague's laptop (``theirs`` already without a link to an inspection this
    installation does not hold). A start records a visit that took place, so it outweighs a move or a cancel
    made meanwhile elsewhere, whatever the clocks say; otherwise the later edit wins.

    =======================================================  ==================
    missing                                                  insert, new
    the same                                                 ignore, same
    started here (linked to an inspection held here)         ignore, local
    started there (linked), not here                         update, later
    changed here after theirs was written (updated_at)       ignore, local
    otherwise                                                update, later
    =======================================================  ==================
    """
    if here is None:
        return Decision(Action.INSERT, Reason.NEW)
    if same(here, theirs):
        return Decision(Action.IGNORE, Reason.SAME)
    if _linked(here):
        return Decision(Action.IGNORE, Reason.LOCAL)
    if _linked(theirs) or here["updated_at"] <= theirs["updated_at"]:
        return Decision(Action.UPDATE, Reason.LATER)
    return Decision(Action.IGNORE, Reason.LOCAL)


def _linked(plan: Fields) -> bool:
    return plan["status"] == "started" and plan["inspection_id"] is not None


def hq_list_row(*, listed: bool, parent_carried: bool, written_here: bool) -> Decision:
    """A local MOU line, self-sustainment category or roster entry against HQ's package.

    ===========================================================================  =============
    its MOU or unit is in the package, which does not list it, not written here  remove, stale
    otherwise                                                                    ignore, same
    ===========================================================================  =============
    """
    if parent_carried and not listed and not written_here:
        return Decision(Action.REMOVE, Reason.STALE)
    return Decision(Action.IGNORE, Reason.SAME)


# -- inspections and answers -------------------------------------------------------------------------------

def inspection(here: Fields | None, theirs: Fields, where: Standing) -> Decision:
    """An inspection record (its ``status`` among the fields).

    ============================================================  ===========================
    missing                                                       insert, new
    the same                                                      ignore, same
    unsigned copy of one signed here                              ignore, signed
    signed here and there, details differ                         refuse, signed
    signed here, exported there                                   update, later
    signed here and there, otherwise                              ignore, same
    signed there, or a later workflow state                       update, later
    otherwise                                                     ignore, older
    ============================================================  ===========================
    """
    if here is None:
        return Decision(Action.INSERT, Reason.NEW)
    if same(here, theirs):
        return Decision(Action.IGNORE, Reason.SAME)
    if where is Standing.UNSIGNED_COPY:
        return Decision(Action.IGNORE, Reason.SIGNED)
    mine, their = Status(here["status"]), Status(theirs["status"])
    if where is Standing.SIGNED_HERE:
        if not same(here, theirs, {"status", *STAMPS}):
            return Decision(Action.REFUSE, Reason.SIGNED)
        if mine is Status.SIGNED and their is Status.EXPORTED:
            return Decision(Action.UPDATE, Reason.LATER)
        return Decision(Action.IGNORE, Reason.SAME)
    if their in LOCKED or _RANK[their] > _RANK[mine]:
        return Decision(Action.UPDATE, Reason.LATER)
    return Decision(Action.IGNORE, Reason.OLDER)


def answer(here: Version | None, theirs: Version, where: Standing, *, derived: bool = False) -> Decision:
    """An answer (per inspection and item), by version vector; ``clock`` is the vector the local copy takes.
    ``derived``: the count of a registered line that holds assets on either side, which the caller rewrites
    from the merged assets after the merge.

    ==============================================  =================================================
    inspection signed here, unsigned copy           ignore, same (when the same) or signed
    inspection signed here, the answer differs      refuse, signed
    missing                                         insert, new
    the same value and remark                       ignore, same (the vectors merged)
    theirs follows ours, or signed elsewhere        update, later / signed elsewhere (vectors merged)
    ours follows theirs                             ignore, older
    concurrent (or the same vector) and different   derived: ignore, derived (vectors merged);
                                                    else conflict, concurrent (ours stands)
    ==============================================  =================================================
    """
    alike = here is not None and here.says_same(theirs)
    if where is Standing.UNSIGNED_COPY:
        return Decision(Action.IGNORE, Reason.SAME if alike else Reason.SIGNED)
    if where is Standing.SIGNED_HERE:
        return Decision(Action.IGNORE, Reason.SAME) if alike else Decision(Action.REFUSE, Reason.SIGNED)
    if here is None:
        return Decision(Action.INSERT, Reason.NEW)
    merged = clock.merge(here.clock, theirs.clock)
    if alike:
        return Decision(Action.IGNORE, Reason.SAME, merged)
    if where is Standing.SIGNED_ELSEWHERE:
        return Decision(Action.UPDATE, Reason.SIGNED_ELSEWHERE, merged)
    order = clock.compare(theirs.clock, here.clock)
    if order is clock.Order.AFTER:
        return Decision(Action.UPDATE, Reason.LATER, merged)
    if order is clock.Order.BEFORE:
        return Decision(Action.IGNORE, Reason.OLDER)
    if derived:
        return Decision(Action.IGNORE, Reason.DERIVED, merged)
    return Decision(Action.CONFLICT, Reason.CONCURRENT)


def absent_answer(here: Version, where: Standing) -> Decision:
    """An answer held here that the bundle does not carry.

    ================================================  ===============================
    has a value, the inspection was signed elsewhere  update, withdrawn (to no value)
    otherwise                                         ignore, same
    ================================================  ===============================
    """
    if where is Standing.SIGNED_ELSEWHERE and here.value_json:
        return Decision(Action.UPDATE, Reason.WITHDRAWN, here.clock)
    return Decision(Action.IGNORE, Reason.SAME)


def superseded(theirs: clock.Clock, mine: clock.Clock) -> bool:
    """True when a conflict's other version (``theirs``) is covered by the answer's vector (``mine``)."""
    return clock.compare(theirs, mine) in (clock.Order.BEFORE, clock.Order.SAME)


# -- assets, photos, findings, actions, follow-ups, signatures ---------------------------------------------

def made_knowing(*, known: int, ours: int, theirs: int, theirs_held: int) -> bool:
    """True when the incoming copy was made knowing ours: the sender's copy of the audit log of our copy's
    writer reaches ``known`` ≥ our last edit of the record (``ours``), and the bundle logs an edit of it by
    its writer (``theirs``) after the last one held here (``theirs_held``)."""
    return known >= ours and theirs > theirs_held


def child(here: Fields | None, theirs: Fields, where: Standing, *, removed_here: bool,
          knowing: Callable[[], bool], signature: bool) -> Decision:
    """An asset, photo, finding, improvement action, follow-up or signature, matched by id.

    ``knowing``: ``made_knowing`` for this record, asked only when the copies differ (it costs the caller a
    look at the audit log); ``signature``: the record is a signature (which may be added to an inspection
    signed here).

    ==============================================================  ==========================
    held here under another parent                                  refuse, moved
    its inspection signed here, the bundle's copy unsigned          ignore, same or signed
    missing, removed here                                           ignore, removed
    missing, its inspection signed here (not a signature)           refuse, signed
    missing                                                         insert, new
    the same                                                        ignore, same
    its inspection signed here, differs but for status, due, stamps refuse, signed
    made knowing ours                                               update, later
    otherwise                                                       ignore, local
    ==============================================================  ==========================
    """
    if here is not None and any(here.get(name) != theirs.get(name) for name in _OWNERS):
        return Decision(Action.REFUSE, Reason.MOVED)
    if where is Standing.UNSIGNED_COPY:
        return Decision(Action.IGNORE, Reason.SAME if here is not None and same(here, theirs) else Reason.SIGNED)
    if here is None:
        if removed_here:
            return Decision(Action.IGNORE, Reason.REMOVED)
        if where is Standing.SIGNED_HERE and not signature:
            return Decision(Action.REFUSE, Reason.SIGNED)
        return Decision(Action.INSERT, Reason.NEW)
    if same(here, theirs):
        return Decision(Action.IGNORE, Reason.SAME)
    if where is Standing.SIGNED_HERE and not same(here, theirs, {"status", "due_date", *STAMPS}):
        return Decision(Action.REFUSE, Reason.SIGNED)  # an action's status and due date move at its follow-ups
    if knowing():
        return Decision(Action.UPDATE, Reason.LATER)
    return Decision(Action.IGNORE, Reason.LOCAL)


def same_serial(here: Fields, theirs: Fields) -> Decision:
    """An asset not held here by id, whose line holds its serial here under another id: the same asset (two
    laptops recorded it), never a second one. Neither copy was made knowing the other.

    ==================================  ============================================
    the same condition and remark       ignore, same (one asset: the one held here)
    otherwise                           ignore, local (the one held here stands; the import says so)
    ==================================  ============================================
    """
    alike = all(here[name] == theirs[name] for name in ("condition", "remark"))
    return Decision(Action.IGNORE, Reason.SAME if alike else Reason.LOCAL)


REMOVALS = {"attachment.remove": 1, "attachment.restore": -1, "asset.delete": 1}  # audit action → removal balance


def removed(events: Iterable[tuple[str, str]]) -> set[str]:
    """The photos and assets that audit events ``(action, entity id)`` remove more often than they restore."""
    balance: Counter[str] = Counter()
    for action, entity in events:
        balance[entity] += REMOVALS.get(action, 0)
    return {entity for entity, n in balance.items() if n > 0}


def removal(*, carried: bool, removed_there: bool, removed_here: bool) -> Decision:
    """A photo or asset held here, of an inspection that merges, against the bundle's audit logs.

    ============================================================  ===============
    not in the bundle, removed there, not removed here            remove, removed
    otherwise                                                     ignore, same
    ============================================================  ===============
    """
    if not carried and removed_there and not removed_here:
        return Decision(Action.REMOVE, Reason.REMOVED)
    return Decision(Action.IGNORE, Reason.SAME)
