#!/usr/bin/env bash
# A region in a database of its own, on a cluster of its own (deploy/cluster.sh): the time to connect the region's database at
# run time (created on the server and migrated), the time to register its schools there (each registration also copies the
# region's registry into the home database), the district dashboard read from the region's database against the demo
# district's read from the home one (wrk through nginx), and the connections and sizes per database.
# Run by `./bench.sh regions`. BENCH_SCHOOLS (200), BENCH_SECONDS (15), BENCH_CONNECTIONS (16). Figures: docs/scaling.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/platform-cluster-regions} CLUSTER_PORT=${CLUSTER_PORT:-5480} CLUSTER_PG_PORT=${CLUSTER_PG_PORT:-15801}
SCHOOLS=${BENCH_SCHOOLS:-200}
SECONDS_EACH=${BENCH_SECONDS:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
BASE=http://127.0.0.1:$CLUSTER_PORT
command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null

bash "$ROOT/deploy/cluster.sh" down >/dev/null 2>&1 || true
rm -rf "$CLUSTER_DIR"
trap 'bash "$ROOT/deploy/cluster.sh" down >/dev/null 2>&1 || true' EXIT
bash "$ROOT/deploy/cluster.sh" up | tail -n 2

json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
ADMIN=$(curl -fs "$BASE/connect/token" -d grant_type=password -d client_id=nastavnik-cli -d username=platform.admin \
  -d password=Nastavnik-2026 -d scope=api | json '["access_token"]')
post() { curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -X POST "$BASE$1" -d "$2"; }
psql_primary() { psql -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U postgres -d platform -tAc "$1"; }

echo "==> a region's database connected at run time"
start=$(date +%s.%N)
post /api/platform/databases '{"id":"sakha","databaseName":"platform_sakha"}' >/dev/null
echo "connect (CREATE DATABASE + $(psql -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U postgres -d platform_sakha -tAc 'SELECT count(*) FROM schema_migrations') migrations): $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s"

REGION=$(post /api/regions '{"code":"14","name":"Республика Саха (Якутия)","instituteName":"ГАУ ДПО «ИРОиПК»","timeZone":"Asia/Yakutsk","database":"sakha"}' | json '["id"]')
DISTRICT=$(post "/api/regions/$REGION/districts" '{"name":"МКУ «Управление образования Намского улуса»","shortName":"Намский улус","timeZone":"Asia/Yakutsk"}' | json '["id"]')

echo "==> $SCHOOLS schools registered in the region's database, one after the other"
: >"$CLUSTER_DIR/register-ms"
for i in $(seq 1 "$SCHOOLS"); do
  curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -X POST "$BASE/api/districts/$DISTRICT/schools" \
    -d "{\"fullName\":\"МБОУ «Средняя общеобразовательная школа № $i»\",\"shortName\":\"СОШ № $i\",\"kind\":\"school\",\"timeZone\":\"Asia/Yakutsk\"}" \
    >>"$CLUSTER_DIR/register-ms"
done
python3 - "$CLUSTER_DIR/register-ms" <<'PY'
import statistics, sys
t = [float(x) * 1000 for x in open(sys.argv[1])]
def q(xs, p): xs = sorted(xs); return xs[min(len(xs) - 1, int(len(xs) * p))]
print(f"registration: first 20 p50 {statistics.median(t[:20]):.1f} ms, last 20 p50 {statistics.median(t[-20:]):.1f} ms, all p95 {q(t, 0.95):.1f} ms")
PY

wrk_get() { # <label> <path>
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -H "Authorization: Bearer $ADMIN" -s /dev/stdin "$BASE$2" <<'LUA' |
function done(s, l) io.write(string.format("RESULT rps=%.1f p50_ms=%.1f p95_ms=%.1f errors=%d\n",
  s.requests / (s.duration / 1e6), l:percentile(50) / 1000, l:percentile(95) / 1000, s.errors.status + s.errors.connect + s.errors.timeout)) end
LUA
    grep RESULT | sed "s/^RESULT/$1/"
}
HOME_DISTRICT=11000000-0000-4000-8000-000000000237
echo "==> $CONNECTIONS connections, ${SECONDS_EACH} s each, through nginx"
wrk_get "warm-up" "/api/districts/$DISTRICT/dashboard" >/dev/null
# The district's card: the same small read in either database, so the difference is the routing's.
wrk_get "district card, region database" "/api/districts/$DISTRICT"
wrk_get "district card, home database" "/api/districts/$HOME_DISTRICT"
wrk_get "district dashboard, region database ($SCHOOLS schools)" "/api/districts/$DISTRICT/dashboard"
wrk_get "district dashboard, home database (demo, 6 schools)" "/api/districts/$HOME_DISTRICT/dashboard"

echo "==> connections held per database and role (all nodes)"
psql_primary "SELECT datname || ' ' || usename || ': ' || count(*) FROM pg_stat_activity WHERE datname LIKE 'platform%' GROUP BY datname, usename ORDER BY 1"
echo "==> sizes"
psql_primary "SELECT datname || ': ' || pg_size_pretty(pg_database_size(datname)) FROM pg_database WHERE datname LIKE 'platform%' ORDER BY 1"
psql -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U postgres -d platform_sakha -tAc "SELECT 'events in platform_sakha: ' || count(*) FROM es.mt_events"
psql_primary "SELECT 'events in platform (home): ' || count(*) FROM es.mt_events"
