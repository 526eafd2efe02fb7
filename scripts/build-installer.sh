#!/usr/bin/env bash
# Build the desktop program with PyInstaller (build_installer.spec): a folder that runs without Python,
# checked with its own --self-test, and an archive of it to hand out.
#
#   scripts/build-installer.sh [--dist DIR] [--work DIR]
#
# Needs the build extra: .venv/bin/pip install -e '.[build]'. Writes DIST/inspector/ (default dist/) and
# DIST/inspector-VERSION-OS-ARCH.tar.gz (.zip on Windows); PyInstaller's scratch files go to WORK
# (default build/pyinstaller). PYTHON chooses the interpreter (default: the project's .venv).
# Runs in Git Bash on Windows too; there, or anywhere, `pyinstaller --noconfirm build_installer.spec` builds
# the folder alone.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$root/dist
work=$root/build/pyinstaller
while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "usage: scripts/build-installer.sh [--dist DIR] [--work DIR]" >&2; exit 2 ;;
  esac
done
if [ -z "${PYTHON:-}" ]; then
  PYTHON=$root/.venv/bin/python
  [ -x "$PYTHON" ] || PYTHON=$root/.venv/Scripts/python.exe
fi
"$PYTHON" -c "import PyInstaller" 2>/dev/null ||
  { echo "build-installer: PyInstaller is missing; run: .venv/bin/pip install -e '.[build]'" >&2; exit 1; }

started=$SECONDS
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$dist" --workpath "$work" \
  "$root/build_installer.spec"
program=$dist/inspector/inspector
[ -x "$program" ] || program=$program.exe

# The built program checks itself (database, templates, report, signature, translations, drivers) in a
# temporary folder, away from the source tree and the virtual environment.
(cd "$dist" && env -u PYTHONPATH -u PYTHONHOME "$program" --self-test)

"$PYTHON" - "$dist" "$("$program" --version | cut -d' ' -f2)" <<'EOF'
import platform, shutil, sys, tarfile
from pathlib import Path

dist, version = Path(sys.argv[1]), sys.argv[2]
system = platform.system().lower()
name = dist / f"inspector-{version}-{system}-{platform.machine().lower()}"
if system == "windows":  # a zip opens with Explorer
    archive = Path(shutil.make_archive(str(name), "zip", dist, "inspector"))
else:  # tar keeps the symbolic links between Qt's libraries and the executable bits
    archive = name.with_name(name.name + ".tar.gz")
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:  # level 9: 3x slower, 0.4 % smaller
        tar.add(dist / "inspector", "inspector")
folder = sum(f.stat().st_size for f in (dist / "inspector").rglob("*") if f.is_file() and not f.is_symlink())
mib = 2**20
print(f"build-installer: {dist / 'inspector'} ({folder / mib:.0f} MiB), archive {archive} "
      f"({archive.stat().st_size / mib:.0f} MiB)")
EOF
echo "build-installer: done in $((SECONDS - started)) s"
