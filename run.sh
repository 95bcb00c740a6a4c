#!/usr/bin/env bash
# Runs the product with the demo district, on a local PostgreSQL this script starts itself.
#   PLATFORM_PORT (default 5080): HTTP port;  PLATFORM_PG_PORT (default 55432): PostgreSQL port.
# Ctrl-C stops everything the script started.
set -euo pipefail
cd "$(dirname "$0")"
source deploy/postgres.sh

PORT=${PLATFORM_PORT:-5080}
PG_PORT=${PLATFORM_PG_PORT:-55432}
DATA=/tmp/platform-pg-$PG_PORT
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

pg_install
started_pg=0
if ! pg_as "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then started_pg=1; fi
pg_start "$DATA" "$PG_PORT"

app_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  if [ "$started_pg" = 1 ]; then pg_stop "$DATA"; echo "==> PostgreSQL stopped"; fi
}
trap cleanup EXIT INT TERM

pg_platform_database "$PG_PORT" platform
OWNER=$(pg_owner_of "$PG_PORT" platform)

# Front-end libraries of the web UI (Bootstrap, htmx, Chart.js) from npm, copied next to the binary by the build.
if command -v npm >/dev/null; then
  (cd src/Platform.Web && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "npm ci failed (src/Platform.Web)." >&2; exit 1; }
else
  echo "npm is not installed: the web UI will be served without its styles and scripts." >&2
fi
echo "==> building"
dotnet build src/Platform.Api -c Release -v quiet -nologo | grep -E "error|warn" || true

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_app;Maximum Pool Size=50"
export ConnectionStrings__PlatformSystem="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_system;Maximum Pool Size=10"
export ConnectionStrings__PlatformOwner="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=$OWNER"
export Database__MigrateOnStartup=true Demo__Seed=true
export Auth__Issuer="http://127.0.0.1:$PORT/" # the token server's address as clients reach it

dotnet src/Platform.Api/bin/Release/net10.0/Platform.Api.dll --urls "http://127.0.0.1:$PORT" &
app_pid=$!

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "The application did not start." >&2; exit 1; }
  sleep 1
done
D=11000000-0000-4000-8000-000000000237
cat <<MSG

==> Nastavnik Platform is running
    Start page   http://127.0.0.1:$PORT/
    Swagger UI   http://127.0.0.1:$PORT/swagger
    OpenAPI      http://127.0.0.1:$PORT/openapi/v1.json
    Health       http://127.0.0.1:$PORT/health
    Sign-in      http://127.0.0.1:$PORT/account/login

    Demo accounts (development only), password for all: Nastavnik-2026
      district.curator   муниципальный куратор, МР «Троицко-Печорский»
      region.officer     специалист КРИРО (только чтение)
      platform.admin     администратор платформы
      curator.sosh1 / director.sosh1   куратор / руководитель МБОУ СОШ № 1
      (also curator|director . oosh, sch411, gym166, elan, cppmsp; mentor.sosh1, mentee.sosh1)

    Token:  curl -s http://127.0.0.1:$PORT/connect/token -d grant_type=password -d client_id=nastavnik-cli \\
              -d username=district.curator -d password=Nastavnik-2026 -d scope='api offline_access'
    then:   curl -H "Authorization: Bearer <access_token>" http://127.0.0.1:$PORT/api/districts/$D/schools
    Press Ctrl-C to stop.

MSG
wait "$app_pid"
