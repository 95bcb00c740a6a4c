-- Local acts and orders of schools, the files attached to them, and the appointments of curators,
-- coordinators and psychologists (projections of their streams; tenant = the school).
CREATE SCHEMA IF NOT EXISTS mentoring;
GRANT USAGE ON SCHEMA mentoring TO platform_app;

CREATE TABLE mentoring.local_acts (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL,
  kind          text NOT NULL,
  number        text NOT NULL,
  date          date NOT NULL,
  title         text NOT NULL,
  note          text,
  repealed_on   date,
  repeal_reason text,
  attachments   int NOT NULL DEFAULT 0,
  registered_at timestamptz NOT NULL,
  registered_by text,
  updated_at    timestamptz NOT NULL,
  version       bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX local_acts_kind_date ON mentoring.local_acts (tenant_id, kind, date DESC);
CREATE INDEX local_acts_date ON mentoring.local_acts (tenant_id, date DESC);
SELECT app.isolate_tenant_table('mentoring.local_acts');

-- Files (scans of acts and, later, other evidence). Written in the transaction of the event that attaches
-- the file; deleted with the event that removes it (the history keeps its name, size and SHA-256).
CREATE TABLE mentoring.attachments (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL,
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         bigint NOT NULL,
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  uploaded_at  timestamptz NOT NULL,
  uploaded_by  text,
  PRIMARY KEY (tenant_id, id)
);
-- The content is already compressed (PDF, DOCX, JPEG…) or not worth compressing: store it out of line as is.
ALTER TABLE mentoring.attachments ALTER COLUMN content SET STORAGE EXTERNAL;
SELECT app.isolate_tenant_table('mentoring.attachments');

CREATE TABLE mentoring.appointments (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL,
  role         text NOT NULL,
  person_name  text NOT NULL,
  position     text,
  account_id   uuid,
  order_id     uuid NOT NULL,
  from_date    date NOT NULL,
  ended_on     date,
  end_reason   text,
  end_order_id uuid,
  appointed_at timestamptz NOT NULL,
  appointed_by text,
  updated_at   timestamptz NOT NULL,
  version      bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- One active curator per school, whatever races past the check in the API.
CREATE UNIQUE INDEX appointments_one_curator ON mentoring.appointments (tenant_id) WHERE role = 'curator' AND ended_on IS NULL;
CREATE INDEX appointments_active ON mentoring.appointments (tenant_id, role) WHERE ended_on IS NULL;
SELECT app.isolate_tenant_table('mentoring.appointments');
