#!/usr/bin/env bash
# Throughput of a mixed curator workload through nginx at two web nodes and at one, the standby's lag under it, and the
# pipeline's floor (/health through nginx), on a cluster of its own (deploy/cluster.sh). Run by `./bench.sh cluster`.
#   BENCH_CONNECTIONS (32), BENCH_SECONDS (20)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/platform-cluster-bench} CLUSTER_PORT=${CLUSTER_PORT:-5380} CLUSTER_PG_PORT=${CLUSTER_PG_PORT:-15701}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
SECONDS_EACH=${BENCH_SECONDS:-20}
BASE=http://127.0.0.1:$CLUSTER_PORT
command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null

bash "$ROOT/deploy/cluster.sh" down >/dev/null 2>&1 || true
rm -rf "$CLUSTER_DIR"
trap 'bash "$ROOT/deploy/cluster.sh" down >/dev/null 2>&1 || true' EXIT
bash "$ROOT/deploy/cluster.sh" up | tail -n 3

token() {
  curl -fs "$BASE/connect/token" -d grant_type=password -d client_id=nastavnik-cli -d username="$1" -d password=Nastavnik-2026 -d scope=api |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
export BENCH_DISTRICT=11000000-0000-4000-8000-000000000237 BENCH_SCHOOL=11000000-0000-4000-8000-000000000001
export BENCH_DISTRICT_TOKEN; BENCH_DISTRICT_TOKEN=$(token district.curator)
export BENCH_SCHOOL_TOKEN; BENCH_SCHOOL_TOKEN=$(token curator.sosh1)

# The standby's replay lag, sampled every half second on the primary while a run lasts.
lag_sampler() {
  local max=0
  while [ -f "$CLUSTER_DIR/sampling" ]; do
    local lag
    lag=$(psql -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U postgres -tAc \
      "SELECT COALESCE(round(extract(epoch FROM max(replay_lag)) * 1000, 1), 0) FROM pg_stat_replication" 2>/dev/null || echo 0)
    max=$(python3 -c "print(max($max, ${lag:-0}))")
    sleep 0.5
  done
  echo "$max" >"$CLUSTER_DIR/lag-max"
}

run() { # <label> <script or path>
  touch "$CLUSTER_DIR/sampling"; lag_sampler & local sampler=$!
  local out
  if [ "$2" = health ]; then
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s /dev/stdin "$BASE/health" <<'LUA'
function done(s, l) io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f errors=%d socket_errors=%d\n",
  s.requests, s.duration / 1e6, s.requests / (s.duration / 1e6), l:percentile(50) / 1000, l:percentile(95) / 1000, l:percentile(99) / 1000,
  s.errors.status, s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout)) end
LUA
)
  else
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$ROOT/deploy/bench/mixed.lua" "$BASE")
  fi
  rm -f "$CLUSTER_DIR/sampling"; wait "$sampler"
  echo "$out" | grep RESULT | sed "s/^RESULT/$1/; s/\$/ standby_lag_max_ms=$(cat "$CLUSTER_DIR/lag-max")/"
}

echo "==> $CONNECTIONS connections, ${SECONDS_EACH} s each (wrk, 2 threads), through nginx"
run "warm-up" mixed >/dev/null
run "health, 2 web nodes" health
run "mixed, 2 web nodes" mixed
bash "$ROOT/deploy/cluster.sh" stop-node web2
sleep 6 # nginx has marked it down
run "health, 1 web node" health
run "mixed, 1 web node" mixed
echo "==> memory: $(for n in web1 worker; do printf '%s %s MB  ' "$n" $(( $(awk '/VmRSS/ {print $2}' /proc/$(cat "$CLUSTER_DIR/$n.pid")/status) / 1024 )); done)"
