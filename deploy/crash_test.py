#!/usr/bin/env python3
"""The crash suite, on a loopback cluster of its own (deploy/cluster.sh, started here, stopped and removed at the end).

  python3 deploy/crash_test.py [--keep]              20 kills (PLATFORM_CRASH_KILLS), then PostgreSQL restarted under load
  PLATFORM_CRASH_KILLS=4 python3 deploy/crash_test.py  the short run of ./test.sh: one kill of each kind
  PLATFORM_CRASH_SEED=<seed> python3 deploy/crash_test.py   replays a run's moments (the seed is printed at the start)

The host doing the work is killed (SIGKILL) at a moment drawn from the seed, then started again, in turn:
- scan: the worker while its reminder scan decides a batch of due road map activities (one statement writes the log and
  the deliveries);
- delivery: the worker while it delivers them (in-app notices, and e-mails to a mail catcher run here);
- import: the worker while it loads a staff list (CSV, the background operation of POST …/people/import);
- submission: the worker while it assembles the district's submission (POST …/campaigns/{id}/submissions).
(Imports and submissions are background operations: the web node only stores and queues them, the worker does the writing.)
After each: every reminder noticed exactly once (0 duplicates, 0 missing), every e-mail received at least once with its
delivery's Message-ID (duplicates counted, and each one shown as an interrupted attempt in the delivery log), and every
write all-or-nothing: while it runs and after, the API and the read models show all of the list or none of it, the
whole submission or none.
Then PostgreSQL's primary is stopped and started while curators send reads and writes through nginx: the nodes answer 503
with Retry-After while it is down (nginx passes it on), 2xx again a few seconds after, no other error outside the outage, every answered write stored;
the worker delivers again without a restart.
One JSON line of figures per step, and a summary at the end.
"""
import http.client
import json
import os
import random
import socketserver
import threading
import time
import urllib.parse
import uuid

os.environ.setdefault("CLUSTER_DIR", "/tmp/platform-crash-test")
os.environ.setdefault("CLUSTER_PORT", "5380")
os.environ.setdefault("CLUSTER_PG_PORT", "15701")
from cluster_lib import (DIR, DISTRICT, PORT, ROOT, RUN, SCHOOLS, Load, cluster, letters, report, request,  # noqa: E402
                         run_on_fresh_cluster, sh, sql, token, until)

KILLS = int(os.environ.get("PLATFORM_CRASH_KILLS", "20"))
SEED = int(os.environ.get("PLATFORM_CRASH_SEED") or random.SystemRandom().randrange(1, 10**9))
KINDS = ["scan", "delivery", "import", "submission"]
MAIL_PORT = PORT + 8
CAMPAIGN = "11000000-0000-4000-8000-0000000c2026"  # the demo district's campaign (DemoReporting): two school reports accepted
SOSH1 = SCHOOLS["curator.sosh1"]


