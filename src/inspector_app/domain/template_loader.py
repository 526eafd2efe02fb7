"""Read checklist template files (YAML, safe loader) into validated ``Template`` models.

Every error names the file, the line and the path of the offending value, and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydantic
import yaml

from inspector_app.domain.template_model import Template
from inspector_app.errors import TemplateError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster


def load_template_file(path: Path) -> Template:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read the template: {exc}") from exc
    return parse_template(text, str(path))


def parse_template(text: str, source: str = "<template>") -> Template:
    """Validate template ``text``; ``source`` names it in error messages."""
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506  (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise TemplateError(f"{source}{where}: not valid YAML: {problem}") from exc
    if not isinstance(data, dict):
        raise TemplateError(f"{source}: a template must be a mapping of keys to values")
    try:
        return Template.model_validate(data)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        loc = [p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        line = _line_of(yaml.compose(text, Loader=_LOADER), loc)
        where = f":{line}" if line else ""
        path = _dotted(loc) or "(top level)"
        message = first["msg"].removeprefix("Value error, ")
        more = len(exc.errors()) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise TemplateError(f"{source}{where}: {path}: {message}{tail}") from exc


def _dotted(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(node: yaml.Node | None, loc: list[Any]) -> int | None:
    """The 1-based line of the deepest YAML node that ``loc`` reaches."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line
