#!/usr/bin/env bash
# Checks what a region's IT deploys (deploy/docker, deploy/systemd) on a machine without a Docker engine or systemd as
# PID 1. Non-zero exit on any failure. What it proves and what it cannot: deploy/README.md, "What check.sh proves".
#   bash deploy/docker/check.sh
#   CHECK_REF=<commit>: build the product from that commit (git archive) instead of the work tree.
# Ports (loopback): PostgreSQL CHECK_PG_PORT (25611) and the next one for the replica; nodes and nginx CHECK_PORT_BASE
# (25680) … +4. Below Linux's ephemeral range (32768–60999), where a busy machine's outgoing connections can take a port
# between the check's look and a node's bind.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
units=$root/deploy/systemd
source "$root/deploy/postgres.sh"

PG_PORT=${CHECK_PG_PORT:-25611}
REPLICA_PORT=$((PG_PORT + 1))
base=${CHECK_PORT_BASE:-25680}
NGINX_HTTP=$base WEB1=$((base + 1)) WEB2=$((base + 2)) WORKER=$((base + 3)) NGINX_HTTPS=$((base + 4))
started=$(date +%s)

work=$(mktemp -d /tmp/platform-deploy-check.XXXXXX)
chmod 755 "$work" # the nodes run as nobody and PostgreSQL as postgres: they must reach their folders
pids=()
nginx_pid_file=$work/nginx/nginx.pid
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -f "$nginx_pid_file" ] && kill "$(cat "$nginx_pid_file")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -d "$work/replica" ] && pg_stop "$work/replica"
  pg_stop "$work/pg"
  if [ "$rc" != 0 ] && [ -z "${CHECK_KEEP:-}" ]; then
    for f in "$work"/*.log; do [ -f "$f" ] && { echo "---- last lines of $f" >&2; tail -n 15 "$f" >&2; }; done
  fi
  [ -n "${CHECK_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT INT TERM

step() { echo "==> $*"; }
ok() { echo "    ok: $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# The nodes run as nobody (the image runs as uid 1654, systemd as a dynamic user): nothing may need root or a home.
as_node=(); [ "$(id -u)" = 0 ] && as_node=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)

for port in "$PG_PORT" "$REPLICA_PORT" "$NGINX_HTTP" "$WEB1" "$WEB2" "$WORKER" "$NGINX_HTTPS"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "port $port is in use: set CHECK_PG_PORT / CHECK_PORT_BASE"
done
for tool in dotnet npm nginx openssl curl python3 systemd-analyze; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done
pg_install

# Test secrets, as the README tells IT to make them.
mkdir -p "$work/keys"
openssl genrsa -out "$work/keys/token-signing.pem" 2048 2>/dev/null
openssl rand -base64 32 > "$work/keys/token-encryption.key"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout "$work/keys/privkey.pem" -out "$work/keys/fullchain.pem" 2>/dev/null
chmod 644 "$work/keys"/* # nobody reads them here; in production they are the node user's only (see the README)
{
  while IFS= read -r line; do
    case $line in
      *PASSWORD=) echo "$line$(openssl rand -hex 16)" ;;
      PUBLIC_URL=*) echo "PUBLIC_URL=https://127.0.0.1:$NGINX_HTTPS/" ;;
      *) echo "$line" ;;
    esac
  done < "$here/.env.example"
} > "$work/test.env"

# ---------------------------------------------------------------------------------------------------------------------
step "Dockerfile: stages, user, port, health check, entry point; its build step and context"
python3 - "$here/Dockerfile" "$work" <<'PY'
import json, re, sys
path, work = sys.argv[1], sys.argv[2]
lines, buf = [], ""
for raw in open(path, encoding="utf-8"):
    line = raw.rstrip("\n")
    if not buf and (not line.strip() or line.lstrip().startswith("#")):
        continue
    if line.endswith("\\"):
        buf += line[:-1] + " "
        continue
    lines.append((buf + line).strip()); buf = ""
ins = [(l.split(None, 1)[0].upper(), l.split(None, 1)[1] if " " in l else "") for l in lines]
errors = []
def need(cond, msg):
    if not cond: errors.append(msg)
froms = [i for i, (k, _) in enumerate(ins) if k == "FROM"]
need(len(froms) == 2, "two stages (build, runtime)")
build, final = ins[froms[0]:froms[1]], ins[froms[1]:]
need(re.fullmatch(r"mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build", ins[froms[0]][1], re.I), "build stage FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build")
need(ins[froms[1]][1] == "mcr.microsoft.com/dotnet/aspnet:10.0", "runtime stage FROM mcr.microsoft.com/dotnet/aspnet:10.0")
runs = " ".join(v for k, v in build if k == "RUN")
need(re.search(r"\bnodejs\b", runs) and re.search(r"\bnpm\b", runs), "the build stage installs Node.js and npm")
m = re.search(r"deploy/docker/build\.sh\s+(\S+)", runs)
need(m, "the build stage RUNs deploy/docker/build.sh <dir>")
out = m.group(1) if m else "/app"
need(any(k == "COPY" and v.split() == [".", "."] for k, v in build), "the build stage copies the context (COPY . .)")
copy = [v for k, v in final if k == "COPY"]
need(any(v.split()[:2] == ["--from=build", out] for v in copy), f"the runtime stage copies {out} from the build stage")
users = [v for k, v in final if k == "USER"]
need(users and users[-1] not in ("root", "0", "0:0"), "the runtime stage runs as a non-root USER")
need(any(k == "EXPOSE" and "8080" in v.split() for k, v in final), "EXPOSE 8080")
hc = [v for k, v in final if k == "HEALTHCHECK"]
need(hc, "a HEALTHCHECK")
cmd = None
if hc:
    m = re.search(r"\bCMD\s+(\[.*\])\s*$", hc[0])
    need(m, "HEALTHCHECK CMD in exec (JSON) form")
    if m: cmd = json.loads(m.group(1)); need("/health" in " ".join(cmd) and "8080" in " ".join(cmd), "the HEALTHCHECK asks /health on 8080")
ep = [v for k, v in final if k == "ENTRYPOINT"]
need(ep and json.loads(ep[-1]) == ["dotnet", "Platform.Api.dll"], 'ENTRYPOINT ["dotnet", "Platform.Api.dll"]')
workdirs = [v for k, v in final if k == "WORKDIR"]
need(workdirs and workdirs[-1] == out, f"the runtime WORKDIR is {out}, where the dll is")
if errors:
    sys.exit("Dockerfile: " + "; ".join(errors))
json.dump({"healthcheck": cmd, "out": out}, open(f"{work}/dockerfile.json", "w"))
PY
ok "multi-stage sdk:10.0 → aspnet:10.0, non-root, EXPOSE 8080, HEALTHCHECK, ENTRYPOINT dotnet Platform.Api.dll"

# ---------------------------------------------------------------------------------------------------------------------
step "compose.yaml: services, dependencies, images, volumes, secrets from .env; shell snippets parse"
yaml_python=""
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null && "$py" -c "import yaml" 2>/dev/null; then yaml_python=$py; break; fi
done
[ -n "$yaml_python" ] || fail "PyYAML is missing (apt-get install python3-yaml): compose.yaml cannot be checked"
"$yaml_python" - "$here" "$work" "$PG_PORT" "$REPLICA_PORT" <<'PY'
import json, os, re, shlex, subprocess, sys, yaml
here, work, pg_port, replica_port = sys.argv[1:5]
compose = yaml.safe_load(open(f"{here}/compose.yaml", encoding="utf-8"))
errors = []
def need(cond, msg):
    if not cond: errors.append(msg)

env = {}
for line in open(f"{work}/test.env", encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#"):
        k, _, v = line.partition("="); env[k] = v
example_keys = {l.split("=", 1)[0] for l in open(f"{here}/.env.example", encoding="utf-8") if re.match(r"^[A-Z_]+=", l)}
text = open(f"{here}/compose.yaml", encoding="utf-8").read()
code = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#"))
referenced = set(re.findall(r"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)", code))
need(referenced <= example_keys, f".env.example defines every variable compose.yaml uses (missing: {sorted(referenced - example_keys)})")
need(example_keys <= referenced, f"compose.yaml uses every variable of .env.example (unused: {sorted(example_keys - referenced)})")

def interpolate(s):
    # Compose's rules for what this file uses: $$, ${VAR}, ${VAR:-default}, ${VAR:?error}.
    def one(m):
        if m.group(0) == "$$": return "$"
        name, op, arg = m.group(1), m.group(2), m.group(3)
        value = env.get(name, "")
        if op == ":?" and not value: raise SystemExit(f"compose.yaml: {name} would be required: {arg}")
        if op == ":-" and not value: return arg
        return value
    return re.sub(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-?])([^}]*))?\}", one, s)

top = set(compose) - {"name", "services", "volumes", "secrets", "configs", "networks"}
need(all(k.startswith("x-") for k in top), f"top-level keys are compose's own or x- extensions ({sorted(top)})")
services = compose.get("services", {})
expected = {"postgres", "postgres-replica", "migrate", "web1", "web2", "worker", "nginx"}
need(set(services) == expected, f"services are {sorted(expected)} (found {sorted(services)})")
if errors: sys.exit("compose.yaml: " + "; ".join(errors))

def env_of(name):
    e = services[name].get("environment", {})
    if isinstance(e, list): e = dict(x.split("=", 1) for x in e)
    return {k: interpolate(str(v)) for k, v in e.items()}
def deps(name):
    d = services[name].get("depends_on", {})
    return {k: "service_started" for k in d} if isinstance(d, list) else {k: (v or {}).get("condition", "service_started") for k, v in d.items()}
app = ["migrate", "web1", "web2", "worker"]
for s in ["postgres", "postgres-replica"]:
    need(str(services[s].get("image", "")).startswith("postgres:15"), f"{s} runs the postgres:15 image")
images = {services[s].get("image") for s in app}
need(len(images) == 1 and None not in images, "migrate, web1, web2 and worker run the same image")
for s in app:
    b = services[s].get("build", {})
    ctx = os.path.normpath(os.path.join(here, b.get("context", ".")))
    need(os.path.isfile(os.path.join(ctx, b.get("dockerfile", "Dockerfile"))) and os.path.samefile(os.path.join(ctx, b.get("dockerfile", "")), f"{here}/Dockerfile"),
         f"{s} builds deploy/docker/Dockerfile with the repository root as its context")
need(services["migrate"].get("command") == ["migrate"], "migrate runs the `migrate` command")
need(str(services["migrate"].get("restart", "no")) == "no", "migrate is not restarted (one-shot)")
for s, role in [("web1", "web"), ("web2", "web"), ("worker", "worker")]:
    c = services[s].get("command", [])
    need(c[-2:] == ["--role", role] and "http://0.0.0.0:8080" in c, f"{s} runs --urls http://0.0.0.0:8080 --role {role}")
    need(deps(s).get("migrate") == "service_completed_successfully", f"{s} starts after migrate completed successfully")
    need(services[s].get("restart") in ("unless-stopped", "always"), f"{s} restarts")
    e = env_of(s)
    need(e.get("Database__MigrateOnStartup") == "false", f"{s}: Database__MigrateOnStartup=false (only migrate migrates)")
    need("ConnectionStrings__PlatformOwner" not in e, f"{s} has no owner connection string")
    for k in ["ConnectionStrings__Platform", "ConnectionStrings__PlatformSystem", "Auth__Issuer", "ASPNETCORE_ENVIRONMENT"]:
        need(e.get(k), f"{s} sets {k}")
    need(e.get("Proxy__TrustedNetworks__0") == "10.42.0.0/24", f"{s} trusts X-Forwarded-* from the compose network only")
    need("ASPNETCORE_FORWARDEDHEADERS_ENABLED" not in e, f"{s} does not trust X-Forwarded-* from everyone")
    for key in ["Auth__SigningKeys__0__PemFile", "Auth__EncryptionKeyFile"]:
        f = e.get(key, "")
        sec = {x if isinstance(x, str) else x.get("source") for x in services[s].get("secrets", [])}
        need(f.startswith("/run/secrets/") and f[len("/run/secrets/"):] in sec and f[len("/run/secrets/"):] in compose.get("secrets", {}), f"{s}: {key} is a declared secret it mounts")
need(deps("migrate").get("postgres") == "service_healthy", "migrate waits for a healthy primary")
need("ConnectionStrings__PlatformOwner" in env_of("migrate"), "migrate has the owner connection string")
need(deps("postgres-replica").get("postgres") == "service_healthy", "the replica waits for a healthy primary")
need(deps("nginx").get("web1") and deps("nginx").get("web2"), "nginx starts after web1 and web2")
for s, spec in services.items():
    if s != "nginx": need(not spec.get("ports"), f"{s} publishes no port (only nginx does)")
    if s in ("postgres", "postgres-replica", "nginx"): need(spec.get("healthcheck", {}).get("test"), f"{s} has a healthcheck")
need(sorted(str(p).split(":")[-1] for p in services["nginx"].get("ports", [])) == ["443", "80"], "nginx publishes 80 and 443")
mounts = [v.split(":") for v in services["nginx"].get("volumes", [])]
need(any(m[0] == "./nginx.conf" and m[1] == "/etc/nginx/conf.d/default.conf" for m in mounts) and os.path.isfile(f"{here}/nginx.conf"),
     "nginx mounts ./nginx.conf as its default server")

# No literal password anywhere: every password is a ${VAR} from .env.
for s, spec in services.items():
    raw = spec.get("environment", {})
    for k, v in (raw.items() if isinstance(raw, dict) else (x.split("=", 1) for x in raw)):
        v = str(v)
        if "PASSWORD" in k.upper(): need(re.fullmatch(r"\$\{[A-Z_]+(:\?[^}]*)?\}", v), f"{s}: {k} comes from .env")
        for pw in re.findall(r"Password=([^;]*)", v): need(re.fullmatch(r"\$\{[A-Z_]+(:\?[^}]*)?\}", pw), f"{s}: a connection string's password comes from .env")
need(not re.search(r"PASSWORD\s+'[^']", text, re.I), "no SQL password literal")

# Volumes: declared, WAL archiving into one.
declared = set(compose.get("volumes", {}))
for s, spec in services.items():
    for v in spec.get("volumes", []):
        src = v.split(":")[0]
        if not src.startswith((".", "/")): need(src in declared, f"{s}: volume {src} is declared")
pcmd = services["postgres"].get("command", [])
settings = [pcmd[i + 1] for i, a in enumerate(pcmd[:-1]) if a == "-c"]
sd = dict(x.split("=", 1) for x in settings)
need(sd.get("archive_mode") == "on" and sd.get("wal_level") in ("replica", "logical"), "the primary archives WAL (archive_mode=on, wal_level=replica)")
archive_mounts = [v.split(":")[1] for v in services["postgres"].get("volumes", []) if v.split(":")[1] in sd.get("archive_command", "")]
need(len(archive_mounts) == 1 and archive_mounts[0] in " ".join(services["postgres"].get("entrypoint", [])), "archive_command writes into a volume the entrypoint hands to postgres")
need(int(sd.get("max_wal_senders", "10")) > 0 and int(sd.get("max_replication_slots", "10")) > 0, "the primary allows WAL senders and slots")

# The replica's bootstrap and the primary's init script: extracted, unescaped ($$), and parsed by sh -n.
rep = services["postgres-replica"]
rep_ep = rep.get("entrypoint", [])
need(rep_ep[:2] == ["sh", "-c"] and len(rep_ep) >= 3, "the replica's entrypoint is an sh -c script")
rep_script = interpolate(rep_ep[2]) if len(rep_ep) >= 3 else ""
need(re.search(r"pg_basebackup\b.*\s-R\b", rep_script) and "-S" in rep_script, "the replica starts from pg_basebackup -R through a slot (-S)")
init = compose.get("configs", {}).get("platform-roles", {}).get("content", "")
init_script = interpolate(init)
slots = re.findall(r"pg_create_physical_replication_slot\('([^']+)'\)", init_script)
need(slots == [interpolate(str(rep.get("environment", {}).get("REPLICATION_SLOT", "")))], "the primary's init script creates the replica's slot")
targets = [c.get("target", "") for c in services["postgres"].get("configs", []) if c.get("source") == "platform-roles"]
need(targets and targets[0].startswith("/docker-entrypoint-initdb.d/") and targets[0].endswith(".sh"), "the init script is mounted into /docker-entrypoint-initdb.d")
for role in ["platform_owner", "platform_app", "platform_system", "replicator"]:
    need(re.search(rf"CREATE ROLE {role} LOGIN\b.*PASSWORD :'", init_script), f"the init script creates {role} with its password")
for name, script in [("replica entrypoint", rep_script), ("init script", init_script)]:
    r = subprocess.run(["sh", "-n"], input=script, text=True, capture_output=True)
    need(r.returncode == 0, f"{name} parses with sh -n ({r.stderr.strip()})")
if errors: sys.exit("compose.yaml: " + "; ".join(errors))

# What the check runs later, as compose would, with loopback addresses.
def local(v):
    return (v.replace("postgres-replica:5432", f"127.0.0.1:{replica_port}").replace("postgres:5432", f"127.0.0.1:{pg_port}")
             .replace("/run/secrets/", f"{work}/keys/"))
out = {
    "primary_settings": [x.replace(archive_mounts[0], f"{work}/wal-archive") for x in settings],
    "replica_script": rep_script, "replica_command": rep.get("command", []),
    "replica_env": {k: interpolate(str(v)) for k, v in rep.get("environment", {}).items()},
    "init_script": init_script, "primary_env": env_of("postgres"),
    "migrate": {"env": {k: local(v) for k, v in env_of("migrate").items()}, "args": services["migrate"]["command"]},
    "web1": {"env": {k: local(v) for k, v in env_of("web1").items()}, "args": services["web1"]["command"]},
}
json.dump(out, open(f"{work}/compose.json", "w"))
PY
ok "7 services, migrate → web/worker ordering, one image, secrets and passwords from .env, WAL archive volume, replica slot"

# ---------------------------------------------------------------------------------------------------------------------
step "systemd units: systemd-analyze verify (any message fails) and security --offline"
mkdir -p "$work/units"
cp "$units"/*.service "$work/units/"
verify_out=$(cd "$work/units" && systemd-analyze verify --man=no platform-migrate.service platform-worker.service \
  "$work/units/platform-web@8081.service" "$work/units/platform-web@8082.service" 2>&1) || fail "systemd-analyze verify: $verify_out"
[ -z "$verify_out" ] || fail "systemd-analyze verify: $verify_out"
for u in platform-migrate.service platform-worker.service platform-web@8081.service; do
  level=$(systemd-analyze security --offline=true --threshold=25 --man=no --no-pager "$work/units/$u" 2>&1 | grep -o 'Overall exposure level for [^:]*: [0-9.]*' | awk '{print $NF}') \
    || fail "systemd-analyze security: $u is exposed more than 2.5"
  ok "$u: exposure $level (threshold 2.5)"
done
python3 - "$units" <<'PY'
import re, sys
d = sys.argv[1]
def unit(name):
    sections, cur = {}, None
    for line in open(f"{d}/{name}", encoding="utf-8"):
        line = line.strip()
        if not line or line[0] in "#;": continue
        if line.startswith("["): cur = sections.setdefault(line.strip("[]"), []); continue
        k, _, v = line.partition("="); cur.append((k, v))
    return {s: kv for s, kv in sections.items()}
def get(u, s, k): return [v for kk, v in u.get(s, []) if kk == k]
errors = []
m = unit("platform-migrate.service")
if get(m, "Service", "Type") != ["oneshot"] or "migrate" not in get(m, "Service", "ExecStart")[0].split(): errors.append("platform-migrate is a oneshot running `migrate`")
for name, role in [("platform-web@.service", "web"), ("platform-worker.service", "worker")]:
    u = unit(name)
    if "platform-migrate.service" not in " ".join(get(u, "Unit", "Requires")) or "platform-migrate.service" not in " ".join(get(u, "Unit", "After")):
        errors.append(f"{name} Requires= and After= platform-migrate.service")
    if f"--role {role}" not in get(u, "Service", "ExecStart")[0]: errors.append(f"{name} runs --role {role}")
    if "ConnectionStrings__PlatformOwner" not in " ".join(get(u, "Service", "UnsetEnvironment")): errors.append(f"{name} unsets the owner connection string")
    if get(u, "Service", "Restart") != ["on-failure"]: errors.append(f"{name}: Restart=on-failure")
for name in ["platform-web@.service", "platform-worker.service", "platform-migrate.service"]:
    u = unit(name)
    for k, v in [("ProtectSystem", "strict"), ("NoNewPrivileges", "yes"), ("PrivateTmp", "yes"), ("DynamicUser", "yes")]:
        if get(u, "Service", k) != [v]: errors.append(f"{name}: {k}={v}")
    if not get(u, "Service", "MemoryMax"): errors.append(f"{name}: MemoryMax")
    if get(u, "Service", "EnvironmentFile") != ["/etc/nastavnik/platform.env"]: errors.append(f"{name}: EnvironmentFile=/etc/nastavnik/platform.env")
if "%i" not in get(unit("platform-web@.service"), "Service", "ExecStart")[0]: errors.append("platform-web@ listens on its instance's port (%i)")
if errors: sys.exit("systemd units: " + "; ".join(errors))
PY
ok "units parse with no warning; migrate is a oneshot the nodes Require/After; hardening and MemoryMax present"

# ---------------------------------------------------------------------------------------------------------------------
step "nginx: nginx -t on both configurations"
# Test copies, each in a minimal main config: upstream host names (compose: web1, web2) and ports become this machine's,
# listen ports become free loopback ports, the certificate paths a self-signed test pair. Everything else is as shipped.
nginx_copy() { # <config> <dir>
  mkdir -p "$2/temp"
  sed -e "s/server web1:8080/server 127.0.0.1:$WEB1/; s/server web2:8080/server 127.0.0.1:$WEB2/" \
      -e "s/server 127\.0\.0\.1:8081/server 127.0.0.1:$WEB1/; s/server 127\.0\.0\.1:8082/server 127.0.0.1:$WEB2/" \
      -e "/listen \[::\]/d" -e "s/listen 80;/listen 127.0.0.1:$NGINX_HTTP;/" -e "s/listen 443 /listen 127.0.0.1:$NGINX_HTTPS /" \
      -e "s#ssl_certificate \+/[^;]*;#ssl_certificate $work/keys/fullchain.pem;#" \
      -e "s#ssl_certificate_key \+/[^;]*;#ssl_certificate_key $work/keys/privkey.pem;#" "$1" > "$2/platform.conf"
  cat > "$2/nginx.conf" <<NGINX
pid $2/nginx.pid;
error_log $2/error.log warn;
worker_processes 1;
events { worker_connections 256; }
http {
  access_log $2/access.log;
  client_body_temp_path $2/temp/body; proxy_temp_path $2/temp/proxy; fastcgi_temp_path $2/temp/fastcgi;
  uwsgi_temp_path $2/temp/uwsgi; scgi_temp_path $2/temp/scgi;
  include $2/platform.conf;
}
NGINX
}
nginx_copy "$here/nginx.conf" "$work/nginx-compose"
nginx_copy "$units/nginx-platform.conf" "$work/nginx-systemd"
for d in nginx-compose nginx-systemd; do
  grep -q "127.0.0.1:$WEB1" "$work/$d/platform.conf" && grep -q "127.0.0.1:$WEB2" "$work/$d/platform.conf" || fail "$d: the upstream servers were not found"
  t=$(nginx -t -q -e "$work/$d/error.log" -c "$work/$d/nginx.conf" 2>&1) || fail "nginx -t ($d): $t"
  ok "$d: nginx -t passes"
done

# ---------------------------------------------------------------------------------------------------------------------
step "build: the Dockerfile's context (Dockerfile.dockerignore) and its RUN deploy/docker/build.sh"
out=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['out'])" "$work/dockerfile.json")
app=$work$out
mkdir -p "$work/context"
if [ -n "${CHECK_REF:-}" ]; then
  git -C "$root" archive "$CHECK_REF" | tar -C "$work/context" -xf -
  mkdir -p "$work/context/deploy" && rm -rf "$work/context/deploy/docker"
  cp -r "$root/deploy/docker" "$work/context/deploy/" # the deploy files under test, even if not committed yet
else
  excludes=()
  while IFS= read -r p; do
    case $p in ''|'#'*) ;; '**/'*) excludes+=("--exclude=${p#'**/'}") ;; *) excludes+=("--exclude=./$p") ;; esac
  done < "$here/Dockerfile.dockerignore"
  tar -C "$root" "${excludes[@]}" -cf - . | tar -C "$work/context" -xf -
