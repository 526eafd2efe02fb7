"""``inspector inspections answer``: one answer, committed and audited, loading only what answering needs.

Registered alone when the command line is ``inspections answer …`` (``cli.parser.ACTIONS``): no other service, no
ORM tables unless no inspection or several match the id given (then the lookup that says which).
"""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.context import add_json, open_workspace, records_person
from inspector_app.cli.output import emit_json
from inspector_app.cli.parser import inspections_actions
from inspector_app.domain.answers import display
from inspector_app.services import answering


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = inspections_actions(commands).add_parser(
        "answer", parents=[common], help="answer one item (see docs/templates.md)")
    p.add_argument("id", help="inspection id or unique prefix")
    p.add_argument("item", help="item key: CODE, CODE/LINE or CODE/IDNUMBER")
    p.add_argument("value", help="e.g. yes, n/a, 12, 'found=8 serviceable=7', met")
    p.add_argument("--remark", default=None)
    add_json(p)
    p.set_defaults(handler=_answer)
    records_person(p)


def _answer(args: argparse.Namespace) -> int:
    with open_workspace(args, shipped_templates=False) as ws:
        try:
            row = answering.answer(ws, args.id, args.item, args.value, remark=args.remark)
        except answering.UnknownInspection:
            from inspector_app.services import inspections  # noqa: PLC0415  (its lookup says what matches)

            row = inspections.answer(ws, args.id, args.item, args.value, remark=args.remark)
    value = answering.loaded(row.value_json)
    if args.json:
        emit_json({"key": args.item, "value": value, "text": display(value), "remark": row.remark,
                   "revision": row.revision, "answered_by": row.answered_by})
    else:
        print(f"{args.item} = {display(value)} (revision {row.revision})")
    return 0
