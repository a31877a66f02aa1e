#!/usr/bin/env bash
# Create .venv (if missing) and install the project with its test extras.
# Skipped when .venv/.installed is newer than pyproject.toml.
# Quiet unless it fails; pip's output goes to .venv/install.log.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

venv=.venv
stamp=$venv/.installed
log=$venv/install.log

# Prefer an explicit python3.11; the project needs Python >= 3.11.
py=$(command -v python3.11 || command -v python3 || true)
if [[ -z $py ]] || ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup-venv: Python 3.11 or newer is required (python3.11 / python3 not found or too old)" >&2
  exit 1
fi

# A venv whose interpreter no longer runs (e.g. Python removed) is rebuilt.
if [[ -d $venv ]] && ! "$venv/bin/python" -c '' 2>/dev/null; then
  echo "setup-venv: $venv is broken, recreating it" >&2
  rm -rf "$venv"
fi
if [[ ! -d $venv ]]; then
  if ! "$py" -m venv "$venv"; then
    echo "setup-venv: '$py -m venv' failed; on Debian run: apt-get install python3-venv" >&2
    exit 1
  fi
fi

# The compiled translations (.qm) are built from their sources (.ts) whenever a
# source is newer, with the lrelease of the PySide6 wheel.
compile_translations() {
  local ts qm lrelease=$venv/bin/pyside6-lrelease
  for ts in resources/translations/*.ts; do
    [[ -e $ts ]] || continue
    qm=${ts%.ts}.qm
    [[ -f $qm && $qm -nt $ts ]] && continue
    if [[ ! -x $lrelease ]]; then
      lrelease=$("$venv/bin/python" -c 'import PySide6, pathlib; print(next(pathlib.Path(PySide6.__file__).parent.rglob("lrelease")))' 2>/dev/null || true)
    fi
    if [[ -z $lrelease || ! -x $lrelease ]]; then
      echo "setup-venv: no lrelease found (pyside6-lrelease); $qm not built" >&2
      return 1
    fi
    "$lrelease" -silent "$ts" -qm "$qm" || { echo "setup-venv: lrelease failed on $ts" >&2; return 1; }
  done
}

if [[ -f $stamp && $stamp -nt pyproject.toml ]]; then
  compile_translations
  exit 0
fi

echo "setup-venv: installing dependencies into $venv (log: $log)" >&2
pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input)
# A venv made with PySide6 6.12 has the separate PySide6-Pdf wheel, which would shadow
# the QtPdf of the (pinned, older) Addons wheel: remove it first.
if ! { "${pip[@]}" install --upgrade pip \
       && { "${pip[@]}" uninstall -y PySide6-Pdf || true; } \
       && "${pip[@]}" install -e '.[test]'; } \
     >"$log" 2>&1 </dev/null; then
  tail -n 40 "$log" >&2
  echo "setup-venv: pip install failed (full log: $log)" >&2
  rm -f "$stamp"
  exit 1
fi
touch "$stamp"
compile_translations