fi
b0=$(date +%s)
(cd "$work/context" && bash deploy/docker/build.sh "$app") > "$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; fail "build.sh"; }
chmod -R a+rX "$app"
ok "published into $out in $(( $(date +%s) - b0 )) s ($(du -sh "$app" | cut -f1)); Bootstrap, htmx, Chart.js next to the dll"

# ---------------------------------------------------------------------------------------------------------------------
step "PostgreSQL 15: the primary with compose's settings, its init script, password authentication"
mkdir -p "$work/wal-archive"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/wal-archive"; chmod 700 "$work/wal-archive"
mapfile -t primary_settings < <(python3 -c "import json,sys; [print(s) for s in json.load(open(sys.argv[1]))['primary_settings']]" "$work/compose.json")
pg_opts=()
for s in "${primary_settings[@]}"; do pg_opts+=("$(printf -- '-c %q' "$s")"); done
pg_throwaway "$work/pg" "$PG_PORT" "${pg_opts[@]}" >/dev/null
trap cleanup EXIT INT TERM # pg_throwaway set its own; ours stops it too
psql -h "$work/pg" -p "$PG_PORT" -U postgres -qc "CREATE DATABASE platform" # POSTGRES_DB=platform in compose
python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['init_script'])" "$work/compose.json" > "$work/platform-roles.sh"
chmod 644 "$work/platform-roles.sh"
mapfile -t primary_env < <(python3 -c "import json,sys; [print(f'{k}={v}') for k, v in json.load(open(sys.argv[1]))['primary_env'].items()]" "$work/compose.json")
pg_as env "${primary_env[@]}" PGDATA="$work/pg" PGHOST="$work/pg" PGPORT="$PG_PORT" sh "$work/platform-roles.sh" > "$work/init.log" 2>&1 \
  || { cat "$work/init.log" >&2; fail "the primary's init script"; }
