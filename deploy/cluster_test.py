#!/usr/bin/env python3
"""Faults the cluster survives, on the loopback cluster of deploy/cluster.sh (started here, stopped at the end).

  python3 deploy/cluster_test.py [--keep]

1. A web node killed (SIGKILL) under a steady load through nginx: the load goes on through the other node; every
   write that was answered is stored once; reads are retried by nginx.
2. The worker killed while it sends reminders: the restarted worker finishes them; each reminder is logged, delivered
   and noticed once.
3. Backups: a base backup and the WAL archive restored to a point in time in a fresh data directory; a node started on
   it answers; the events and their sequence are those of the original at that time.
4. Read-heavy pages from the standby: dashboards read there; while the standby is stopped they fall back to the primary.
Also: a curator signed in with the web form is served by both web nodes (the cookie and form token are shared).
5. The primary stopped and the standby promoted (the runbook's `cluster.sh failover`): the nodes reconnect without a
   restart and every write answered before is there.
Figures are printed as one JSON line per step (and collected in docs/performance.md by hand).
"""
import http.client
import http.cookiejar
import re
import urllib.request
import json
import os
import subprocess
import threading
import time
import urllib.parse

# This suite's cluster (crash_test.py has its own): set before cluster_lib reads them.
os.environ.setdefault("CLUSTER_DIR", "/tmp/platform-cluster-test")
os.environ.setdefault("CLUSTER_PORT", "5280")
os.environ.setdefault("CLUSTER_PG_PORT", "15601")
from cluster_lib import (CLUSTER, DIR, DISTRICT, DLL, PASSWORD, PG1, PG2, PORT, ROOT, RUN, SCHOOLS, Load, answers, cluster,  # noqa: E402
                         report, request, run_on_fresh_cluster, sh, sql, token, until)

BACKUP = os.path.join(ROOT, "deploy", "backup.sh")


def web_node_killed():
    load = Load()

    def kill_and_restart():
        time.sleep(5)
        cluster("stop-node", "web1", "KILL")
        time.sleep(10)
        cluster("start-node", "web1")

    figures = load.run(30, during=lambda: threading.Thread(target=kill_and_restart).start())
    figures.update(load.check_writes())
    # nginx retries a read the node refused or dropped before answering; a response the node had begun to send when it was
    # killed reaches the client cut short (at most one per connection in flight), and no read is answered with an error.
    cut = [e for e in load.read_errors if e[1] == "IncompleteRead"]
    report("web node killed under load", **figures, reads_cut_by_the_kill=len(cut), read_error_samples=load.read_errors[:3])
    assert len(cut) == len(load.read_errors) and len(cut) <= load.threads, f"reads failed: {load.read_errors[:5]}"
    assert figures["writes_answered"] > 0
    return load


