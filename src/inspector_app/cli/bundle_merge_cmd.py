"""Laptop sync commands: ``inspector bundle share | import | conflicts | resolve``.

``share`` writes a peer-merge bundle of an inspection for a colleague; ``import`` takes a colleague's
bundle (merged per answer) or HQ's reference package; ``conflicts`` lists concurrent edits met in a merge
and ``resolve`` settles one: keep mine, keep theirs, or a new value.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_json, open_hq, open_workspace, records_person
from inspector_app.cli.output import emit_json, table
from inspector_app.errors import InspectorError
from inspector_app.services import conflicts, team_merge
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.reference_package import ReferenceResult


def register_actions(actions: Any, common: argparse.ArgumentParser) -> None:
    p = actions.add_parser("share", parents=[common], help="a peer-merge bundle of an inspection, for a colleague")
    p.add_argument("inspection", nargs="+", metavar="ID", help="inspection id or unique prefix")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    passphrase.add_option(p)
    p.set_defaults(handler=_share)
    records_person(p)

    p = actions.add_parser("import", parents=[common],
                           help="import colleagues' peer-merge bundles or HQ's reference package")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--accept-ca", metavar="FINGERPRINT", default=None,
                   help="the SHA-256 fingerprint of HQ's CA, as HQ gave it: needed for a first reference package")
    add_json(p)
    p.set_defaults(handler=_import)

    p = actions.add_parser("conflicts", parents=[common], help="concurrent edits to resolve after a merge")
    p.add_argument("--inspection", metavar="ID", default=None)
    p.add_argument("--db", metavar="URL", default=None,
                   help="list those HQ's database met (e.g. two laptops' reports of an unsigned inspection)")
    add_json(p)
    p.set_defaults(handler=_conflicts)

    p = actions.add_parser("resolve", parents=[common], help="settle a conflict: --mine, --theirs or --value")
    p.add_argument("conflict", metavar="ID", help="conflict id or unique prefix")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--mine", action="store_const", const=conflicts.Choice.MINE, dest="choice")
    choice.add_argument("--theirs", action="store_const", const=conflicts.Choice.THEIRS, dest="choice")
    choice.add_argument("--value", metavar="VALUE", help="a new value, typed as for 'inspections answer'")
    p.set_defaults(handler=_resolve)
    records_person(p)


def _share(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        secret = passphrase.read(args, "identity.p12")
        manifest = team_merge.export_peer(ws, args.output, secret, args.inspection)
    print(f"wrote {args.output}: peer-merge bundle {manifest.bundle_id} "
          f"({manifest.record_counts.get('answer', 0)} answers)")
    return 0


def _import(args: argparse.Namespace) -> int:
    """Each file whole or not at all, in order; the first refusal stops, naming its file (those before stay)."""
    results: list[dict[str, Any]] = []
    with open_workspace(args) as ws:
        for path in args.files:
            try:
                result = team_merge.import_file(ws, path, accept_ca=args.accept_ca)
            except InspectorError as exc:
                if args.json:
                    emit_json(results)
                raise InspectorError(f"{path.name}: {exc}") from exc
            if args.json:
                results.append(result.summary() if isinstance(result, ImportResult) else asdict(result))
            else:
                print(f"{path.name}: {_describe(result)}", flush=True)
                for note in result.notes:
                    print(f"  {note}")
    if args.json:
        emit_json(results)
    return 0


def _describe(result: ImportResult | ReferenceResult) -> str:
    if result.already_imported:
        return f"bundle {result.bundle_id} was imported before: nothing changed"
    if isinstance(result, ReferenceResult):
        tables = ", ".join(f"{t} +{c.added} ~{c.updated}" for t, c in result.tables.items() if c.added or c.updated)
        return (f"reference package from {result.signer}: {tables or 'no record changed'}; "
                f"{len(result.templates_added)} new template version(s)")
    answers = result.counts.get("answer", {})
    text = (f"merged from {result.sender}: {answers.get('added', 0)} answers added, "
            f"{answers.get('updated', 0)} updated")
    for name, label in (("attachment", "photos"), ("finding", "findings"), ("signature", "signatures")):
        changed = {k: n for k, n in result.counts.get(name, {}).items() if k in ("added", "updated", "removed")}
        if changed:
            text += f"; {label} " + ", ".join(f"{n} {k}" for k, n in sorted(changed.items()))
    if result.conflicts:
        text += f"; {result.conflicts} conflict(s) to resolve (inspector bundle conflicts)"
    return text


def _conflicts(args: argparse.Namespace) -> int:
    with open_hq(args) if args.db else open_workspace(args) as ws:
        rows = conflicts.list_open(ws, args.inspection)
    if args.json:
        emit_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("no conflicts to resolve")
        return 0
    print(table(["ID", "INSPECTION", "ITEM", "MINE", "THEIRS", "THEIRS BY"],
                [[r.id[:8], r.inspection_id[:8], r.key, r.mine, r.theirs, r.theirs_by] for r in rows]))
    return 0


def _resolve(args: argparse.Namespace) -> int:
    choice = args.choice or conflicts.Choice.EDIT
    with open_workspace(args) as ws:
        answer = conflicts.resolve(ws, args.conflict, choice, args.value)
    print(f"{answer.key} = {answer.value_json} ({choice.value}; revision {answer.revision})")
    return 0