# As the postgres image does with POSTGRES_PASSWORD: every TCP connection authenticates with its password.
sed -i -E '/^host/s/trust$/scram-sha-256/' "$work/pg/pg_hba.conf"
pg_as "$PGBIN/pg_ctl" -D "$work/pg" reload >/dev/null
pw() { grep "^$1=" "$work/test.env" | cut -d= -f2; }
PGPASSWORD=wrong psql -h 127.0.0.1 -p "$PG_PORT" -U platform_app -d platform -tAc "SELECT 1" >/dev/null 2>&1 && fail "a wrong password was accepted"
PGPASSWORD=$(pw PLATFORM_APP_PASSWORD) psql -h 127.0.0.1 -p "$PG_PORT" -U platform_app -d platform -tAc "SELECT 1" >/dev/null \
  || fail "platform_app cannot sign in with its password"
ok "roles platform_owner (CREATEROLE, owns the database), platform_app, platform_system, replicator, slot replica1; scram passwords"

step "replica: compose's bootstrap script (pg_basebackup -R through the slot), then a hot standby"
mkdir -p "$work/replica"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/replica"; chmod 700 "$work/replica"
python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['replica_script'])" "$work/compose.json" > "$work/replica.sh"
chmod 644 "$work/replica.sh"
mapfile -t replica_cmd < <(python3 -c "import json,sys; [print(a) for a in json.load(open(sys.argv[1]))['replica_command']]" "$work/compose.json")
replica_cmd[0]=$PGBIN/${replica_cmd[0]}
mapfile -t replica_env < <(python3 -c "import json,sys; [print(f'{k}={v}') for k, v in json.load(open(sys.argv[1]))['replica_env'].items()]" "$work/compose.json")
pg_as env "${replica_env[@]}" PRIMARY_HOST=127.0.0.1 PRIMARY_PORT="$PG_PORT" PGDATA="$work/replica" PATH="$PGBIN:$PATH" \
  sh -c "$(cat "$work/replica.sh")" postgres-replica "${replica_cmd[@]}" -c port="$REPLICA_PORT" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories="$work/replica" > "$work/replica.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$REPLICA_PORT" && break; sleep 1; done
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$REPLICA_PORT" || fail "the replica did not start"
[ "$(psql -h "$work/replica" -p "$REPLICA_PORT" -U postgres -d platform -tAc "SELECT pg_is_in_recovery()")" = t ] || fail "the replica is not a standby"
[ "$(psql -h "$work/pg" -p "$PG_PORT" -U postgres -tAc "SELECT active FROM pg_replication_slots WHERE slot_name = 'replica1'")" = t ] \
  || fail "the replica does not stream through slot replica1"
