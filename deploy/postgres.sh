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

# pg_platform_database <port> <database>: the database, created when missing, owned by platform_owner, the role the
# migrations run as. It is not a superuser: it creates the application's roles and the regions' databases, owns the
# schema, and may set the app.scope_kind placeholder that migration V051 gives platform_system (PostgreSQL 15 asks for
# that grant). A database made before this role (owned by postgres) keeps postgres as its owner.
pg_platform_database() {
  local port=$1 db=$2
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qv ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT 'CREATE ROLE platform_owner LOGIN NOSUPERUSER CREATEROLE CREATEDB NOBYPASSRLS'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_owner') \gexec
GRANT SET ON PARAMETER app.scope_kind TO platform_owner;
SELECT format('CREATE DATABASE %I OWNER platform_owner', '$db')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \gexec
SQL
}

# pg_owner_of <port> <database>: the role to migrate as: the database's owner (platform_owner, or postgres for an older one).
pg_owner_of() {
  psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAc "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$2'"
}
