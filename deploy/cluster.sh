#!/usr/bin/env bash
# The platform as a region runs it, on this machine's loopback: nginx in front of two web nodes, a worker node (Hangfire
# jobs, Wolverine deliveries), a PostgreSQL primary archiving its WAL, and a streaming replica.
#
#   deploy/cluster.sh up | down | status
#   deploy/cluster.sh stop-node <web1|web2|worker> [KILL|TERM] | start-node <name>
#   deploy/cluster.sh failover     the primary stopped, the replica promoted (docs/operations.md)
#   deploy/cluster.sh psql [args]  psql on the current primary, as postgres
#
# Settings (environment): CLUSTER_DIR (/tmp/platform-cluster), CLUSTER_PORT (5180: nginx; the web nodes +1 and +2,
# the worker +3), CLUSTER_PG_PORT (15501: primary; the replica +1), CLUSTER_DEMO (1: seed the demo district),
# CLUSTER_BUILD (1: build the binary first; 0 uses the one in src/Platform.Api/bin/Release), CLUSTER_REMINDER_SCHEDULE
# (Hangfire cron of the reminder scan; the product's own by default), CLUSTER_NODE_ENV (more of the nodes' settings, one
# NAME=value a line, e.g. Email__Host and Email__Port of a test's mail catcher).
# Each node's environment is written to $CLUSTER_DIR/<node>.env (see docs/operations.md for every variable).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/deploy/postgres.sh"

DIR=${CLUSTER_DIR:-/tmp/platform-cluster}
PORT=${CLUSTER_PORT:-5180}
PG1=${CLUSTER_PG_PORT:-15501}
PG2=$((PG1 + 1))
DLL="$ROOT/src/Platform.Api/bin/Release/net10.0/Platform.Api.dll"
declare -A NODE_PORT=([web1]=$((PORT + 1)) [web2]=$((PORT + 2)) [worker]=$((PORT + 3)))
declare -A NODE_ROLE=([web1]=web [web2]=web [worker]=worker)

