#!/usr/bin/env bash
# The December week on one host: a generated district's curators and mentors signed in and working at once (deploy/bench/load.lua,
# wrk), at concurrency 8, 32 and 64, then three more rounds at 64 and 30 s idle; in the same run the floors: /health (the
# pipeline's) and the same reads as hand-written SQL with Npgsql (Platform.Bench load-floor). Run by `./bench.sh load`.
# Starts its own PostgreSQL and host (Release, Production settings) and stops both on exit, failure included.
#   BENCH_LOAD_SECONDS (40): seconds per mixed round;  BENCH_LOAD_SCHOOLS (40): schools of the district;  BENCH_YEARS (1)
#   BENCH_LOAD_PG_PORT (55491), BENCH_LOAD_PORT (55492);  quick run: BENCH_LOAD_SECONDS=8 BENCH_LOAD_SCHOOLS=10
#   BENCH_LOAD_POOL (16): the node's connections to the database (Maximum Pool Size)
# Figures: docs/performance.md, "The December week".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
source deploy/postgres.sh
PG_PORT=${BENCH_LOAD_PG_PORT:-55491}
PORT=${BENCH_LOAD_PORT:-55492}
SECONDS_EACH=${BENCH_LOAD_SECONDS:-40}
HEALTH_SECONDS=$(( SECONDS_EACH < 15 ? SECONDS_EACH : 15 ))
DIR=/tmp/platform-load-$PORT
DATA=$DIR/pg
BASE=http://127.0.0.1:$PORT
command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null

host_pid="" host2_pid=""
cleanup() {
  trap - EXIT INT TERM
  for p in "$host_pid" "$host2_pid"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill "$p"; wait "$p" 2>/dev/null || true; fi
  done
  [ -f "$DIR/nginx.pid" ] && nginx -c "$DIR/nginx.conf" -s stop 2>/dev/null || true
  pg_stop "$DATA"
  rm -rf "$DIR"
}
pg_install
rm -rf "$DIR"; mkdir -p "$DIR"
trap cleanup EXIT INT TERM
pg_start "$DATA" "$PG_PORT"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE platform_load" # the generator writes raw rows as the superuser
openssl rand -base64 32 >"$DIR/token-keys-protection.key"
CS="Host=127.0.0.1;Port=$PG_PORT;Database=platform_load"

echo "==> building (Release)"
dotnet build bench/Platform.Bench -c Release -v quiet -nologo | grep -E " error |rror\(s\)" || true
BENCH=bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll
export PLATFORM_BENCH_OWNER="$CS;Username=postgres" PLATFORM_BENCH_APP="$CS;Username=platform_app;Maximum Pool Size=20"

echo "==> the district: region generator, accounts, a reminder scan"
# Hangfire's server may throw while the generator's process unloads, after its work: the targets written are what counts.
dotnet "$BENCH" load-generate "$DIR/targets.json" 2> >(grep -v '^{' >&2) | grep -v '^{' || [ -s "$DIR/targets.json" ]

# start_host <port> <log> [cpu]: a node of the product (Release, Production settings), pinned to a core when one is given; waits for /health.
# The node's pool is sized to the database's cores, as in production: PostgreSQL on this machine's two cores served the mix
# faster with at most 16 connections at work than with 50 (more requests per second, p95 at concurrency 32 some 25 ms lower,
# docs/performance.md); the requests beyond wait for a connection in the node. BENCH_LOAD_POOL changes it.
POOL=${BENCH_LOAD_POOL:-16}
start_host() {
  local port=$1 log=$2 pin=()
  [ -n "${3:-}" ] && pin=(taskset -c "$3")
  ( exec env ASPNETCORE_ENVIRONMENT=Production \
      ConnectionStrings__Platform="$CS;Username=platform_app;Maximum Pool Size=$POOL" \
      ConnectionStrings__PlatformSystem="$CS;Username=platform_system;Maximum Pool Size=10" \
      ConnectionStrings__PlatformOwner="$CS;Username=postgres" \
      Database__MigrateOnStartup=false Demo__Seed=false \
      Auth__Issuer="$BASE/" Auth__RequireHttps=false Auth__StoreKeyInDatabase=true Auth__KeyProtectionFile="$DIR/token-keys-protection.key" Auth__AccessTokenMinutes=120 \
      Auth__SignInPerMinute=1000 Auth__SignInPerAccountPerMinute=100 \
      "${pin[@]}" dotnet src/Platform.Api/bin/Release/net10.0/Platform.Api.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1 ) &
  started_pid=$!
  for _ in $(seq 1 90); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health" && return 0
    kill -0 "$started_pid" 2>/dev/null || { tail -n 20 "$log" >&2; echo "The host on port $port did not start." >&2; exit 1; }
    sleep 1
  done
  echo "The host on port $port did not answer /health." >&2; exit 1
}