class MailCatcher(socketserver.ThreadingTCPServer):
    """An SMTP server that takes every message and counts it by its Message-ID."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, port):
        self.lock = threading.Lock()
        self.received = {}  # Message-ID -> how many times
        super().__init__(("127.0.0.1", port), _Smtp)


class _Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 crash-test ESMTP\r\n")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.strip().split(b" ")[0].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-crash-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                message_id = None
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    if data.lower().startswith(b"message-id:"):
                        message_id = data.split(b":", 1)[1].strip().strip(b"<>").decode()
                if not data:
                    return  # the sender died before the end of the message: not received
                with self.server.lock:
                    self.server.received[message_id] = self.server.received.get(message_id, 0) + 1
                self.wfile.write(b"250 taken\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class Totals:
    def __init__(self):
        self.kills = {kind: 0 for kind in KINDS}
        self.reminders = self.notices = self.notice_duplicates = self.notices_missing = 0
        self.emails = self.email_duplicates = self.emails_missing = self.interrupted_attempts = 0
        self.imports = self.imports_all = self.imports_none = self.import_rows = 0
        self.submissions = self.submissions_whole = self.submissions_absent = 0
        self.half_states_seen = 0
        self.restart_seconds = []


def kill_worker(delay):
    time.sleep(delay)
    cluster("stop-node", "worker", "KILL")


def restart_worker(totals):
    started = time.time()
    cluster("start-node", "worker")
    totals.restart_seconds.append(round(time.time() - started, 1))


def count(query):
    return int(sql(query))


# Reminders: a batch of due activities per kill, each reminded once to its school's curator (in-app and by e-mail).

def add_due_activities(prefix, per_school):
    for school in SCHOOLS.values():
        sql("INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title, period_kind, "
            "period_text, last_day, responsible_roles, status) "
            f"SELECT '{school}', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'Этап', 1, '{prefix} ' || i, 'date', '', "
            f"current_date + 3, '{{curator}}', 'planned' FROM generate_series(1, {per_school}) i")
    return per_school * len(SCHOOLS)


def reminders_killed(step, kind, rnd, mail, totals):
    prefix = f"Сбой {RUN} {letters(step, 3)}"
    of_batch = f"payload->>'deadline' LIKE '{prefix} %'"
    per_school = 1500 if kind == "scan" else 600
    if kind == "scan":
        # The kill falls while the scan's statement that decides the batch (the log rows, the deliveries, their messages) runs,
        # or just after it.
        delay = rnd.uniform(0.0, 0.3)
        expected = add_due_activities(prefix, per_school)
        # (pg_stat_activity keeps the first 1,024 characters of a statement: the decision's begins with its deadlines.) A decision
        # too quick to be seen leaves the kill a second after the batch is due.
        try:
            until(lambda: count("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() "
                                "AND query LIKE '%WITH deadlines AS (%'") > 0, 20, "the scan deciding", every=0.01)
        except AssertionError:
            delay += 1.0
        kill_worker(delay)
    else:
        delay = rnd.uniform(0.0, 0.6)
        expected = add_due_activities(prefix, per_school)
        until(lambda: count(f"SELECT count(*) FROM jobs.deliveries WHERE {of_batch} AND status = 'sent'") > 0, 60,
              "the worker starts delivering", every=0.05)
        kill_worker(delay)
    logged_at_kill = count(f"SELECT count(*) FROM jobs.deliveries WHERE {of_batch} AND channel = 'inbox'")
    sent_at_kill = count(f"SELECT count(*) FROM jobs.deliveries WHERE {of_batch} AND status = 'sent'")
    restart_worker(totals)
    started = time.time()
    until(lambda: count(f"SELECT count(*) FROM jobs.deliveries WHERE {of_batch} AND channel = 'inbox'") == expected
          and count(f"SELECT count(*) FROM jobs.deliveries WHERE {of_batch} AND status <> 'sent'") == 0, 240, "every reminder delivered")
    delivered_in = round(time.time() - started, 1)
    duplicates = count(f"SELECT count(*) FROM (SELECT recipient_id, channel, payload->>'deadline' FROM jobs.deliveries WHERE {of_batch} "
                       "GROUP BY 1, 2, 3 HAVING count(*) > 1) d")
    notices = count(f"SELECT count(*) FROM jobs.notifications WHERE body LIKE '%{prefix} %'")
    distinct_notices = count(f"SELECT count(DISTINCT (user_id, body)) FROM jobs.notifications WHERE body LIKE '%{prefix} %'")
    emails = sql(f"SELECT string_agg(id::text, ' ') FROM jobs.deliveries WHERE {of_batch} AND channel = 'email'").split()
    interrupted = count("SELECT count(*) FROM jobs.delivery_attempts a JOIN jobs.deliveries d ON d.tenant_id = a.tenant_id AND d.id = a.delivery_id "
                        f"WHERE d.{of_batch} AND a.outcome = 'interrupted'")
    with mail.lock:
        received = {m: mail.received.get(f"{m}@nastavnik", 0) for m in emails}
    email_missing = sum(1 for n in received.values() if n == 0)
    email_twice = sum(n - 1 for n in received.values() if n > 1)
    totals.reminders += expected
    totals.notices += notices
    totals.notice_duplicates += notices - distinct_notices
    totals.notices_missing += max(0, expected - distinct_notices)
    totals.emails += len(emails)
    totals.email_duplicates += email_twice
    totals.emails_missing += email_missing
    totals.interrupted_attempts += interrupted
    report(f"kill {step}: {kind}", delay_s=round(delay, 2), reminders=expected, logged_when_killed=logged_at_kill, sent_when_killed=sent_at_kill,
           delivered_in_s=delivered_in, deliveries_twice=duplicates, notices=notices, notices_twice=notices - distinct_notices,
           emails=len(emails), emails_received_twice=email_twice, emails_missing=email_missing, interrupted_attempts=interrupted)
    assert duplicates == 0 and notices == expected and distinct_notices == expected, (duplicates, notices, distinct_notices, expected)
    assert len(emails) == expected and email_missing == 0, (len(emails), email_missing)
    # An e-mail received twice was sent by an attempt the kill cut short: the log shows that attempt as interrupted.
    assert email_twice <= interrupted, (email_twice, interrupted)


# Writes: a list import and a submission, watched while they run; all or nothing.

class Watch:
    """Reads a write's visible state over and over (the API and the read models) until stopped: every state seen."""

    def __init__(self, read):
        self.read, self.seen, self.stop = read, set(), threading.Event()
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            try:
                self.seen.add(self.read())
            except (OSError, http.client.HTTPException, RuntimeError, ValueError):
                pass  # the database or a node is being restarted: nothing seen
            time.sleep(0.05)

    def done(self):
        self.stop.set()
        self.thread.join()
        return self.seen