ok "standby in recovery, streaming through slot replica1"

# ---------------------------------------------------------------------------------------------------------------------
# A node as compose or systemd would start it: a clean environment, the dll from the published folder, as nobody.
node_env_base=(PATH=/usr/local/bin:/usr/bin:/bin HOME=/ DOTNET_CLI_TELEMETRY_OPTOUT=1)
compose_node() { # <service> <log> [replacement for --urls]: ENTRYPOINT + the service's command and environment
  python3 - "$work/compose.json" "$1" "${3:-}" > "$work/$1.argv" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))[sys.argv[2]]
args = [sys.argv[3] if a == "http://0.0.0.0:8080" and sys.argv[3] else a for a in spec["args"]]
for k, v in spec["env"].items(): print(f"{k}={v}")
print("--")
for a in args: print(a)
PY
  run_node "$work/$1.argv" "$2"
}
run_node() { # <argv file: KEY=value lines, --, arguments> <log> [strace output]: replaces the calling (sub)shell with the node
  local env=() argv=() seen=0
  while IFS= read -r l; do if [ "$l" = -- ]; then seen=1; elif [ $seen = 0 ]; then env+=("$l"); else argv+=("$l"); fi; done < "$1"
  local trace=()
  [ -n "${3:-}" ] && trace=(strace -D -f -qq -o "$3" --) # -D: the node keeps this process's id, strace runs beside it
  cd "$app" && exec "${trace[@]}" env -i "${node_env_base[@]}" "${env[@]}" "${as_node[@]}" dotnet Platform.Api.dll "${argv[@]}" >> "$2" 2>&1
}
systemd_node() { # <unit file> <instance or ''> <log> [worker port]: ExecStart, Environment=, EnvironmentFile (the example,
                 # filled in), UnsetEnvironment=, %i, %d (credentials: the test keys under the LoadCredential names)
  python3 - "$units" "$1" "$2" "$work" "$PG_PORT" "$REPLICA_PORT" "$NGINX_HTTPS" "${4:-}" > "$work/$1$2.argv" <<'PY'
import os, re, shlex, sys
units, name, inst, work, pg, replica, https, worker = sys.argv[1:9]
pw = dict(l.strip().split("=", 1) for l in open(f"{work}/test.env") if re.match(r"^[A-Z_]+=", l))
repl = {"pg1.example.local:5432": f"127.0.0.1:{pg}", "pg2.example.local:5432": f"127.0.0.1:{replica}",
        "CHANGE_ME_APP": pw["PLATFORM_APP_PASSWORD"], "CHANGE_ME_SYSTEM": pw["PLATFORM_SYSTEM_PASSWORD"],
        "CHANGE_ME_OWNER": pw["PLATFORM_OWNER_PASSWORD"], "https://nastavnik.example.ru/": f"https://127.0.0.1:{https}/"}
def fill(v):
    for a, b in repl.items(): v = v.replace(a, b)
    return v
env, from_file, unset = {}, {}, set()
lines = [l.strip() for l in open(f"{units}/{name}", encoding="utf-8")]
def spec(v): return v.replace("%i", inst).replace("%d", f"{work}/keys")
for l in lines:
    k, _, v = l.partition("=")
    if k == "EnvironmentFile":
        assert v == "/etc/nastavnik/platform.env", v
        for e in open(f"{units}/platform.env.example", encoding="utf-8"):
            e = e.strip()
            if e and not e.startswith("#"):
                ek, _, ev = e.partition("="); from_file[ek] = fill(ev)
    elif k == "Environment":
        for item in shlex.split(spec(v)):
            ek, _, ev = item.partition("="); env[ek] = ev
    elif k == "UnsetEnvironment": unset.update(v.split())
    elif k == "LoadCredential":
        cid = v.split(":", 1)[0]
        if not os.path.isfile(f"{work}/keys/{cid}"): sys.exit(f"{name}: credential {cid} has no test file")
    elif k == "ExecStart": argv = shlex.split(spec(v))
env.update(from_file)  # systemd: EnvironmentFile= overrides Environment=, whatever their order
for k in unset: env.pop(k, None)
assert argv[:2] == ["/usr/bin/dotnet", "/opt/nastavnik/app/Platform.Api.dll"], argv
argv = [a.replace("127.0.0.1:8090", f"127.0.0.1:{worker}") if worker else a for a in argv[2:]]
for k, v in env.items(): print(f"{k}={v}")
print("--")
for a in argv: print(a)
PY
  run_node "$work/$1$2.argv" "$3" "${trace_dir:+$trace_dir/$1$2.strace}"
}
# Restart=on-failure (systemd) and restart: unless-stopped (compose) start a node again when it exits; so does this check,
# once per node, and says so: a node that needs it is a product problem to report, not a deployment one.
declare -A node_pid node_restarts
# The systemd nodes run under strace when it is installed: their system calls are compared with SystemCallFilter below.
trace_dir=""; command -v strace >/dev/null && { trace_dir=$work/strace; mkdir -p "$trace_dir"; }
launch_web1() { (compose_node web1 "$work/web1.log" "http://127.0.0.1:$WEB1") & node_pid[web1]=$!; pids+=($!); }
launch_web2() { (systemd_node platform-web@.service "$WEB2" "$work/web2.log") & node_pid[web2]=$!; pids+=($!); }
launch_worker() { (systemd_node platform-worker.service "" "$work/worker.log" "$WORKER") & node_pid[worker]=$!; pids+=($!); }
wait_health() { # <node> <port>
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/health")" = 200 ] && return 0
    if ! kill -0 "${node_pid[$1]}" 2>/dev/null; then
      [ "${node_restarts[$1]:-0}" = 0 ] || fail "$1 exited again after its restart (see $1.log)"
      local why
      why=$(awk '/^Unhandled exception/ {p = 1; u = $0} p && /MessageText:/ && !m {sub(/^ +/, ""); m = $0}
                 p && /^   at Platform\./ && !f {sub(/^ +at /, ""); sub(/\(.*/, ""); f = " (at " $0 ")"} END {print u " " m f}' "$work/$1.log")
      echo "    WARNING: $1 exited during start-up and was started again, as its restart policy would: $why"
      echo "    WARNING: the nodes' start-up race on a new database is a known product problem (deploy/README.md, \"Known limits\")"
      node_restarts[$1]=1
      sleep 5 # RestartSec=5s
      "launch_$1"
    fi
    sleep 1
  done
  fail "$1: /health did not answer 200 in 180 s"
}

step "migrate: compose's one-shot service, then systemd's platform-migrate (idempotent), as the owner role"
t0=$(date +%s)
(compose_node migrate "$work/migrate-compose.log") || { tail -n 20 "$work/migrate-compose.log" >&2; fail "migrate (compose) exited non-zero"; }
ok "compose migrate: exit 0 in $(( $(date +%s) - t0 )) s, $(psql -h "$work/pg" -p "$PG_PORT" -U postgres -d platform -tAc "SELECT count(*) FROM public.schema_migrations") migrations applied"
(systemd_node platform-migrate.service "" "$work/migrate-systemd.log") || { tail -n 20 "$work/migrate-systemd.log" >&2; fail "platform-migrate exited non-zero"; }
[ "$(psql -h "$work/pg" -p "$PG_PORT" -U postgres -d platform -tAc "SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'")" = platform_owner ] \
  || fail "the schema is not owned by platform_owner"
ok "platform-migrate: exit 0; the schema belongs to platform_owner (not a superuser)"

step "nodes: web1 (compose), web2 (platform-web@), worker (platform-worker), against the primary + standby"
launch_web1; launch_web2; launch_worker # together, as compose and systemd start them after migrate
wait_health web1 "$WEB1"; ok "web1 (compose env, --role web): /health 200"
wait_health web2 "$WEB2"; ok "web2 = platform-web@$WEB2 (unit env, --role web): /health 200"
wait_health worker "$WORKER"; ok "platform-worker (unit env, --role worker): /health 200"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB1/api/regions")" = 401 ] || fail "web1 does not serve the API (401 without a token)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB1/openapi/v1.json")" = 404 ] || fail "web1 serves the OpenAPI document in Production"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WORKER/openapi/v1.json")" = 404 ] || fail "the worker serves more than /health"
ok "the web nodes serve the API, the worker only /health"
for f in bootstrap.min.css htmx.min.js chart.umd.min.js; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB1/ui/lib/$f")" = 200 ] || fail "web1 does not serve /ui/lib/$f"
done
ok "the UI's libraries are served (/ui/lib/…)"
hc=$(python3 -c "import json,sys; [print(a) for a in json.load(open(sys.argv[1]))['healthcheck']]" "$work/dockerfile.json")
mapfile -t hc_argv <<< "$hc"
for port in "$WEB1" "$WORKER"; do
  "${hc_argv[@]//8080/$port}" || fail "the Dockerfile's HEALTHCHECK command fails against port $port"
