#!/usr/bin/env bash
# Event store benchmark on a throwaway PostgreSQL with default (durable) settings, started here and
# removed at the end. PLATFORM_BENCH_PG_PORT (default 55434): its port. Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")"
source deploy/postgres.sh

PORT=${PLATFORM_BENCH_PG_PORT:-55434}
DATA=/tmp/platform-pg-bench-$PORT
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

# `./bench.sh cluster`: the mixed workload through nginx at two web nodes and at one (deploy/bench/cluster.sh, a cluster of its own).
if [ "${1:-}" = cluster ]; then exec bash deploy/bench/cluster.sh; fi
# `./bench.sh restore`: the point-in-time restore of a generated region (deploy/bench/restore.sh).
if [ "${1:-}" = restore ]; then exec bash deploy/bench/restore.sh; fi
# `./bench.sh regions`: a region in a database of its own (deploy/bench/regions.sh, figures in docs/scaling.md).
if [ "${1:-}" = regions ]; then exec bash deploy/bench/regions.sh; fi
# `./bench.sh load`: the December week, a district's curators at once on one host, with its floors (deploy/bench/load.sh, docs/performance.md).
if [ "${1:-}" = load ]; then exec bash deploy/bench/load.sh; fi

pg_install
# PLATFORM_BENCH_PG_OPTS: extra server options, e.g. "-c shared_buffers=2GB" as in the region-scale figures of docs/performance.md.
pg_throwaway "$DATA" "$PORT" ${PLATFORM_BENCH_PG_OPTS:-}
psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE platform_bench"

echo "==> building"
dotnet build bench/Platform.Bench -c Release -v quiet -nologo

export PLATFORM_BENCH_OWNER="Host=127.0.0.1;Port=$PORT;Database=platform_bench;Username=postgres"
export PLATFORM_BENCH_APP="Host=127.0.0.1;Port=$PORT;Database=platform_bench;Username=platform_app;Maximum Pool Size=50"
# BENCH_ONLY=eventstore|dashboard|aggregates|reminders runs one part; unset: all of them.
if [ -z "${BENCH_ONLY:-}" ] || [ "${BENCH_ONLY:-}" = eventstore ]; then
  dotnet bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll
fi

# Region-scale dashboard (issue 6): BENCH_SCHOOLS schools (default 1,000; BENCH_YEARS=4 school years each, ≈9.5M events), generated through the event
# store into its own database, then measured in a fresh process. BENCH_ONLY=dashboard skips the event store part;
# BENCH_DASHBOARD_DB=<name> reuses a database generated before (a rerun continues an interrupted generation).
if [ -z "${BENCH_ONLY:-}" ] || [ "${BENCH_ONLY:-}" = dashboard ]; then
  DB=${BENCH_DASHBOARD_DB:-platform_dashboard_bench}
  psql -h 127.0.0.1 -p "$PORT" -U postgres -qtc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE $DB"
  export PLATFORM_BENCH_OWNER="Host=127.0.0.1;Port=$PORT;Database=$DB;Username=postgres"
  export PLATFORM_BENCH_APP="Host=127.0.0.1;Port=$PORT;Database=$DB;Username=platform_app;Maximum Pool Size=50"
  dotnet bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll dashboard-generate
  dotnet bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll dashboard-measure
fi

# One road map read and written at 50 and at 5,000 events (snapshots), with its hand-written SQL floor (≈1 min).
if [ -z "${BENCH_ONLY:-}" ] || [ "${BENCH_ONLY:-}" = aggregates ]; then
  psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE platform_bench_aggregates"
  PLATFORM_BENCH_OWNER="Host=127.0.0.1;Port=$PORT;Database=platform_bench_aggregates;Username=postgres" \
  PLATFORM_BENCH_APP="Host=127.0.0.1;Port=$PORT;Database=platform_bench_aggregates;Username=platform_app;Maximum Pool Size=50" \
    dotnet bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll aggregates
fi

if [ -z "${BENCH_ONLY:-}" ] || [ "${BENCH_ONLY:-}" = reminders ]; then
# Reminder scan (issue 7): one scan over PLATFORM_BENCH_SCHOOLS schools (default 40,000) × 12 deadlines, target < 10 s;
# then the scan as a Hangfire job and Hangfire's delay from due time to start at 1, 2 and 4 nodes (≈2.5 min more).
echo "==> reminder scan"
psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE platform_bench_jobs"
dotnet build bench/Platform.JobsBench -c Release -v quiet -nologo
PLATFORM_BENCH_OWNER="Host=127.0.0.1;Port=$PORT;Database=platform_bench_jobs;Username=postgres" \
PLATFORM_BENCH_APP="Host=127.0.0.1;Port=$PORT;Database=platform_bench_jobs;Username=platform_app;Maximum Pool Size=50" \
  dotnet bench/Platform.JobsBench/bin/Release/net10.0/Platform.JobsBench.dll
fi