def cookie_session_across_nodes():
    """A curator signed in through the web form: the cookie and the form token work on both web nodes."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{PORT}"
    page = browser.open(base + "/account/login").read().decode()
    form_token = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page).group(1)
    browser.open(base + "/account/login", urllib.parse.urlencode({"__RequestVerificationToken": form_token, "login": "district.curator",
                                                                  "password": PASSWORD, "returnUrl": "/"}).encode())
    mark = f"/districts/{DISTRICT}?run={urllib.parse.quote(RUN)}"
    answers = []

    def served_by():
        return set(re.findall(r"upstream=(\S+)", "".join(
            l for l in open(os.path.join(DIR, "logs", "nginx-access.log"), encoding="utf-8") if f"run={urllib.parse.quote(RUN)}" in l)))

    # web1 was killed and restarted by the step before: nginx leaves a node that failed out for fail_timeout (5 s), so the
    # pages go on until both nodes have served one (at most 20 s).
    deadline = time.time() + 20
    while len(answers) < 6 or (len(served_by()) < 2 and time.time() < deadline):
        r = browser.open(base + mark)
        answers.append((r.status, urllib.parse.urlparse(r.geturl()).path))
        if len(answers) >= 6:
            time.sleep(0.5)
    report("signed-in pages on both web nodes", answers=sorted(set(answers)), pages=len(answers), served_by=sorted(served_by()))
    assert set(answers) == {(200, f"/districts/{DISTRICT}")}, answers
    assert len(served_by()) == 2, served_by()


def worker_killed():
    prefix = f"Сбой {RUN}"
    sql("INSERT INTO jobs.reminder_policies (tenant_id, kind, offsets, send_at, escalate, escalation_days, updated_at) "
        f"VALUES ('{DISTRICT}', 'road_map_activity', '{{5,4,3,2,1,0}}', '00:00', false, 1, now()) "
        "ON CONFLICT (tenant_id, kind) DO UPDATE SET offsets = excluded.offsets, send_at = excluded.send_at")
    per_school = 1000
    for school in SCHOOLS.values():
        sql("INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title, period_kind, "
            "period_text, last_day, responsible_roles, status) "
            f"SELECT '{school}', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'Этап', 1, '{prefix} ' || i, 'date', '', "
            f"current_date + 3, '{{curator}}', 'planned' FROM generate_series(1, {per_school}) i")
    expected = per_school * len(SCHOOLS)
    logged = f"SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE '{prefix}%' AND channel = 'inbox'"
    # The worker scans every second (cluster_test's schedule); killed as soon as the first reminders of the batch are written.
    until(lambda: int(sql(logged)) > 0, 120, "the worker starts reminding", every=0.02)
    cluster("stop-node", "worker", "KILL")
    at_kill = int(sql(logged))
    sent_at_kill = int(sql(f"SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE '{prefix}%' AND status = 'sent'"))
    time.sleep(3)
    cluster("start-node", "worker")
    unsent = f"SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE '{prefix}%' AND status <> 'sent'"
    until(lambda: int(sql(logged)) == expected and int(sql(unsent)) == 0, 180, "every reminder delivered")
    duplicates = int(sql("SELECT count(*) FROM (SELECT recipient_id, channel, payload->>'deadline' FROM jobs.deliveries "
                         f"WHERE payload->>'deadline' LIKE '{prefix}%' GROUP BY 1, 2, 3 HAVING count(*) > 1) d"))
    notices = int(sql(f"SELECT count(*) FROM jobs.notifications WHERE body LIKE '%{prefix}%'"))
    twice = int(sql(f"SELECT count(*) FROM (SELECT user_id, body FROM jobs.notifications WHERE body LIKE '%{prefix}%' "
                    "GROUP BY 1, 2 HAVING count(*) > 1) d"))
    report("worker killed during reminders", reminders=expected, logged_when_killed=at_kill, sent_when_killed=sent_at_kill, duplicates=duplicates,
           notices=notices, notices_twice=twice)
    assert duplicates == 0 and twice == 0 and notices == expected, (duplicates, twice, notices)


def backup_restore(load):
    base = os.path.join(DIR, "backups")
    sh("bash", BACKUP, "base", str(PG1), base)
    more = Load(threads=2)
    more.run(4)
    at = sql("SELECT now()")
    events_at = sql("SELECT count(*) || ':' || max(seq_id) FROM es.mt_events")
    time.sleep(1.5)
    after = Load(threads=2)
    after.run(3)
    # The segment holding the last writes is closed and archived before the restore reads the archive.
    last = sql("SELECT pg_walfile_name(pg_switch_wal())")
    until(lambda: sql("SELECT COALESCE(last_archived_wal, '') FROM pg_stat_archiver") >= last, 60, "the last WAL segment archived")
    target = os.path.join(DIR, "restored")
    started = time.time()
    r = sh("bash", BACKUP, "restore", base, os.path.join(DIR, "wal-archive"), target, str(PG1 + 20), at, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    restore_seconds = round(time.time() - started, 1)
    restored = sql("SELECT count(*) || ':' || max(seq_id) FROM es.mt_events", port=PG1 + 20)
    gaps = sql("SELECT count(*) FROM (SELECT seq_id - lag(seq_id) OVER (ORDER BY seq_id) AS step FROM es.mt_events) s WHERE step <> 1",
               port=PG1 + 20)
    after_names = [n for n, _ in after.acked]
    present_after = int(sql("SELECT count(*) FROM mentoring.people WHERE full_name = ANY(ARRAY[" +
                            ",".join("'" + n + "'" for n in after_names) + "]::text[])", port=PG1 + 20)) if after_names else 0
    before_names = [n for n, _ in more.acked]
    present_before = int(sql("SELECT count(*) FROM mentoring.people WHERE full_name = ANY(ARRAY[" +
                             ",".join("'" + n + "'" for n in before_names) + "]::text[])", port=PG1 + 20)) if before_names else 0
    # A node on the restored database answers (a web node of its own, on a port beside the cluster's).
    env = dict(os.environ)
    conn = f"Host=127.0.0.1;Port={PG1 + 20};Database=platform;"
    env.update({"ASPNETCORE_ENVIRONMENT": "Development", "ConnectionStrings__Platform": conn + "Username=platform_app",
                "ConnectionStrings__PlatformSystem": conn + "Username=platform_system", "ConnectionStrings__PlatformOwner": conn + "Username=postgres",
                "Database__MigrateOnStartup": "false", "Demo__Seed": "false", "Auth__Issuer": f"http://127.0.0.1:{PORT + 9}/"})
    node_log = open(os.path.join(DIR, "logs", "restored-node.log"), "w")
    node = subprocess.Popen(["dotnet", DLL, "--urls", f"http://127.0.0.1:{PORT + 9}", "--role", "web"], env=env,
                            stdout=node_log, stderr=subprocess.STDOUT)
    try:
        until(lambda: answers(PORT + 9), 90, "a node on the restored database")
        tok_status, body = request("POST", "/connect/token", port=PORT + 9, body=urllib.parse.urlencode(
            {"grant_type": "password", "client_id": "nastavnik-cli", "username": "curator.sosh1", "password": PASSWORD, "scope": "api"}))
        assert tok_status == 200, body[:200]
        status, people = request("GET", f"/api/schools/{SCHOOLS['curator.sosh1']}/people", json.loads(body)["access_token"], port=PORT + 9)
        assert status == 200, status
    finally:
        node.kill()
        sh("bash", "-c", f". '{ROOT}/deploy/postgres.sh'; pg_stop '{target}'")
    report("backup restored to a point in time", target_time=at, events_at_target=events_at, events_restored=restored,
           sequence_gaps=gaps, written_before_target=len(before_names), restored_of_them=present_before,
           written_after_target=len(after_names), restored_after_target=present_after, restore_seconds=restore_seconds)
    assert restored == events_at, (restored, events_at)
    assert present_before == len(before_names) and present_after == 0


def replica_fallback():
    district_token = token("district.curator")
    lag = sql("SELECT COALESCE(max(extract(epoch FROM replay_lag)), 0) FROM pg_stat_replication")
    # The dashboards read from the standby while it is fresh: its connections are there after a few reads.
    for _ in range(10):
        assert request("GET", f"/api/districts/{DISTRICT}/dashboard", district_token)[0] == 200
        time.sleep(0.2)
    on_standby = int(sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'platform-replica-reads'", port=PG2))
    assert on_standby > 0, "no dashboard read reached the standby"
    sh("bash", "-c", f". '{ROOT}/deploy/postgres.sh'; pg_stop '{DIR}/replica'")
    statuses = [request("GET", f"/api/districts/{DISTRICT}/dashboard", district_token)[0] for _ in range(10)]
    sh("bash", "-c", f". '{ROOT}/deploy/postgres.sh'; pg_start '{DIR}/replica' {PG2}")
    report("dashboards from the standby, then with it stopped", standby_connections=on_standby, statuses_without_it=sorted(set(statuses)),
           replay_lag_seconds=float(lag))
    assert set(statuses) == {200}, statuses


def failover():
    load = Load(threads=4)
    switched = {}

    def switch():
        time.sleep(4)
        switched["answered_before"] = len(load.acked)
        switched["names_before"] = [n for n, _ in load.acked]
        started = time.time()
        cluster("failover")
        switched["failover_seconds"] = round(time.time() - started, 1)

    figures = load.run(25, during=lambda: threading.Thread(target=switch).start())
    # The nodes were not restarted: they write to the promoted standby.
    status, _ = request("POST", f"/api/schools/{SCHOOLS['curator.sosh1']}/people", load.tokens["curator.sosh1"],
                        {"kind": "teacher", "fullName": f"Нагрузка {RUN} Последний", "position": "учитель"})
    stored = load.stored()
    lost_before = [n for n in switched["names_before"] if n not in stored]
    figures.update(load.check_writes())
    report("primary stopped, standby promoted", **figures, answered_before_failover=switched["answered_before"],
           lost_before_failover=len(lost_before), failover_seconds=switched["failover_seconds"], write_after=status)
    assert not lost_before and status in (200, 201), (lost_before[:3], status)


def proxy_refusals():
    """What nginx refuses itself is answered as the nodes answer: Russian problem details (a %00 path, a body over 25 MB)."""
    status, body = request("GET", "/api/schools/%00/people")
    assert status == 400 and "Некорректный запрос" in body.decode(), (status, body[:300])
    # The declared length is enough for nginx to refuse: the body is never sent.
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        conn.putrequest("POST", "/api/schools/x/people")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(26 * 1024 * 1024))
        conn.endheaders()
        r = conn.getresponse()
        status, body = r.status, r.read()
    finally:
        conn.close()
    assert status == 413 and "Слишком большой запрос" in body.decode(), (status, body[:300])
    report("proxy refusals in Russian", bad_path=400, too_large=413)


def main():
    # The worker scans for reminders every second here (the product's schedule is every five minutes).
    os.environ["CLUSTER_REMINDER_SCHEDULE"] = "* * * * * *"

    def steps():
        proxy_refusals()
        load = web_node_killed()
        cookie_session_across_nodes()
        worker_killed()
        backup_restore(load)
        replica_fallback()
        failover()

    run_on_fresh_cluster(steps, "cluster faults")


if __name__ == "__main__":
    main()