done
ok "the Dockerfile's HEALTHCHECK command passes against web1 and the worker (port 8080 → theirs)"
for n in web1 web2 worker; do kill -0 "${node_pid[$n]}" 2>/dev/null || fail "$n exited"; done

step "replication and WAL archive under the nodes' load"
primary_n=$(psql -h "$work/pg" -p "$PG_PORT" -U postgres -d platform -tAc "SELECT count(*) FROM public.schema_migrations")
for _ in $(seq 1 30); do
  [ "$(psql -h "$work/replica" -p "$REPLICA_PORT" -U postgres -d platform -tAc "SELECT count(*) FROM public.schema_migrations")" = "$primary_n" ] && break; sleep 1
done
[ "$(psql -h "$work/replica" -p "$REPLICA_PORT" -U postgres -d platform -tAc "SELECT count(*) FROM public.schema_migrations")" = "$primary_n" ] \
  || fail "the migrations did not reach the replica"
psql -h "$work/pg" -p "$PG_PORT" -U postgres -qtAc "SELECT pg_switch_wal()" >/dev/null
for _ in $(seq 1 30); do [ -n "$(ls -A "$work/wal-archive")" ] && break; sleep 1; done
[ -n "$(ls -A "$work/wal-archive")" ] || fail "no WAL segment was archived"
[ "$(psql -h "$work/pg" -p "$PG_PORT" -U postgres -tAc "SELECT failed_count FROM pg_stat_archiver")" = 0 ] || fail "archive_command failed"
ok "the $primary_n migrations are on the standby; $(ls "$work/wal-archive" | wc -l) WAL segment(s) archived by compose's archive_command"

