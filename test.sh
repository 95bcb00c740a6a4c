#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL (started here, removed at the end). Non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
source deploy/postgres.sh

PORT=${PLATFORM_TEST_PG_PORT:-55439}
DATA=/tmp/platform-pg-test-$PORT
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

pg_install
# The tests open exported XLSX and DOCX files with LibreOffice (Calc and Writer); another engineer may be running apt: the lock
# timeout waits.
if ! command -v soffice >/dev/null || ! dpkg -s libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null \
    || { apt-get -o DPkg::Lock::Timeout=600 update -qq \
         && apt-get -o DPkg::Lock::Timeout=600 install -y -qq libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null; }
fi
# Front-end libraries of the web UI (Bootstrap, htmx, Chart.js) from npm, copied next to the binary by the build.
if command -v npm >/dev/null; then
  (cd src/Platform.Web && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "npm ci failed (src/Platform.Web)." >&2; exit 1; }
else
  echo "npm is not installed: the web UI will be served without its styles and scripts." >&2
fi
pg_throwaway "$DATA" "$PORT" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

# The browser tests drive Debian's Chromium (Playwright's own download cannot work here).
if [ ! -x /usr/bin/chromium ]; then
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null || { apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null; }
fi

export PLATFORM_PG_BIN="$PGBIN"
export PLATFORM_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=postgres"
RESULTS=$(mktemp -d)
set +e
dotnet test Platform.sln -c Release --logger "console;verbosity=normal" --logger "trx;LogFileName=tests.trx" --results-directory "$RESULTS" "$@"
rc=$?
set -e
# The failures again at the end, with their messages: a long log is often read from its tail.
if [ "$rc" -ne 0 ] && ls "$RESULTS"/*.trx >/dev/null 2>&1; then
  echo "==> failed tests"
  python3 - "$RESULTS" <<'PY' || grep -ho 'testName="[^"]*"[^>]*outcome="Failed"' "$RESULTS"/*.trx
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in glob.glob(sys.argv[1] + "/*.trx"):
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") != "Failed":
            continue
        message, stack = result.find(".//t:Message", ns), result.find(".//t:StackTrace", ns)
        print("FAILED", result.get("testName"))
        print((message.text or "").strip()[:3000] if message is not None else "")
        print((stack.text or "").strip()[:2000] if stack is not None else "")
PY
fi
rm -rf "$RESULTS"
# The deployment's faults (deploy/cluster_test.py, deploy/crash_test.py): each a cluster of its own on other ports, with the binary
# the tests built.
# Run with the whole suite only (not with a --filter), and not when PLATFORM_SKIP_CLUSTER=1.
if [ $# -eq 0 ] && [ "${PLATFORM_SKIP_CLUSTER:-0}" != 1 ]; then
  echo "==> cluster faults (deploy/cluster_test.py)"
  python3 deploy/cluster_test.py || rc=1
  # The crash suite's short form (docs/reliability.md): one kill of the host per kind of work, and PostgreSQL restarted under load.
  echo "==> crashes (deploy/crash_test.py)"
  PLATFORM_CRASH_KILLS=${PLATFORM_CRASH_KILLS:-4} python3 deploy/crash_test.py || rc=1
fi
exit "$rc"
