"""Bundle record lines and rows as the import checks them (``sync.manifest.loads_object``, ``sync.records.check_rows``):
one pass of pydantic-core refuses what the app never writes, with the file, line and column, as before."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from inspector_app.storage.models import Answer
from inspector_app.sync import BundleError
from inspector_app.sync.manifest import canonical_json, loads_lines, loads_object
from inspector_app.sync.records import check_rows


def _answer(**changes: Any) -> dict[str, Any]:
    row = {"id": "a1", "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z", "device_id": "d",
           "inspection_id": "i1", "key": "me.count/1", "value_json": '{"found": 5, "serviceable": 4}', "remark": "",
           "revision": 1, "base_revision": 0, "answered_by": "Awa Diop", "clock": '{"d": 1}'}
    return {**row, **changes}


def _refusal(rows: list[dict[str, Any]]) -> str:
    with pytest.raises(BundleError) as caught:
        check_rows(Answer, rows)
    return str(caught.value)


@pytest.mark.parametrize("line", [
    b'{"id":"a1","remark":"","id":"a2"}',
    b'{"id" : "a1", "id": "a2"}',  # spaced as json.dumps writes it
    b'{"id":"a1","nested":{"k":1,"k":2}}',
    b'{"id":"a\\\\","id":"b"}',  # an escaped backslash before a closing quote
    b'{"id":"\\":","id":"b"}',  # a key's colon inside a string
    b'{"a\\\\":1,"a\\\\":2}',  # a key that ends with an escaped backslash
    b'{"id":":","id":"b"}',  # a string that starts with a colon
])
def test_a_key_twice_in_a_record_line_is_refused(line: bytes) -> None:
    honest = canonical_json(_answer())
    assert loads_lines(honest + b"\n" + line + b"\n", [honest, line]) is None  # the careful parser decides
    with pytest.raises(BundleError, match=r"answer.jsonl line 3 is not valid JSON \(duplicate key"):
        loads_object(line, "records/answer.jsonl line 3")


def test_canonical_lines_read_back_as_written_by_either_parser() -> None:
    rows = [_answer(), _answer(id="a2", remark='said "ok": fine', value_json=json.dumps({"n": [1, 2.5, None]})),
            _answer(id="a3", remark="a \\ and a tab\t"), _answer(id="a4", remark="ends with \\"),
            _answer(id="a5", remark="Note : en français")]
    lines = [canonical_json(row) for row in rows]
    assert [loads_object(line, "x") for line in lines] == rows
    assert loads_lines(b"".join(line + b"\n" for line in lines[:3]), lines[:3]) == rows[:3]
    for line in lines[3:]:  # a backslash before a quote, a space before a colon: the careful parser decides
        assert loads_lines(line + b"\n", [line]) is None


def test_checked_rows_hold_the_values_with_times_in_utc() -> None:
    rows = check_rows(Answer, [_answer(), _answer(id="a2", key="me.count/2", created_at="2026-01-02T05:04:05+02:00",
                                                   updated_at="2026-01-02T03:04:05")])
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert [(r.created_at, r.updated_at) for r in rows] == [(moment, moment), (moment, moment)]
    assert all(r.created_at.tzinfo is UTC and r.updated_at.tzinfo is UTC for r in rows)
    assert vars(rows[0]) == {**_answer(), "created_at": moment, "updated_at": moment}


@pytest.mark.parametrize(("row", "reason"), [
    (_answer(zz=1, aa=2, revision="many"), "line 1 has unknown column 'aa'"),
    ({k: v for k, v in _answer().items() if k not in ("key", "inspection_id")}, "line 1 has no 'inspection_id'"),
    ({k: v for k, v in _answer().items() if k != "id"}, "line 1 has no 'id'"),
    (_answer(key="me\x00count"), "line 1, column key: a NUL character"),
    (_answer(value_json=None, remark="a\x00"), "line 1, column remark: a NUL character"),
    (_answer(revision=2**31), "line 1, column revision: 2147483648 is out of range"),
    (_answer(base_revision=-(2**31) - 1), "line 1, column base_revision: -2147483649 is out of range"),
    (_answer(revision="many"), "line 1, column revision: Input should be a valid integer"),
    (_answer(created_at="yesterday"), "line 1, column created_at: Input should be a valid datetime"),
    (_answer(value_json="{not json"), "line 1, column value_json: not JSON"),
    (_answer(clock='{"d": 0}'), "line 1, column clock: a version vector maps"),
])
def test_a_value_the_app_never_writes_is_refused_with_its_line_and_column(row: dict[str, Any], reason: str) -> None:
    assert _refusal([row]).startswith(f"the bundle is refused: records/answer.jsonl {reason}")


def test_the_limits_themselves_and_text_that_only_names_a_nul_are_accepted() -> None:
    row = _answer(revision=2**31 - 1, base_revision=-(2**31), remark="\\u0000 is how JSON writes NUL")
    assert check_rows(Answer, [row])[0].revision == 2**31 - 1


def test_a_rule_decides_each_value_again_in_every_column_and_row() -> None:
    good, bad = _answer(), _answer(id="a2", key="me.count/2", clock='{"d": -1}')
    assert "line 2, column clock" in _refusal([good, bad])
    assert "line 1, column clock" in _refusal([bad, good])
    assert "line 2 repeats the id a1" in _refusal([good, _answer(key="me.count/2")])
    same = '{"d": -1}'  # JSON, as value_json must be, but no version vector: each column's rule decides
    assert "line 1, column clock: a version vector maps" in _refusal([_answer(value_json=same, clock=same)])
