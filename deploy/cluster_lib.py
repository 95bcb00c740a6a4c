"""What the cluster suites share (deploy/cluster_test.py, deploy/crash_test.py): the cluster's commands, SQL on its primary, HTTP
through nginx, a curators' load, and the run's frame (a fresh cluster, its nodes' errors on failure, stopped at the end).

The suite that imports this sets CLUSTER_DIR, CLUSTER_PORT and CLUSTER_PG_PORT first: each suite has a cluster of its own.
"""
import http.client
import itertools
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLUSTER = os.path.join(ROOT, "deploy", "cluster.sh")
DIR = os.environ["CLUSTER_DIR"]
PORT = int(os.environ["CLUSTER_PORT"])
PG1 = int(os.environ["CLUSTER_PG_PORT"])
PG2 = PG1 + 1
DLL = os.path.join(ROOT, "src", "Platform.Api", "bin", "Release", "net10.0", "Platform.Api.dll")
PASSWORD = "Nastavnik-2026"
DISTRICT = "11000000-0000-4000-8000-000000000237"
SCHOOLS = {"curator.sosh1": "11000000-0000-4000-8000-000000000001", "curator.elan": "11000000-0000-4000-8000-000000000063"}
LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"


def letters(number, width):
    """A number written in letters: names of people take no digits."""
    out = ""
    for _ in range(width):
        number, digit = divmod(number, len(LETTERS))
        out = LETTERS[digit] + out
    return out


RUN = letters(uuid.uuid4().int, 5)


def sh(*args, check=True, env=None):
    return subprocess.run(args, check=check, text=True, capture_output=True, env={**os.environ, **(env or {})})


def cluster(*args):
    r = subprocess.run(["bash", CLUSTER, *args], text=True, capture_output=True)
    if r.returncode != 0:
        raise SystemExit(f"cluster.sh {' '.join(args)} failed:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def sql(query, port=None):
    """A scalar from the current primary (or the given port), as postgres."""
    ports = [port] if port else [PG1, PG2]
    for p in ports:
        r = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(p), "-U", "postgres", "-d", "platform", "-tAc", query],
                           text=True, capture_output=True)
        if r.returncode == 0 and (port or sql_is_primary(p)):
            return r.stdout.strip()
    raise RuntimeError(f"no primary answered: {query}")


def sql_is_primary(port):
    r = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-tAc", "SELECT pg_is_in_recovery()"],
                       text=True, capture_output=True)
    return r.returncode == 0 and r.stdout.strip() == "f"


