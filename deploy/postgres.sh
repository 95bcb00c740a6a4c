# Local PostgreSQL for run.sh, test.sh and bench.sh (sourced, not run). See ../shared/STACK.md.
# pg_start <data-dir> <port> [extra server options]   pg_stop <data-dir>
# pg_throwaway <data-dir> <port> [options]: a fresh server, stopped and removed when the script exits

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

pg_install() {
  if [ ! -x "$PGBIN/pg_ctl" ]; then
    echo "==> installing PostgreSQL (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  command -v psql >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null; }
}

# The server refuses to run as root: run it as postgres when we are root.
pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local data=$1 port=$2; shift 2
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_as "$PGBIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  if pg_as "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "==> PostgreSQL already running on 127.0.0.1:$port ($data)"
    return 0
  fi
  pg_as "$PGBIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=300 $*" start >/dev/null
  echo "==> PostgreSQL started on 127.0.0.1:$port ($data)"
}

pg_stop() {
  local data=$1
  pg_as "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

pg_throwaway() {
  local data=$1
  pg_stop "$data"; rm -rf "$data"
  trap "pg_stop '$data'; rm -rf '$data'" EXIT
  pg_start "$@"
}
