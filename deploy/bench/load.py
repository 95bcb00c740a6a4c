"""Helpers of deploy/bench/load.sh (standard library only).

  load.py signin <base url> <targets.json> <data.lua>   tokens (password grant) and session cookies (the sign-in form) of every
                                                         account of the generated district, written as the Lua table load.lua reads
  load.py round <label> <wrk out dir> <seconds>          per-operation figures of one wrk round (its *.tsv lines) as JSON on stdout
  load.py report <rounds.jsonl>                          the tables: every round, per operation, and the ratios to the floors
"""
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request


def post_form(opener, url, fields):
    return opener.open(urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST"))


def token(base, login, password):
    opener = urllib.request.build_opener()
    answer = post_form(opener, base + "/connect/token", {"grant_type": "password", "client_id": "nastavnik-cli", "username": login,
                                                         "password": password, "scope": "api"})
    return json.load(answer)["access_token"]


def cookie(base, login, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/account/login").read().decode()
    name, value = re.search(r'<input type="hidden" name="([^"]*RequestVerificationToken[^"]*)" value="([^"]+)"', form).groups()
    post_form(opener, base + "/account/login", {"login": login, "password": password, name: value, "returnUrl": "/"}).read()
    cookies = {c.name: c.value for c in jar}
    if "nastavnik.session" not in cookies:
        raise SystemExit(f"cookie sign-in of {login} failed")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def lua(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(lua(v) for v in value) + "}"
    return json.dumps(value, ensure_ascii=False)


def signin(base, targets_file, out):
    t = json.load(open(targets_file))
    pw = t["password"]
    data = {"district": t["district"], "criteria": t["criteria"],
            "district_token": token(base, t["districtCurator"], pw), "district_cookie": cookie(base, t["districtCurator"], pw), "schools": []}
    for s in t["schools"]:
        data["schools"].append({
            "id": s["id"], "curator_token": token(base, s["curator"], pw), "curator_cookie": cookie(base, s["curator"], pw),
            "mentor_token": token(base, s["mentor"], pw), "mentor_cookie": cookie(base, s["mentor"], pw),
            "programs": s["programs"], "road_maps": [{"id": m["id"], "activities": m["activities"]} for m in s["roadMaps"]],
        })
    with open(out, "w") as f:
        f.write("return " + lua(data) + "\n")
    print(f"    signed in: 1 district curator, {len(t['schools'])} school curators, {len(t['schools'])} mentors (token and cookie each)")


def pct(xs, p):
    return xs[max(0, -(-len(xs) * p // 100) - 1)] if xs else 0.0


def figures(latencies, errors, seconds):
    xs = sorted(latencies)
    return {"requests": len(xs), "rps": len(xs) / seconds, "p50": pct(xs, 50), "p95": pct(xs, 95), "p99": pct(xs, 99), "errors": errors}


def round_figures(label, folder, seconds):
    import glob
    ops, all_ms, all_errors, statuses = {}, [], 0, {}
    for path in glob.glob(folder + "/*.tsv"):
        for line in open(path):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3:
                raise SystemExit(f"{path}: a line that is not operation, milliseconds, status: {line!r}")
            op, ms, status = fields
            ms, status = float(ms), int(status)
            entry = ops.setdefault(op, ([], [0]))
            if op != "unattributed":  # no echo, no timing: counted as requests and errors only
                entry[0].append(ms)
                all_ms.append(ms)
            else:
                entry[1].append(None)
            if status >= 400:
                entry[1][0] += 1
                all_errors += 1
                statuses[f"{op} {status}"] = statuses.get(f"{op} {status}", 0) + 1
    unattributed = len(ops.get("unattributed", ([], [0]))[1]) - 1
    print(json.dumps({"label": label, "all": dict(figures(all_ms, all_errors, seconds), requests=len(all_ms) + unattributed,
                                                  rps=(len(all_ms) + unattributed) / seconds),
                      "ops": {op: dict(figures(ms, e[0], seconds), requests=len(ms) or len(e) - 1) for op, (ms, e) in sorted(ops.items())}, "error_statuses": statuses}))


def report(rounds_file):
    rounds = [json.loads(line) for line in open(rounds_file) if line.strip()]
    by = {r["label"]: r for r in rounds}
    print("\n==> mixed load, one host (wrk; p50/p95/p99 in ms from every request's own timing)")
    print(f"{'round':<22}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'errors':>8}{'host CPU ms/req':>17}{'wrk CPU':>9}{'RSS MB':>8}{'DB conns max':>14}")
    for r in rounds:
        if r.get("kind") != "mixed":
            continue
        a = r["all"]
        print(f"{r['label']:<22}{a['rps']:>8.0f}{a['p50']:>8.1f}{a['p95']:>8.1f}{a['p99']:>8.1f}{a['errors']:>8}{r['host_cpu_ms_per_request']:>17.1f}"
              f"{r['wrk_cpu_share']:>8.0%} {r['rss_mb']:>7}{r['db_connections_max']:>14}")
        for k, v in r.get("error_statuses", {}).items():
            print(f"    errors: {k}: {v}")
    for label in [r["label"] for r in rounds if r.get("kind") == "mixed" and r["label"] in ("c=8", "c=32", "c=64")]:
        r = by[label]
        c = r["concurrency"]
        health, floor = by.get(f"health c={c}"), by.get(f"floor c={c}")
        print(f"\n==> per operation at concurrency {c} (ratios: host / hand-written SQL floor at the same concurrency)")
        print(f"{'operation':<26}{'share':>7}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'errors':>8}{'floor p50':>11}{'floor p95':>11}{'p50 ×':>8}{'p95 ×':>8}")
        for op, f in r["ops"].items():
            fl = floor["ops"].get(op) if floor else None
            ratio = (lambda a, b: f"{a / b:>8.1f}" if b else f"{'':>8}")
            print(f"{op:<26}{f['requests'] / max(1, r['all']['requests']):>7.0%}{f['rps']:>8.1f}{f['p50']:>8.1f}{f['p95']:>8.1f}{f['p99']:>8.1f}{f['errors']:>8}"
                  + (f"{fl['p50']:>11.2f}{fl['p95']:>11.2f}" + ratio(f["p50"], fl["p50"]) + ratio(f["p95"], fl["p95"]) if fl else ""))
        if floor:
            print(f"{'floor (all operations)':<26}{'':>7}{floor['all']['rps']:>8.0f}{floor['all']['p50']:>8.2f}{floor['all']['p95']:>8.2f}{floor['all']['p99']:>8.2f}"
                  f"   mixed req/s = {r['all']['rps'] / floor['all']['rps']:.2f}× the floor's")
        if health:
            print(f"{'/health (pipeline floor)':<26}{'':>7}{health['all']['rps']:>8.0f}{health['all']['p50']:>8.1f}{health['all']['p95']:>8.1f}{health['all']['p99']:>8.1f}"
                  f"{health['all']['errors']:>8}   mixed req/s = {r['all']['rps'] / health['all']['rps']:.2f}× /health's")
    one, two = by.get("1 pinned host"), by.get("2 pinned hosts")
    if one and two:
        print(f"\n==> two pinned hosts / one: {two['all']['rps'] / one['all']['rps']:.2f}× the requests per second "
              f"({two['all']['rps']:.0f} / {one['all']['rps']:.0f}; p95 {two['all']['p95']:.0f} / {one['all']['p95']:.0f} ms)")
    idle = by.get("idle")
    if idle:
        print(f"\n==> host RSS after {idle['seconds']} s idle: {idle['rss_mb']} MB")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "signin":
        signin(*sys.argv[2:5])
    elif command == "round":
        round_figures(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif command == "report":
        report(sys.argv[2])
