#!/usr/bin/env bash
# The restore drill's time at region scale: a PostgreSQL archiving its WAL, a region generated into it through the real store
# (bench/Platform.Bench dashboard-generate: BENCH_SCHOOLS schools, default 1,000, BENCH_YEARS school years, default 1), a base
# backup and more writes after it, then deploy/backup.sh restore to the end of the archive. Run by `./bench.sh restore`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/deploy/postgres.sh"
PORT=${BENCH_RESTORE_PG_PORT:-15801}
DIR=${BENCH_RESTORE_DIR:-/tmp/platform-restore-bench}
export BENCH_YEARS=${BENCH_YEARS:-1}

pg_install
pg_stop "$DIR/primary"; pg_stop "$DIR/restored"; rm -rf "$DIR"; mkdir -p "$DIR/wal-archive" "$DIR/primary"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/wal-archive" "$DIR/primary"
chmod 700 "$DIR/primary"
pg_as "$PGBIN/initdb" -D "$DIR/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$DIR/primary/postgresql.conf" <<CONF
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $DIR/wal-archive/%f && cp %p $DIR/wal-archive/%f'
shared_buffers = 1GB
max_wal_size = 4GB
CONF
trap 'pg_stop "$DIR/primary"; pg_stop "$DIR/restored"' EXIT
pg_start "$DIR/primary" "$PORT"
psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE platform_bench"
dotnet build "$ROOT/bench/Platform.Bench" -c Release -v quiet -nologo
export PLATFORM_BENCH_OWNER="Host=127.0.0.1;Port=$PORT;Database=platform_bench;Username=postgres"
export PLATFORM_BENCH_APP="Host=127.0.0.1;Port=$PORT;Database=platform_bench;Username=platform_app;Maximum Pool Size=50"
BENCH=$ROOT/bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll

# Half of the region before the base backup, the rest after it: the restore replays the second half from the archive.
half=$(( ${BENCH_SCHOOLS:-1000} / 2 ))
echo "==> generating $half schools, then the base backup"
BENCH_SCHOOLS=$half dotnet "$BENCH" dashboard-generate | tail -n 2
started=$(date +%s.%N)
bash "$ROOT/deploy/backup.sh" base "$PORT" "$DIR/backups"
backup_seconds=$(python3 -c "import time; print(round(time.time() - $started, 1))")
echo "==> generating the rest of the region after the backup"
BENCH_SCHOOLS=${BENCH_SCHOOLS:-1000} dotnet "$BENCH" dashboard-generate | tail -n 2
last=$(psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 600); do
  [ "$(psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT COALESCE(last_archived_wal, '') >= '$last' FROM pg_stat_archiver")" = t ] && break
  sleep 0.5
done
original=$(psql -h 127.0.0.1 -p "$PORT" -U postgres -d platform_bench -tAc "SELECT count(*) || ' events, last ' || max(seq_id) FROM es.mt_events")
size=$(psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT pg_size_pretty(pg_database_size('platform_bench'))")
archive=$(du -sh "$DIR/wal-archive" | cut -f1)
pg_stop "$DIR/primary"
started=$(date +%s.%N)
bash "$ROOT/deploy/backup.sh" restore "$DIR/backups" "$DIR/wal-archive" "$DIR/restored" $((PORT + 1))
restore_seconds=$(python3 -c "import time; print(round(time.time() - $started, 1))")
restored=$(psql -h 127.0.0.1 -p $((PORT + 1)) -U postgres -d platform_bench -tAc "SELECT count(*) || ' events, last ' || max(seq_id) FROM es.mt_events")
echo "RESULT database $size, WAL archive $archive; base backup ${backup_seconds} s; restore (base + replay) ${restore_seconds} s"
echo "RESULT original: $original; restored: $restored"
[ "$original" = "$restored" ] || { echo "the restored database differs" >&2; exit 1; }