# ---------------------------------------------------------------------------------------------------------------------
nginx_live() { # <dir>
  local d=$work/$1
  nginx_pid_file=$d/nginx.pid
  nginx -e "$d/error.log" -c "$d/nginx.conf" || fail "$1: nginx did not start"
  for _ in $(seq 1 20); do [ -f "$d/nginx.pid" ] && break; sleep 0.2; done
  local https=https://127.0.0.1:$NGINX_HTTPS
  [ "$(curl -sk -o /dev/null -w '%{http_code}' "$https/health")" = 200 ] || fail "$1: GET /health through nginx (HTTPS)"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_HTTP/health")" = 200 ] || fail "$1: GET /health through nginx (HTTP)"
  [ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$NGINX_HTTP/account/login")" = "301 https://127.0.0.1/account/login" ] \
    || fail "$1: plain HTTP is not redirected to HTTPS"
  # The token endpoint refuses plain HTTP outside Development: through nginx it must see HTTPS (X-Forwarded-Proto), so a
  # wrong password is answered invalid_grant; straight to a node over HTTP, it is refused as not HTTPS.
  local via direct
  via=$(curl -sk "$https/connect/token" -d grant_type=password -d client_id=nastavnik-cli -d username=nobody.here -d password=Wrong-password-1 -d scope=api)
  grep -q '"error": *"invalid_grant"' <<< "$via" || fail "$1: the token endpoint through nginx did not see HTTPS: $via"
  direct=$(curl -s "http://127.0.0.1:$WEB1/connect/token" -d grant_type=password -d client_id=nastavnik-cli -d username=nobody.here -d password=Wrong-password-1 -d scope=api)
  grep -q '"error": *"invalid_request"' <<< "$direct" || fail "$1: a node accepted the token endpoint over plain HTTP: $direct"
  # 25 MB bodies pass nginx (the node answers), larger ones are refused by nginx itself.
  head -c $((24 * 1024 * 1024)) /dev/zero > "$work/body"
  [ "$(curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/octet-stream' --data-binary @"$work/body" "$https/health")" != 413 ] \
    || fail "$1: a 24 MB body was refused by nginx"
  head -c $((26 * 1024 * 1024)) /dev/zero > "$work/body"
  [ "$(curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/octet-stream' --data-binary @"$work/body" "$https/health")" = 413 ] \
    || fail "$1: a 26 MB body was not refused by nginx"
  rm -f "$work/body"
  # Both nodes take requests.
  local n1 n2
  n1=$(grep -c '"RequestPath":"/health"' "$work/web1.log" || true); n2=$(grep -c '"RequestPath":"/health"' "$work/web2.log" || true)
  for _ in $(seq 1 10); do curl -sk -o /dev/null "$https/health"; done
  [ "$(grep -c '"RequestPath":"/health"' "$work/web1.log" || true)" -gt "$n1" ] && [ "$(grep -c '"RequestPath":"/health"' "$work/web2.log" || true)" -gt "$n2" ] \
    || fail "$1: ten requests through nginx did not reach both web nodes"
  ok "$1: both nodes serve; /health over HTTPS and HTTP; HTTP→HTTPS redirect; X-Forwarded-Proto honoured by the token endpoint; 25 MB body limit"
}
stop_nginx() { kill "$(cat "$nginx_pid_file")"; for _ in $(seq 1 20); do [ -f "$nginx_pid_file" ] || break; sleep 0.2; done; }