def multipart(path, tok, fields, file_name, content):
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\nContent-Type: text/csv\r\n\r\n'
                 .encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    try:
        conn.request("POST", path, body=body, headers={"Authorization": "Bearer " + tok,
                                                       "Content-Type": f"multipart/form-data; boundary={boundary}"})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def taken(op_id):
    until(lambda: sql(f"SELECT status FROM jobs.operations WHERE id = '{op_id}'") != "queued", 60, "the worker takes the operation",
          every=0.02)


def finished(op_id, tok, seconds):
    """The operation once it has ended (succeeded or failed)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        status, body = request("GET", f"/api/operations/{op_id}", tok)
        if status == 200 and json.loads(body)["status"] in ("succeeded", "failed"):
            return json.loads(body)
        time.sleep(0.5)
    raise AssertionError(f"operation {op_id} not finished within {seconds} s")


def import_killed(step, rnd, totals):
    rows = 3000
    family = f"Импорт {RUN} {letters(step, 3)}"
    names = [f"{family} {letters(i, 3)}" for i in range(rows)]
    content = ("ФИО;Должность\r\n" + "".join(f"{n};учитель\r\n" for n in names)).encode("utf-8")
    tok = token("curator.sosh1")
    in_model = f"SELECT count(*) FROM mentoring.people WHERE tenant_id = '{SOSH1}' AND full_name LIKE '{family} %'"

    def visible():
        status, body = request("GET", f"/api/schools/{SOSH1}/people?search={urllib.parse.quote(family)}&pageSize=1", tok, timeout=5)
        if status != 200:
            raise RuntimeError(status)
        return ("api", json.loads(body)["total"]), ("read model", count(in_model))

    delay = rnd.uniform(0.0, 3.0)  # from the moment the worker takes the operation; loading 3,000 rows takes about 3 s here
    watch = Watch(visible)
    status, body = multipart(f"/api/schools/{SOSH1}/people/import?kind=staff&dryRun=false", tok, {}, "staff.csv", content)
    assert status == 202, (status, body[:300])
    op_id = json.loads(body)["id"]
    taken(op_id)
    kill_worker(delay)
    at_kill = count(in_model)
    restart_worker(totals)
    started = time.time()
    operation = finished(op_id, tok, 180)
    finished_in = round(time.time() - started, 1)
    seen = watch.done()
    stored = count(in_model)
    twice = count(f"SELECT count(*) FROM (SELECT full_name FROM mentoring.people WHERE tenant_id = '{SOSH1}' AND full_name LIKE '{family} %' "
                  "GROUP BY 1 HAVING count(*) > 1) d")
    runs = count(f"SELECT runs FROM jobs.operations WHERE id = '{op_id}'")
    took = float(sql(f"SELECT round(extract(epoch FROM finished_at - started_at)::numeric, 1) FROM jobs.operations WHERE id = '{op_id}'"))
    counts = {n for state in seen for _, n in state}
    half = sorted(counts - {0, rows})
    totals.imports += 1
    totals.import_rows += stored
    totals.imports_all += stored == rows
    totals.imports_none += stored == 0
    totals.half_states_seen += len(half)
    report(f"kill {step}: import", delay_s=round(delay, 2), rows=rows, stored_when_killed=at_kill, operation=operation["status"], runs=runs,
           finished_in_s=finished_in, stored=stored, stored_twice=twice, counts_seen=sorted(counts), took_s=took, half_states=half)
    assert not half and twice == 0, (half, twice)
    assert (operation["status"] == "succeeded" and stored == rows) or (operation["status"] == "failed" and stored == 0), (operation, stored)


def submission_killed(step, rnd, totals):
    tok = token("district.curator")
    expected = count(f"SELECT count(*) FROM reporting.school_reports WHERE district_id = '{DISTRICT}' AND campaign_id = '{CAMPAIGN}' "
                     "AND status = 'accepted'")
    ids = {}

    def visible():
        """The API's answer, then the read model's row and the stream's events read in one statement (one snapshot)."""
        if "op" not in ids:
            return ()
        sid = ids["op"]
        status, body = request("GET", f"/api/districts/{DISTRICT}/submissions/{sid}", tok, timeout=5)
        if status not in (200, 404):
            raise RuntimeError(status)
        api = len(json.loads(body)["schools"]) if status == 200 else 0
        stored = sql(f"SELECT coalesce((SELECT schools || ':' || version FROM reporting.submissions WHERE id = '{sid}'), 'absent') || ' ' || "
                     f"(SELECT count(*) FROM es.mt_events WHERE stream_id = '{sid}')")
        return ("api", api), ("stored", stored)

    delay = rnd.uniform(0.0, 0.4)  # from the moment the worker takes the operation; assembling takes a few hundred ms
    watch = Watch(visible)
    status, body = request("POST", f"/api/districts/{DISTRICT}/campaigns/{CAMPAIGN}/submissions", tok, {})
    assert status == 202, (status, body[:300])
    ids["op"] = op_id = json.loads(body)["id"]
    taken(op_id)
    kill_worker(delay)
    at_kill = sql(f"SELECT count(*) FROM reporting.submissions WHERE id = '{op_id}'")
    restart_worker(totals)
    started = time.time()
    operation = finished(op_id, tok, 180)
    finished_in = round(time.time() - started, 1)
    seen = watch.done()
    # Whole: the API shows every accepted report, the read model has its row at version 1 and the stream its one event. Absent:
    # none of them. (The API and the database are read one after the other: each is judged on its own.)
    whole = (("api", expected), ("stored", f"{expected}:1 1"))
    absent = (("api", 0), ("stored", "absent 0"))
    half = sorted({part for state in seen for part in state} - set(whole) - set(absent))
    final = visible()
    runs = count(f"SELECT runs FROM jobs.operations WHERE id = '{op_id}'")
    totals.submissions += 1
    totals.submissions_whole += final == whole
    totals.submissions_absent += final == absent
    totals.half_states_seen += len(half)
    report(f"kill {step}: submission", delay_s=round(delay, 2), schools=expected, stored_when_killed=int(at_kill), operation=operation["status"],
           runs=runs, finished_in_s=finished_in, final=dict(final), half_states=half[:3])
    assert not half, half
    assert operation["status"] == "succeeded" and final == whole, (operation, final)