echo "==> the host: Platform.Api, Release, Production settings, on 127.0.0.1:$PORT"
start_host "$PORT" "$DIR/host.log"
host_pid=$started_pid
python3 deploy/bench/load.py signin "$BASE" "$DIR/targets.json" "$DIR/data.lua"
# The scan's reminders reach the inboxes through the host's queue: wait until they are in.
for _ in $(seq 1 60); do
  pending=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d platform_load -tAc "SELECT count(*) FROM jobs.deliveries WHERE status = 'pending'" 2>/dev/null || echo 0)
  [ "${pending:-0}" = 0 ] && break
  sleep 1
done
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d platform_load -tAc "SELECT '    data: ' || (SELECT count(*) FROM es.mt_events) || ' events, ' || (SELECT count(*) FROM registry.schools) || ' schools, '
  || (SELECT count(*) FROM mentoring.people) || ' people, ' || (SELECT count(*) FROM mentoring.mentorships) || ' pairs, ' || (SELECT count(*) FROM mentoring.programs) || ' programs, '
  || (SELECT count(*) FROM mentoring.road_map_activities) || ' road map activities, ' || (SELECT count(*) FROM jobs.notifications) || ' notifications, '
  || pg_size_pretty(pg_database_size('platform_load'))"

rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$host_pid/status") / 1024 )); }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of a process
conns() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'platform_load'" 2>/dev/null || echo 0; }
TICKS=$(getconf CLK_TCK)
ROUNDS=$DIR/rounds.jsonl
: >"$ROUNDS"

