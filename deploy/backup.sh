#!/usr/bin/env bash
# Backups of the platform's PostgreSQL: base backups plus the WAL archive (the server's archive_command copies every WAL
# segment into the archive directory; deploy/cluster.sh sets it up), and restores to a point in time. docs/operations.md.
#
#   deploy/backup.sh base <port> <backup-root>
#       a base backup of the server on 127.0.0.1:<port> into <backup-root>/<UTC time>/ (tar, gzip, with its WAL)
#   deploy/backup.sh restore <backup-root> <wal-archive> <new-data-dir> <port> [target time]
#       the latest base backup of <backup-root> into <new-data-dir>, replayed from the archive up to the target time
#       ('2026-12-07 13:05:00+00'; none: to the end of the archive), then started on 127.0.0.1:<port> as a primary
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/deploy/postgres.sh"

base() {
  local port=$1 root=$2 dest
  dest="$root/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$dest"; [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$root"
  pg_as "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dest" -Ft -z -X fetch -c fast -l "platform $(date -u +%FT%TZ)"
  echo "==> base backup in $dest ($(du -sh "$dest" | cut -f1))"
}

restore() {
  local root=$1 archive=$2 data=$3 port=$4 target=${5:-}
  local latest; latest=$(ls -d "$root"/*/ | sort | tail -n 1)
  [ -n "$latest" ] || { echo "no base backup in $root" >&2; exit 1; }
  pg_stop "$data"; rm -rf "$data"; mkdir -p "$data"
  tar -xzf "$latest/base.tar.gz" -C "$data"
  [ -f "$latest/pg_wal.tar.gz" ] && tar -xzf "$latest/pg_wal.tar.gz" -C "$data/pg_wal"
  rm -f "$data/standby.signal" "$data"/.s.PGSQL.* "$data/postmaster.pid"
  {
    echo "# backup.sh restore: replay the archive, then become a primary"
    echo "restore_command = 'cp $archive/%f %p'"
    echo "archive_mode = off"
    echo "primary_conninfo = ''"
    echo "primary_slot_name = ''"
    [ -n "$target" ] && echo "recovery_target_time = '$target'"
    echo "recovery_target_action = 'promote'"
  } >>"$data/postgresql.auto.conf"
  touch "$data/recovery.signal"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$data"
  chmod 700 "$data"
  pg_start "$data" "$port"
  for _ in $(seq 1 300); do
    [ "$(psql -h 127.0.0.1 -p "$port" -U postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && {
      echo "==> restored $latest${target:+ to $target} into $data, serving on 127.0.0.1:$port"; return 0; }
    sleep 0.2
  done
  echo "recovery did not finish; see $data/server.log" >&2
  exit 1
}

case "${1:-}" in
  base) base "$2" "$3" ;;
  restore) restore "$2" "$3" "$4" "$5" "${6:-}" ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
