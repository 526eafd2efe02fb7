"""The shipped checklist templates as published now, and versions 1 and 2 as earlier installations hold them.

Version 2 of each shipped template is version 1 with its ``signature_roles`` named, nothing else changed; so
version 1 is rebuilt here from version 2, and its SHA-256 checked against the one version 1 shipped with (the hash
that bundles and reference packages compare). Version 2 is the shipped file, or, for a template published again
since, the copy kept in ``tests/templates_v2``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from inspector_app.resources_access import shipped_templates

V1_SHA256 = {
    "ams.yaml": "a9e0bd9d3fd7a17d7453e7c29f6a203d30b7e175d9975f4a71785f1272540fd3",
    "aoc-fpu.yaml": "34fd11685287abe2ec56c95961054776674ecb892a9ac7ad554456fa68153c40",
    "coe-major-equipment.yaml": "c5852eba8e7d6cf263fe3d052837aa3eb0d12afa245dd47929e411b23a3f7bc9",
    "coe-self-sustainment.yaml": "7062ea2172adffc30e9c12c2fc9c256f33bb92859f74dc79c7fcc0ea50686b83",
}
V2_COPIES = Path(__file__).parent / "templates_v2"
_ROLES = re.compile(r"# The report's signature blocks, in order \(docs/templates\.md\)\.\nsignature_roles: .*\n\n")


def text(name: str) -> str:
    """The shipped file ``name`` (e.g. ``ams.yaml``)."""
    source: str = next(t for t in shipped_templates() if t.name == name).read_text(encoding="utf-8")
    return source


def version(source: str) -> int:
    return int(re.search(r"^version: (\d+)$", source, re.MULTILINE).group(1))  # type: ignore[union-attr]


def v2(name: str) -> str:
    """Version 2 of shipped template ``name``, byte for byte as it shipped."""
    source = text(name)
    return source if version(source) == 2 else (V2_COPIES / name).read_text(encoding="utf-8")


def v1(name: str) -> str:
    """Version 1 of shipped template ``name``, byte for byte as it shipped."""
    source, found = _ROLES.subn("", v2(name).replace("\nversion: 2\n", "\nversion: 1\n", 1))
    assert found == 1 and sha256(source) == V1_SHA256[name], f"version 1 of {name} cannot be rebuilt"
    return source


def next_version(source: str) -> str:
    """``source`` as the next version of its template, nothing else changed."""
    number = version(source)
    return source.replace(f"\nversion: {number}\n", f"\nversion: {number + 1}\n", 1)


def current_versions() -> dict[str, int]:
    """Each shipped template's id and the version this release ships."""
    found = {}
    for resource in shipped_templates():
        source = resource.read_text(encoding="utf-8")
        found[re.search(r"^id: (\S+)$", source, re.MULTILINE).group(1)] = version(source)  # type: ignore[union-attr]
    return found


def sha256(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@contextmanager
def v1_shipped(folder: Path) -> Iterator[None]:
    """Within: the installation ships version 1 of each template (as before version 2), written in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name in sorted(V1_SHA256):
        (folder / name).write_text(v1(name), encoding="utf-8", newline="")
        files.append(folder / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("inspector_app.services.templates.shipped_templates", lambda: files)
        yield