# PostgreSQL restarted under load.

def postgres_restarted(rnd, mail, totals):
    load = Load(threads=4)
    window = {}
    down_for = rnd.uniform(2.0, 5.0)

    def restart():
        time.sleep(5)
        window["from"] = time.time()
        sh("bash", "-c", f". '{ROOT}/deploy/postgres.sh'; pg_stop '{DIR}/primary'")
        window["stopped"] = time.time()
        time.sleep(down_for)
        sh("bash", "-c", f". '{ROOT}/deploy/postgres.sh'; pg_start '{DIR}/primary' {int(os.environ['CLUSTER_PG_PORT'])}")
        window["to"] = time.time()

    probe = Retry503Probe()
    figures = load.run(25, during=lambda: threading.Thread(target=restart).start())
    probe.stop()
    answers = load.answers + probe.answers
    ok = lambda s: isinstance(s, int) and 200 <= s < 300  # noqa: E731
    during = [a for a in answers if window["from"] <= a[0] <= window["to"]]
    after = [a for a in answers if a[0] > window["to"]]
    recovered_at = min((a[0] for a in after if ok(a[2])), default=None)
    other_outside = [a for a in answers if not (window["from"] <= a[0] <= window["to"]) and not ok(a[2]) and a[2] != 503]
    late_503 = [a for a in after if a[2] == 503]
    statuses = {}
    for a in answers:
        statuses[str(a[2])] = statuses.get(str(a[2]), 0) + 1
    figures.update(load.check_writes())
    # The worker delivers again without a restart.
    prefix = f"Сбой {RUN} после"
    expected = add_due_activities(prefix, 5)
    until(lambda: count(f"SELECT count(*) FROM jobs.notifications WHERE body LIKE '%{prefix} %'") == expected, 120,
          "the worker reminds after the restart")
    recovery = round(recovered_at - window["to"], 2) if recovered_at else None
    totals.pg = {"recovery_s": recovery, "errors_other_than_503_outside_outage": len(other_outside), "503_after": len(late_503)}
    report("postgres stopped and started under load", **figures, down_s=round(window["to"] - window["from"], 1), statuses=statuses,
           requests_during_outage=len(during), errors_other_than_503_during=sum(1 for a in during if not ok(a[2]) and a[2] != 503),
           errors_other_than_503_outside=len(other_outside), other_samples=other_outside[:3], retry_after_on_503=probe.retry_after,
           first_2xx_after_s=recovery, last_503_after_s=round(max(a[0] for a in late_503) - window["to"], 2) if late_503 else 0,
           worker_reminded_after=expected)
    assert not other_outside, other_outside[:5]
    assert recovery is not None and recovery <= 10, recovery
    assert not late_503 or max(a[0] for a in late_503) - window["to"] <= 10
    assert probe.retry_after is None or probe.retry_after_missing == 0, probe.retry_after_missing