mixed() { # <label> <concurrency> <seconds> [url: the host by default]
  local label=$1 c=$2 s=$3 target=${4:-$BASE} out="$DIR/wrk-$RANDOM"
  mkdir -p "$out"
  local before; before=$(cpu_ticks "$host_pid")
  BENCH_LOAD_DATA="$DIR/data.lua" BENCH_LOAD_OUT="$out" wrk -t2 -c"$c" -d"${s}s" --timeout 10s -s deploy/bench/load.lua "$target" >"$out/wrk.txt" 2>&1 &
  local wrk_pid=$! max_conns=0 wrk_ticks=0
  while kill -0 "$wrk_pid" 2>/dev/null; do
    local n; n=$(conns); [ "$n" -gt "$max_conns" ] && max_conns=$n
    wrk_ticks=$(cpu_ticks "$wrk_pid" 2>/dev/null || echo "$wrk_ticks")
    sleep 1
  done
  wait "$wrk_pid"
  local host_ticks=$(( $(cpu_ticks "$host_pid") - before ))
  python3 deploy/bench/load.py round "$label" "$out" "$s" | python3 -c "
import json, sys
r = json.load(sys.stdin)
r.update(kind='mixed', concurrency=$c, rss_mb=$(rss_mb), db_connections_max=$max_conns,
         host_cpu_ms_per_request=$host_ticks * 1000 / $TICKS / max(1, r['all']['requests']), wrk_cpu_share=$wrk_ticks / $TICKS / ($s * $(nproc)))
print(json.dumps(r))" >>"$ROUNDS"
  tail -n 1 "$ROUNDS" | python3 -c "import json, sys; r = json.load(sys.stdin); a = r['all']
print(f\"    {r['label']:<18} {a['rps']:7.0f} req/s  p50 {a['p50']:6.1f}  p95 {a['p95']:6.1f}  p99 {a['p99']:6.1f} ms  errors {a['errors']}  RSS {r['rss_mb']} MB  DB connections {r['db_connections_max']}\")"
  rm -rf "$out"
}

cat >"$DIR/health.lua" <<'LUA'
function done(s, l) io.write(string.format('RESULT {"requests": %d, "rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "errors": %d}\n',
  s.requests, s.requests / (s.duration / 1e6), l:percentile(50) / 1000, l:percentile(95) / 1000, l:percentile(99) / 1000,
  s.errors.status + s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout)) end
LUA
health() { # <concurrency>
  wrk -t2 -c"$1" -d"${HEALTH_SECONDS}s" -s "$DIR/health.lua" "$BASE/health" | sed -n 's/^RESULT //p' |
    python3 -c "import json, sys; print(json.dumps({'label': 'health c=$1', 'kind': 'health', 'all': json.load(sys.stdin)}))" >>"$ROUNDS"
}

echo "==> machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -m | awk '/Mem:/ {print $2}') MB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> warm-up: 15 s at concurrency 32 (not counted)"
mixed warm-up 32 15 >/dev/null
sed -i '$d' "$ROUNDS"
echo "==> mixed rounds, ${SECONDS_EACH} s each (wrk -t2, deploy/bench/load.lua)"
mixed "c=8" 8 "$SECONDS_EACH"
mixed "c=32" 32 "$SECONDS_EACH"
mixed "c=64" 64 "$SECONDS_EACH"
for i in 2 3 4; do mixed "c=64 round $i" 64 "$SECONDS_EACH"; done
echo "==> idle 30 s"
sleep 30
echo "{\"label\": \"idle\", \"kind\": \"idle\", \"seconds\": 30, \"rss_mb\": $(rss_mb)}" >>"$ROUNDS"
echo "==> floors: /health (${HEALTH_SECONDS} s each), hand-written SQL (${HEALTH_SECONDS} s each, after 3 s of warm-up)"
for c in 8 32 64; do health "$c"; done

# Two hosts against one, each pinned to a core of its own (taskset), behind nginx (round robin, kept-alive connections to the
# hosts); PostgreSQL, nginx and wrk are not pinned: they share both cores with the hosts. BENCH_LOAD_PINNED=0 skips it.
if [ "${BENCH_LOAD_PINNED:-1}" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  command -v nginx >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y -qq nginx-light >/dev/null
  PROXY=$((PORT + 2))
  proxy_to() { # <upstream servers…>: (re)writes nginx's configuration and starts or reloads it
    mkdir -p "$DIR/nginx"
    { echo "worker_processes 1; pid $DIR/nginx.pid; error_log $DIR/nginx/error.log warn; events { worker_connections 1024; }"
      echo "http { access_log off; client_body_temp_path $DIR/nginx/body; proxy_temp_path $DIR/nginx/proxy;"
      echo "  upstream hosts { $(for h in "$@"; do printf 'server %s; ' "$h"; done) keepalive 64; }"
      echo "  server { listen 127.0.0.1:$PROXY; location / { proxy_pass http://hosts; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host; } } }"
    } >"$DIR/nginx.conf"
    if [ -f "$DIR/nginx.pid" ]; then nginx -c "$DIR/nginx.conf" -s reload; sleep 1; else nginx -c "$DIR/nginx.conf"; fi
  }
  echo "==> pinned hosts: one host on core 0, then two (cores 0 and 1), through nginx, ${SECONDS_EACH} s at concurrency 32"
  taskset -a -p -c 0 "$host_pid" >/dev/null
  proxy_to "127.0.0.1:$PORT"
  mixed "1 pinned host" 32 "$SECONDS_EACH" "http://127.0.0.1:$PROXY"
  start_host $((PORT + 1)) "$DIR/host2.log" 1
  host2_pid=$started_pid
  proxy_to "127.0.0.1:$PORT" "127.0.0.1:$((PORT + 1))"
  mixed "warm-up 2" 32 20 "http://127.0.0.1:$PROXY" >/dev/null # the second host starts cold (JIT)
  sed -i '$d' "$ROUNDS"
  mixed "2 pinned hosts" 32 "$SECONDS_EACH" "http://127.0.0.1:$PROXY"
  nginx -c "$DIR/nginx.conf" -s stop; rm -f "$DIR/nginx.pid"
  kill "$host2_pid"; wait "$host2_pid" 2>/dev/null || true; host2_pid=""
fi
kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""
for c in 8 32 64; do
  BENCH_LOAD_LUA=deploy/bench/load.lua dotnet "$BENCH" load-floor "$DIR/targets.json" "$c" "$HEALTH_SECONDS" "floor c=$c" >>"$ROUNDS"
done
python3 deploy/bench/load.py report "$ROUNDS"
echo "==> error lines in the host log: $(grep -c '"Level":"Error"' "$DIR/host.log" || true)"
# Their messages, each once with its count: the log goes with the run's directory.
grep '"Level":"Error"' "$DIR/host.log" | python3 -c '
import collections, json, sys
seen = collections.Counter(json.loads(l).get("MessageTemplate", "?") for l in sys.stdin if l.startswith("{"))
for message, n in seen.most_common(5): print(f"    {n} × {message[:200]}")' || true
cp "$ROUNDS" /tmp/platform-load-rounds.jsonl