def request(method, path, token=None, body=None, port=PORT, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if isinstance(body, dict):
        body = json.dumps(body)
    elif isinstance(body, str):
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def token(login):
    status, body = request("POST", "/connect/token", body=urllib.parse.urlencode(
        {"grant_type": "password", "client_id": "nastavnik-cli", "username": login, "password": PASSWORD, "scope": "api"}))
    assert status == 200, (status, body[:300])
    return json.loads(body)["access_token"]


def until(predicate, seconds, what, every=0.5):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(every)
    raise AssertionError(f"not within {seconds} s: {what}")


def report(step, **figures):
    print(json.dumps({"step": step, **figures}, ensure_ascii=False), flush=True)


class Load:
    """Curators through nginx: reads of the district dashboard and a school's people list, and writes (a new person each)."""

    numbers = itertools.count(1)  # a name is never written twice, whichever load writes it

    def __init__(self, threads=6, write_share=0.3):
        self.threads, self.write_share = threads, write_share
        self.tokens = {login: token(login) for login in SCHOOLS}
        self.district_token = token("district.curator")
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acked, self.unanswered, self.read_errors, self.reads, self.latencies = [], [], [], 0, []
        self.error_times = []
        self.answers = []  # (when, "read" or "write", status or the exception's name), every request

    def _one(self, rnd):
        if rnd.random() < self.write_share:
            login = rnd.choice(list(SCHOOLS))
            name = f"Нагрузка {RUN} {letters(next(Load.numbers), 4)}"
            start = time.perf_counter()
            try:
                status, _ = request("POST", f"/api/schools/{SCHOOLS[login]}/people", self.tokens[login],
                                    {"kind": "teacher", "fullName": name, "position": "учитель"})
            except (OSError, http.client.HTTPException) as e:
                status = type(e).__name__
            with self.lock:
                self.latencies.append(time.perf_counter() - start)
                self.answers.append((time.time(), "write", status))
                (self.acked if status in (200, 201) else self.unanswered).append((name, status))
                if status not in (200, 201):
                    self.error_times.append(time.time())
        else:
            path = rnd.choice([f"/api/districts/{DISTRICT}/dashboard", f"/api/schools/{SCHOOLS['curator.sosh1']}/people"])
            tok = self.district_token if "districts" in path else self.tokens["curator.sosh1"]
            start = time.perf_counter()
            try:
                status, _ = request("GET", path, tok)
            except (OSError, http.client.HTTPException) as e:
                status = type(e).__name__
            with self.lock:
                self.latencies.append(time.perf_counter() - start)
                self.reads += 1
                self.answers.append((time.time(), "read", status))
                if status != 200:
                    self.read_errors.append((path, status))
                    self.error_times.append(time.time())

    def _worker(self, seed):
        rnd = random.Random(seed)
        while not self.stop.is_set():
            self._one(rnd)

    def run(self, seconds, during=None):
        workers = [threading.Thread(target=self._worker, args=(i,)) for i in range(self.threads)]
        started = time.time()
        for w in workers:
            w.start()
        if during:
            during()
        time.sleep(max(0.0, seconds - (time.time() - started)))
        self.stop.set()
        for w in workers:
            w.join()
        elapsed = time.time() - started
        lat = sorted(self.latencies)
        return {"seconds": round(elapsed, 1), "requests": len(lat), "rps": round(len(lat) / elapsed, 1),
                "p50_ms": round(lat[len(lat) // 2] * 1000, 1) if lat else None,
                "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1) if lat else None,
                "reads": self.reads, "read_errors": len(self.read_errors), "writes_answered": len(self.acked),
                "writes_unanswered": len(self.unanswered),
                "errors_for_seconds": round(max(self.error_times) - min(self.error_times), 1) if self.error_times else 0}

    def stored(self):
        rows = sql(f"SELECT full_name, count(*) FROM mentoring.people WHERE full_name LIKE 'Нагрузка {RUN} %' GROUP BY 1")
        return {line.split("|")[0]: int(line.split("|")[1]) for line in rows.splitlines() if line}

    def check_writes(self):
        stored = self.stored()
        lost = [n for n, _ in self.acked if n not in stored]
        twice = [n for n, c in stored.items() if c > 1]
        assert not lost, f"{len(lost)} answered writes are not stored: {lost[:5]}"
        assert not twice, f"stored twice: {twice[:5]}"
        return {"stored": len(stored), "lost": len(lost), "stored_twice": len(twice),
                "unanswered_but_stored": sum(1 for n, _ in self.unanswered if n in stored)}


def answers(port):
    try:
        return request("GET", "/health", port=port, timeout=2)[0] == 200
    except OSError:
        return False


def run_on_fresh_cluster(steps, title):
    """A new cluster (cluster.sh up on this suite's ports and directory), the steps, and the cluster stopped whatever happens:
    on a failure the nodes' last errors are printed. With --keep the cluster is left running, else its directory is removed;
    --reuse runs the steps on the cluster a --keep run left (to work on a suite)."""
    os.environ.setdefault("CLUSTER_BUILD", "0")
    reuse = "--reuse" in sys.argv
    if not reuse:
        subprocess.run(["bash", CLUSTER, "down"], capture_output=True)
        subprocess.run(["rm", "-rf", DIR])
    started = time.time()
    try:
        print(cluster("up" if not reuse else "status"), flush=True)
        report("cluster up", seconds=round(time.time() - started, 1))
        steps()
        print(f"{title}: all passed", flush=True)
    except BaseException:
        for log in ("web1", "web2", "worker"):
            path = os.path.join(DIR, "logs", log + ".log")
            if os.path.exists(path):
                print(f"--- {log}.log (last errors)")
                errors = [l for l in open(path, encoding="utf-8", errors="replace") if '"Level":"Error"' in l or '"Level":"Fatal"' in l]
                print("".join(errors[-5:])[:4000])
        raise
    finally:
        if "--keep" not in sys.argv:
            subprocess.run(["bash", CLUSTER, "down"], capture_output=True)
            subprocess.run(["rm", "-rf", DIR])
