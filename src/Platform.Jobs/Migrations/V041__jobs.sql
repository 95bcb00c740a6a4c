-- Deadlines, reminders, notifications and deliveries (issue 7).
--
-- Exactly once per (deadline, recipient, offset): the scan inserts into jobs.reminder_log (its primary key is
-- the dedup key) and, from the rows that insert really wrote, the outbox rows, in one statement and so one
-- transaction. The relay sends outbox rows; an in-app notification's id is its outbox row's id, so a
-- delivery repeated after a crash writes nothing twice.
CREATE SCHEMA IF NOT EXISTS jobs;
GRANT USAGE ON SCHEMA jobs TO platform_app;

-- A district's reminder policy for one kind of deadline (no row: the defaults in ReminderPolicy).
CREATE TABLE jobs.reminder_policies (
  tenant_id       uuid NOT NULL,               -- the district
  kind            text NOT NULL,               -- a deadline source's kind
  offsets         int[] NOT NULL,              -- days before the due date (0: on the day)
  send_at         time NOT NULL,               -- local time of the school
  escalate        boolean NOT NULL,
  escalation_days int NOT NULL,                -- escalate at most this many days after the due date
  updated_at      timestamptz NOT NULL,
  updated_by      text,
  PRIMARY KEY (tenant_id, kind)
);
SELECT app.isolate_tenant_table('jobs.reminder_policies');

-- Plan rows of personalized programs with their deadlines (projection of plan_row_added / plan_row_done).
CREATE TABLE jobs.program_plan_rows (
  tenant_id  uuid NOT NULL,
  row_id     uuid NOT NULL,
  program_id uuid NOT NULL,
  content    text NOT NULL,
  deadline   date NOT NULL,
  done_on    date,
  PRIMARY KEY (tenant_id, row_id)
);
CREATE INDEX program_plan_rows_open ON jobs.program_plan_rows (deadline) WHERE done_on IS NULL;
SELECT app.isolate_tenant_table('jobs.program_plan_rows');

INSERT INTO jobs.program_plan_rows (tenant_id, row_id, program_id, content, deadline)
SELECT e.tenant_id, (e.data->>'rowId')::uuid, e.stream_id, e.data->>'content', (e.data->>'deadline')::date
  FROM es.events e WHERE e.type = 'plan_row_added'
ON CONFLICT DO NOTHING;
UPDATE jobs.program_plan_rows r SET done_on = (e.data->>'doneOn')::date
  FROM es.events e WHERE e.type = 'plan_row_done' AND e.tenant_id = r.tenant_id AND (e.data->>'rowId')::uuid = r.row_id;

-- The scans look deadlines up by due date across all schools.
CREATE INDEX IF NOT EXISTS road_map_activities_open_due ON mentoring.road_map_activities (last_day) WHERE status IN ('planned', 'in_progress');
CREATE INDEX IF NOT EXISTS programs_open_end ON mentoring.programs (end_on) WHERE status = 'in_progress';
CREATE INDEX IF NOT EXISTS users_tenant ON identity.users (tenant_id);

-- The decisions to remind: the dedup key of every reminder and escalation.
CREATE TABLE jobs.reminder_log (
  tenant_id    uuid NOT NULL,                  -- the school (reminders) or the district (escalations)
  deadline_key text NOT NULL,                  -- '{kind}:{id}', or 'escalation:{local date}'
  recipient_id uuid NOT NULL,                  -- identity.users.id
  offset_days  int NOT NULL,
  due_on       date NOT NULL,
  decided_at   timestamptz NOT NULL,
  address      text,                           -- the recipient's e-mail then (NULL: in-app only)
  payload      jsonb NOT NULL,                 -- the message's variables, as decided
  PRIMARY KEY (tenant_id, deadline_key, recipient_id, offset_days)
);
SELECT app.isolate_tenant_table('jobs.reminder_log');

-- Everything to send, with its delivery status: in-app, e-mail, HTTP pushes to the institute.
CREATE TABLE jobs.outbox (
  tenant_id       uuid NOT NULL,
  id              uuid NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('inbox', 'email', 'http')),
  template        text NOT NULL,               -- reminder | escalation | invitation | notice | delivery
  recipient_id    uuid,                        -- the account (inbox, email)
  address         text,                        -- e-mail address or endpoint URL
  payload         jsonb NOT NULL DEFAULT '{}', -- the template's variables
  body            bytea,                       -- http: the file pushed
  content_type    text,
  file_name       text,
  status          text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
  attempts        int NOT NULL DEFAULT 0,
  max_attempts    int NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  locked_until    timestamptz,                 -- while a node sends it; a crashed node's claim runs out
  last_error      text,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_due ON jobs.outbox (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX outbox_claimed ON jobs.outbox (locked_until) WHERE status = 'sending';
CREATE INDEX outbox_problems ON jobs.outbox (tenant_id, created_at DESC) WHERE status IN ('failed', 'dead');
CREATE INDEX outbox_recent ON jobs.outbox (tenant_id, created_at DESC);
SELECT app.isolate_tenant_table('jobs.outbox');

-- Every attempt with the answer it got.
CREATE TABLE jobs.delivery_attempts (
  tenant_id  uuid NOT NULL,
  outbox_id  uuid NOT NULL,
  attempt    int NOT NULL,
  at         timestamptz NOT NULL,
  ok         boolean NOT NULL,
  answer     text,
  node       text,
  PRIMARY KEY (tenant_id, outbox_id, attempt)
);
SELECT app.isolate_tenant_table('jobs.delivery_attempts');

-- In-app inbox: tenant = the recipient account's own scope; id = the outbox row's id.
CREATE TABLE jobs.notifications (
  tenant_id  uuid NOT NULL,
  id         uuid NOT NULL,
  user_id    uuid NOT NULL,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text NOT NULL,
  link       text,
  created_at timestamptz NOT NULL,
  read_at    timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notifications_user ON jobs.notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON jobs.notifications (user_id) WHERE read_at IS NULL;
SELECT app.isolate_tenant_table('jobs.notifications');