step "nginx live: deploy/docker/nginx.conf, then deploy/systemd/nginx-platform.conf, in front of the two web nodes"
nginx_live nginx-compose
stop_nginx
nginx_live nginx-systemd
kill "${node_pid[web2]}"; wait "${node_pid[web2]}" 2>/dev/null || true
for _ in $(seq 1 20); do (exec 3<>"/dev/tcp/127.0.0.1/$WEB2") 2>/dev/null || break; sleep 0.5; done
bad=0
for _ in $(seq 1 20); do [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$NGINX_HTTPS/health")" = 200 ] || bad=$((bad + 1)); done
[ "$bad" = 0 ] || fail "with web2 stopped, $bad of 20 requests through nginx failed (proxy_next_upstream)"
ok "web2 stopped: 20 of 20 GET /health through nginx answered 200 (proxy_next_upstream error)"
stop_nginx

step "system calls: what the systemd nodes made against their SystemCallFilter (@system-service)"
if [ -n "$trace_dir" ]; then
  python3 - "$units" "$trace_dir" <<'PY'
import glob, re, subprocess, sys
units, traces = sys.argv[1:3]
filters = {re.sub(r"\s+", " ", l.split("=", 1)[1].strip()) for f in glob.glob(f"{units}/*.service") for l in open(f) if l.startswith("SystemCallFilter=")}
if filters != {"@system-service"}: sys.exit(f"the units' SystemCallFilter is {filters}: this check knows @system-service only")
def group(g, seen):
    out = set()
    if g in seen: return out
    seen.add(g)
    lines = subprocess.run(["systemd-analyze", "syscall-filter", g], capture_output=True, text=True, check=True).stdout.splitlines()[1:]
    for l in lines:
        l = l.split("#")[0].strip()
        if l: out |= group(l, seen) if l.startswith("@") else {l}
    return out
