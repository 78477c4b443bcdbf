#!/usr/bin/env bash
# Runs every test against real services: PostgreSQL (Debian), dynalite (npm).
# Starts what is not already running, stops what it started, and ends with
# one line "N passed, N failed, N skipped" counted from the TRX reports.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/medzen-test.XXXXXX)
started_pg=""; started_dynalite=""

cleanup() {
  [ -n "$started_dynalite" ] && kill "$started_dynalite" 2>/dev/null
  if [ -n "$started_pg" ]; then
    runuser -u postgres -- "$started_pg/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

[ -d node_modules ] || npm install --no-audit --no-fund >/dev/null

# PostgreSQL on 127.0.0.1:55432 unless MEDZEN_TEST_POSTGRES is already set.
if [ -z "${MEDZEN_TEST_POSTGRES:-}" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$pgbin" ] && [ "$(id -u)" = 0 ]; then
    mkdir -p "$work/pg" && chown postgres:postgres "$work" "$work/pg" && chmod 700 "$work/pg"
    runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    if runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -t 30 \
         -o "-p 55432 -c listen_addresses=127.0.0.1 -k $work/pg -c fsync=off" start >/dev/null; then
      started_pg="$pgbin"
      export MEDZEN_TEST_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"
    fi
  fi
fi

# dynalite on 127.0.0.1:4599 unless MEDZEN_TEST_DYNAMODB is already set.
if [ -z "${MEDZEN_TEST_DYNAMODB:-}" ] && [ -x node_modules/.bin/dynalite ]; then
  node_modules/.bin/dynalite --host 127.0.0.1 --port 4599 --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$work/dynalite.log" 2>&1 &
  started_dynalite=$!
  for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/4599) 2>/dev/null && break; sleep 0.1; done
  export MEDZEN_TEST_DYNAMODB="http://127.0.0.1:4599"
fi

export MEDZEN_TEST_NODE_MODULES="$root/node_modules"
export MEDZEN_SHARED="${MEDZEN_SHARED:-$root/../shared}"

# The workflow definition must pass asl-validator.
status=0
if [ -f src/MedZen.Workflow/soap-note.asl.json ]; then
  node_modules/.bin/asl-validator --json-path src/MedZen.Workflow/soap-note.asl.json || status=1
fi

# One build, then the test projects in two streams, one per core of the 2-core machines this runs on: the longest,
# MedZen.Server.Tests (about two thirds of the suite's wall time), from the start in one, and every other test project
# one after another in the other. `dotnet test --solution` also ran two at a time, but in an order of its own that
# often started the server's tests last, leaving one core idle at the end.
results="$work/results"
longest=MedZen.Server.Tests
run_tests() {
  local project
  for project in "$@"; do
    dotnet test --project "tests/$project" --no-build -p:MedZenTestReports="$results" || touch "$work/failed"
  done
}
if dotnet build MedZen.slnx -nologo -clp:ErrorsOnly; then
  others=()
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    [ "$name" = "$longest" ] || others+=("$name")
  done
  run_tests "$longest" >"$work/$longest.log" 2>&1 &
  longest_pid=$!
  run_tests "${others[@]}"
  wait "$longest_pid"
  cat "$work/$longest.log"
  [ -f "$work/failed" ] && status=1
else
  status=1
fi

python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
if passed + failed == 0 and sys.argv[2] != "0":
    failed = 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