class Retry503Probe:
    """A read straight to web1 every 100 ms: its 503s carry Retry-After (nginx passes them on as they are)."""

    def __init__(self):
        self.answers, self.retry_after, self.retry_after_missing = [], None, 0
        self._stop = threading.Event()
        self.tok = token("curator.sosh1")
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self):
        while not self._stop.is_set():
            conn = http.client.HTTPConnection("127.0.0.1", PORT + 1, timeout=10)
            try:
                conn.request("GET", f"/api/schools/{SOSH1}/people?pageSize=1", headers={"Authorization": "Bearer " + self.tok})
                r = conn.getresponse()
                r.read()
                self.answers.append((time.time(), "probe", r.status))
                if r.status == 503:
                    if r.getheader("Retry-After"):
                        self.retry_after = r.getheader("Retry-After")
                    else:
                        self.retry_after_missing += 1
            except (OSError, http.client.HTTPException) as e:
                self.answers.append((time.time(), "probe", type(e).__name__))
            finally:
                conn.close()
            time.sleep(0.1)

    def stop(self):
        self._stop.set()
        self.thread.join()


def give_curators_addresses():
    """The demo schools' curators get an address, so their reminders go by e-mail too."""
    sql("UPDATE identity.users SET email = user_name || '@crash.test', normalized_email = upper(user_name || '@crash.test') "
        f"WHERE user_name IN ({', '.join(repr(login) for login in SCHOOLS)}) AND coalesce(email, '') = ''")
    sql("INSERT INTO jobs.reminder_policies (tenant_id, kind, offsets, send_at, escalate, escalation_days, updated_at) "
        f"VALUES ('{DISTRICT}', 'road_map_activity', '{{5,4,3,2,1,0}}', '00:00', false, 1, now()) "
        "ON CONFLICT (tenant_id, kind) DO UPDATE SET offsets = excluded.offsets, send_at = excluded.send_at, escalate = false")


def main():
    os.environ["CLUSTER_REMINDER_SCHEDULE"] = "* * * * * *"
    os.environ["CLUSTER_NODE_ENV"] = f"Email__Host=127.0.0.1\nEmail__Port={MAIL_PORT}"
    print(f"crash suite: seed {SEED} (PLATFORM_CRASH_SEED={SEED} replays it), {KILLS} kills", flush=True)
    rnd = random.Random(SEED)
    mail = MailCatcher(MAIL_PORT)
    threading.Thread(target=mail.serve_forever, daemon=True).start()
    totals = Totals()
    started = time.time()

    def steps():
        give_curators_addresses()
        for step in range(1, KILLS + 1):
            kind = KINDS[(step - 1) % len(KINDS)]
            totals.kills[kind] += 1
            if kind in ("scan", "delivery"):
                reminders_killed(step, kind, rnd, mail, totals)
            elif kind == "import":
                import_killed(step, rnd, totals)
            else:
                submission_killed(step, rnd, totals)
        postgres_restarted(rnd, mail, totals)
        report("summary", seed=SEED, kills=sum(totals.kills.values()), kills_by_kind=totals.kills, reminders=totals.reminders,
               notices=totals.notices, notice_duplicates=totals.notice_duplicates, notices_missing=totals.notices_missing,
               emails=totals.emails, email_duplicates=totals.email_duplicates, emails_missing=totals.emails_missing,
               interrupted_attempts=totals.interrupted_attempts, imports=totals.imports, imports_all_rows=totals.imports_all,
               imports_no_rows=totals.imports_none, import_rows_stored=totals.import_rows, submissions=totals.submissions, submissions_whole=totals.submissions_whole,
               submissions_absent=totals.submissions_absent, half_states_seen=totals.half_states_seen,
               worker_restart_s_max=max(totals.restart_seconds, default=0), postgres_restart=totals.pg,
               minutes=round((time.time() - started) / 60, 1))

    try:
        run_on_fresh_cluster(steps, "crash suite")
    finally:
        mail.shutdown()
        mail.server_close()
        print(f"crash suite: seed {SEED}", flush=True)


if __name__ == "__main__":
    main()