allowed = group("@system-service", set())
used, files = set(), glob.glob(f"{traces}/*.strace")
for f in files:
    started = False
    for l in open(f, errors="replace"):
        if not started:
            started = 'execve("/usr/bin/dotnet"' in l and "= 0" in l  # setpriv and env before it are this check's, not the unit's
            continue
        m = re.match(r"^\d+ +(?:<\.\.\. )?([a-z_0-9]+)[( ]", l)
        if m and m.group(1) not in ("exit", "resumed"): used.add(m.group(1))
if not used: sys.exit("no system call was traced")
denied = sorted(used - allowed)
if denied: sys.exit(f"the nodes made system calls outside @system-service (EPERM under the units): {denied}")
print(f"    ok: {len(used)} distinct system calls in {len(files)} traced nodes, all within @system-service ({len(allowed)} allowed)")
PY
else
  echo "    skipped: strace is not installed (apt-get install strace)"
fi

step "memory"
for n in web1 worker; do
  rss=$(ps -o rss= -p "${node_pid[$n]}" | tr -d ' ')
  [ -n "$rss" ] || fail "$n is not running"
  [ "$rss" -lt $((640 * 1024)) ] || fail "$n is resident at $((rss / 1024)) MB: over the units' MemoryMax (640M)"
  ok "$n resident: $((rss / 1024)) MB (MemoryMax 640M)"
done

echo "==> deploy check passed in $(( $(date +%s) - started )) s"