log() { echo "==> $*"; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
pg_port_of() { cat "$DIR/$1/port" 2>/dev/null; }

# Both servers are named in every connection string: a node reconnects to whichever is the primary now (after a
# failover, without a restart); read-heavy pages prefer the standby.
connection() { # <role> <target session attributes>
  echo "Host=127.0.0.1:$PG1,127.0.0.1:$PG2;Target Session Attributes=$2;Database=platform;Username=$1;Host Recheck Seconds=2;Timeout=5;Command Timeout=30"
}

write_env() { # <node>
  local node=$1
  # Quoted: the values hold ';' (the format is also systemd's EnvironmentFile).
  cat >"$DIR/$node.env" <<ENV
ASPNETCORE_ENVIRONMENT="Development"
ConnectionStrings__Platform="$(connection platform_app primary);Maximum Pool Size=40"
ConnectionStrings__PlatformSystem="$(connection platform_system primary);Maximum Pool Size=10"
ConnectionStrings__PlatformOwner="$(connection "$(pg_owner_of "$(pg_port_of primary)" platform)" primary)"
ConnectionStrings__PlatformReplica="$(connection platform_app prefer-standby);Maximum Pool Size=20"
Database__MigrateOnStartup="false"
Database__ReplicaMaxStaleness="00:00:05"
Demo__Seed="false"
Auth__Issuer="http://127.0.0.1:$PORT/"
Jobs__PublicUrl="http://127.0.0.1:$PORT"
Jobs__InvisibilityTimeout="00:00:30"
ENV
  # Every node registers the recurring jobs: a schedule other than the product's is given to all of them.
  [ -n "${CLUSTER_REMINDER_SCHEDULE:-}" ] && echo "Jobs__Schedules__reminder-scan=\"$CLUSTER_REMINDER_SCHEDULE\"" >>"$DIR/$node.env"
  if [ -n "${CLUSTER_NODE_ENV:-}" ]; then
    local line; while IFS= read -r line; do [ -n "$line" ] && echo "${line%%=*}=\"${line#*=}\"" >>"$DIR/$node.env"; done <<<"$CLUSTER_NODE_ENV"
  fi
  return 0
}
# The node's environment file as arguments of env(1): a name may hold '-' (Jobs__Schedules__reminder-scan), which the shell's own
# variables cannot.
node_env_args() { sed -E 's/^([^=]+)="(.*)"$/\1=\2/' "$DIR/$1.env"; }

start_node() { # <node>
  local node=$1 port=${NODE_PORT[$1]}
  alive "$DIR/$node.pid" && { log "$node already running"; return 0; }
  local vars; mapfile -t vars < <(node_env_args "$node")
  ( exec setsid env "${vars[@]}" dotnet "$DLL" --urls "http://127.0.0.1:$port" --role "${NODE_ROLE[$node]}" >>"$DIR/logs/$node.log" 2>&1 ) &
  echo $! >"$DIR/$node.pid"
}

wait_healthy() { # <url> <what>
  for _ in $(seq 1 90); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 1
  done
  echo "$2 did not answer $1" >&2
  return 1
}

stop_node() { # <node> [signal]
  local node=$1 signal=${2:-TERM}
  if alive "$DIR/$node.pid"; then
    kill -"$signal" "$(cat "$DIR/$node.pid")" 2>/dev/null || true
    for _ in $(seq 1 30); do alive "$DIR/$node.pid" || break; sleep 0.5; done
  fi
  rm -f "$DIR/$node.pid"
}

write_nginx() {
  mkdir -p "$DIR/nginx"
  local user=""; [ "$(id -u)" = 0 ] && user="user root;"
  cat >"$DIR/nginx.conf" <<NGINX
$user
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
  log_format platform '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent \$request_time upstream=\$upstream_addr';
  access_log $DIR/logs/nginx-access.log platform;
  client_body_temp_path $DIR/nginx/body; proxy_temp_path $DIR/nginx/proxy;
  fastcgi_temp_path $DIR/nginx/fastcgi; uwsgi_temp_path $DIR/nginx/uwsgi; scgi_temp_path $DIR/nginx/scgi;
  client_max_body_size 25m;
  upstream platform {
    server 127.0.0.1:${NODE_PORT[web1]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${NODE_PORT[web2]} max_fails=1 fail_timeout=5s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$PORT;
    # nginx's own refusals in the platform's language: a body over the limit, and a request line nginx cannot read, such as
    # %00 in a path (refused by nginx itself before any location; the nodes' web server would answer an empty 400).
    error_page 400 /problems/400.json;
    error_page 413 /problems/413.json;
    location = /problems/400.json {
      internal;
      default_type "application/problem+json; charset=utf-8";
      return 400 '{"title":"Некорректный запрос","status":400,"detail":"Адрес или заголовки запроса содержат недопустимые символы (например, %00). Проверьте ссылку."}';
    }
    location = /problems/413.json {
      internal;
      default_type "application/problem+json; charset=utf-8";
      return 413 '{"title":"Слишком большой запрос","status":413,"detail":"Запрос больше 25 МБ. Уменьшите файл или разделите его на части."}';
    }

    location / {
      proxy_pass http://platform;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A request the node could not take (refused, reset before an answer, 502) goes to the other node. nginx retries a
      # POST only when it was never sent: a write is not done twice. A 503 (the database away) is passed on with its
      # Retry-After: the other node shares the database, and nginx would count it as the node failing, leaving none (502).
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
    }
  }
}
NGINX
}

pg_primary_settings() { # <data-dir>
  cat >>"$1/postgresql.conf" <<CONF
# cluster.sh: streaming replication and continuous archiving
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
wal_keep_size = 256MB
hot_standby = on
hot_standby_feedback = on
archive_mode = on
archive_command = 'test ! -f $DIR/wal-archive/%f && cp %p $DIR/wal-archive/%f'
archive_timeout = 60
max_connections = 300
CONF
}

up() {
  mkdir -p "$DIR/logs" "$DIR/wal-archive"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/wal-archive"
  pg_install
  command -v nginx >/dev/null || { log "installing nginx (apt)"; apt-get -o DPkg::Lock::Timeout=600 install -y -qq nginx-light >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; }; }
  if [ "${CLUSTER_BUILD:-1}" = 1 ]; then
    log "building"
    if command -v npm >/dev/null; then (cd "$ROOT/src/Platform.Web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); fi
    dotnet build "$ROOT/src/Platform.Api" -c Release -v quiet -nologo | grep -E " error " && exit 1
  fi

  if [ ! -f "$DIR/primary/PG_VERSION" ]; then
    mkdir -p "$DIR/primary"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/primary"; chmod 700 "$DIR/primary"
    pg_as "$PGBIN/initdb" -D "$DIR/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    pg_primary_settings "$DIR/primary"
    echo "$PG1" >"$DIR/primary/port"
  fi
  pg_start "$DIR/primary" "$(pg_port_of primary)"
  local primary_port; primary_port=$(pg_port_of primary)
  pg_platform_database "$primary_port" platform
  # Migrations (and the demo seed, which adds only what is missing) once, by one process, before any node starts (the nodes run with Database__MigrateOnStartup=false).
  for node in web1 web2 worker; do write_env "$node"; done
  log "migrating"
  local vars command=migrate; mapfile -t vars < <(node_env_args web1)
  [ "${CLUSTER_DEMO:-1}" = 1 ] && command=seed-demo
  ( cd "$DIR"; env "${vars[@]}" dotnet "$DLL" "$command" ) \
    >>"$DIR/logs/migrate.log" 2>&1 || { tail -n 20 "$DIR/logs/migrate.log" >&2; exit 1; }

  if [ ! -f "$DIR/replica/PG_VERSION" ]; then
    log "replica: base backup of the primary"
    mkdir -p "$DIR/replica"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/replica"; chmod 700 "$DIR/replica"
    pg_as psql -h 127.0.0.1 -p "$primary_port" -U postgres -qtAc \
      "SELECT pg_create_physical_replication_slot('replica') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'replica')" >/dev/null
    pg_as "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$DIR/replica" -R -X stream -S replica -c fast
    echo "$PG2" >"$DIR/replica/port"
  fi
  pg_start "$DIR/replica" "$(pg_port_of replica)"

  for node in web1 web2 worker; do start_node "$node"; done
  for node in web1 web2 worker; do wait_healthy "http://127.0.0.1:${NODE_PORT[$node]}/health" "$node"; done
  write_nginx
  if [ -f "$DIR/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx.pid")" 2>/dev/null; then nginx -c "$DIR/nginx.conf" -s reload
  else nginx -c "$DIR/nginx.conf"; fi
  wait_healthy "http://127.0.0.1:$PORT/health" nginx
  status
}

down() {
  for node in web1 web2 worker; do stop_node "$node"; done
  [ -f "$DIR/nginx.pid" ] && { nginx -c "$DIR/nginx.conf" -s quit 2>/dev/null || true; rm -f "$DIR/nginx.pid"; }
  pg_stop "$DIR/replica"; pg_stop "$DIR/primary"
  log "stopped (data kept in $DIR; remove it for a fresh cluster)"
}

status() {
  printf '%-8s %-6s %s\n' node port state
  for node in web1 web2 worker; do
    local state=down
    alive "$DIR/$node.pid" && state="up (pid $(cat "$DIR/$node.pid")) health $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${NODE_PORT[$node]}/health")"
    printf '%-8s %-6s %s\n' "$node" "${NODE_PORT[$node]}" "$state"
  done
  printf '%-8s %-6s %s\n' nginx "$PORT" "$(curl -s -o /dev/null -w 'health %{http_code}' "http://127.0.0.1:$PORT/health" || echo down)"
  for pg in primary replica; do
    local port; port=$(pg_port_of "$pg") || continue
    local role
    role=$(psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT CASE WHEN pg_is_in_recovery() THEN 'standby' ELSE 'primary' END" 2>/dev/null || echo down)
    printf '%-8s %-6s %s\n' "$pg" "$port" "$role"
  done
  local p; p=$(current_primary) || return 0
  psql -h 127.0.0.1 -p "$p" -U postgres -tAc "SELECT 'replication: ' || application_name || ' ' || state || ', replay lag ' ||
    COALESCE(replay_lag::text, '0') FROM pg_stat_replication" 2>/dev/null || true
  psql -h 127.0.0.1 -p "$p" -U postgres -tAc "SELECT 'archive: ' || archived_count || ' WAL files, last ' || COALESCE(last_archived_wal, '-') ||
    ', failed ' || failed_count FROM pg_stat_archiver" 2>/dev/null || true
}

current_primary() {
  for pg in primary replica; do
    local port; port=$(pg_port_of "$pg") || continue
    [ "$(psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && { echo "$port"; return 0; }
  done
  return 1
}

# The runbook's steps (docs/operations.md): stop the old primary so that it takes no more writes, promote the standby;
# the nodes name both servers and find the new primary at their next connection.
failover() {
  log "stopping the primary"
  pg_stop "$DIR/primary"
  log "promoting the replica"
  pg_as "$PGBIN/pg_ctl" -D "$DIR/replica" -w promote >/dev/null
  log "the replica on port $(pg_port_of replica) is the primary"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  stop-node) stop_node "$2" "${3:-TERM}" ;;
  start-node) start_node "$2"; wait_healthy "http://127.0.0.1:${NODE_PORT[$2]}/health" "$2" ;;
  failover) failover ;;
  psql) shift; psql -h 127.0.0.1 -p "$(current_primary)" -U postgres -d platform "$@" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
