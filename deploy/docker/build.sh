#!/usr/bin/env bash
# The image's build steps (the Dockerfile's RUN), runnable without Docker: the web UI's libraries from npm, then the
# framework-dependent publish of Platform.Api into <output-dir>. Every node (web, worker, the migrate step) runs this output.
#   deploy/docker/build.sh <output-dir>
set -euo pipefail
out=${1:?usage: deploy/docker/build.sh <output-dir>}
root=$(cd "$(dirname "$0")/../.." && pwd)

echo "==> npm ci (src/Platform.Web)"
(cd "$root/src/Platform.Web" && npm ci --no-audit --no-fund --loglevel=error)

echo "==> dotnet publish src/Platform.Api -> $out"
# UseAppHost=false: the nodes start `dotnet Platform.Api.dll`, the same line in the image and under systemd.
dotnet publish "$root/src/Platform.Api" -c Release -o "$out" -nologo -v quiet -p:UseAppHost=false

# The libraries are copied by the build only when npm installed them (Platform.Web.csproj): a node without them serves
# pages without styles or scripts, so their absence fails the build here.
for f in ui/lib/bootstrap.min.css ui/lib/htmx.min.js ui/lib/chart.umd.min.js; do
  [ -s "$out/$f" ] || { echo "build.sh: $out/$f is missing (npm ci did not install it?)" >&2; exit 1; }
done
[ -f "$out/Platform.Api.dll" ] || { echo "build.sh: $out/Platform.Api.dll is missing" >&2; exit 1; }
echo "==> published $(du -sh "$out" | cut -f1) into $out"
