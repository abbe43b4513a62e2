#!/usr/bin/env bash
# The README's two commands. Idempotent: installs only what is missing, then acts.
#   bash scripts/run.sh serve   Debian + PyPI packages for the service, then the service on :8000
#   bash scripts/run.sh test    ... plus what the tests need (Chromium, PostgreSQL), then the whole suite
set -euo pipefail
cd "$(dirname "$0")/.."

verb=${1:-}
case "$verb" in serve | test) shift ;; *) echo "usage: $0 serve|test [args...]" >&2; exit 2 ;; esac

debs=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-tha tesseract-ocr-eng fonts-dejavu-core python3-venv)
[ "$verb" = test ] && debs+=(chromium postgresql fonts-noto-core fonts-thai-tlwg)
missing=()
for pkg in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
[ "$verb" = test ] && extras="[test]"
stamp=".venv/.installed$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -qq --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi

if [ "$verb" = serve ]; then
  exec .venv/bin/motcua serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" "$@"
fi
# Tests: xdist across both cores; exit 5 (no test collected) is a failure for CI's purposes too.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" "$@"
