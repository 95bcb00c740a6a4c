-- The public section of schools and districts (раздел на сайте): projections of their publication streams.
-- These are the only tables an anonymous request can read. It runs with no tenant scope, so every tenant policy hides
-- every row from it; here a second, read-only policy lets anyone read exactly what is published:
--   acts, files, programs: a row exists only while published (unpublishing deletes it), so the policy is USING (true);
--   news: kept when unpublished (the curator edits and republishes it), readable by the public only while published.
-- The columns hold only what the public sees (the publication event's snapshot), never a participant's name unless the
-- curator published one with consent. Writes stay the owner's (tenant_isolation, as on every tenant table).
CREATE SCHEMA IF NOT EXISTS publication;
GRANT USAGE ON SCHEMA publication TO platform_app;

CREATE TABLE publication.acts (
  tenant_id    uuid NOT NULL,
  act_id       uuid NOT NULL,
  kind_name    text NOT NULL,
  number       text NOT NULL,
  date         date NOT NULL,
  title        text NOT NULL,
  repealed_on  date,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, act_id)
);

-- The published act's files, copied from mentoring.attachments when published (and when attached to a published act):
-- the public download reads nothing outside this schema. Removing the file from the act removes this copy too.
CREATE TABLE publication.files (
  tenant_id    uuid NOT NULL,
  file_id      uuid NOT NULL,
  act_id       uuid NOT NULL,
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         bigint NOT NULL,
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  PRIMARY KEY (tenant_id, file_id)
);
ALTER TABLE publication.files ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX files_act ON publication.files (tenant_id, act_id);

CREATE TABLE publication.programs (
  tenant_id      uuid NOT NULL,
  program_id     uuid NOT NULL,
  title          text NOT NULL,
  form_name      text NOT NULL,
  kind_name      text NOT NULL,
  start_on       date NOT NULL,
  end_on         date NOT NULL,
  goal           text NOT NULL,
  published_name text,
  published_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id)
);

CREATE TABLE publication.news (
  tenant_id  uuid NOT NULL,
  id         uuid NOT NULL,
  title      text NOT NULL,
  date       date NOT NULL,
  text       text NOT NULL,
  published  boolean NOT NULL,
  posted_at  timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX news_published ON publication.news (tenant_id, date DESC) WHERE published;

SELECT app.isolate_tenant_table('publication.acts');
SELECT app.isolate_tenant_table('publication.files');
SELECT app.isolate_tenant_table('publication.programs');
SELECT app.isolate_tenant_table('publication.news');
CREATE POLICY public_read ON publication.acts FOR SELECT USING (true);
CREATE POLICY public_read ON publication.files FOR SELECT USING (true);
CREATE POLICY public_read ON publication.programs FOR SELECT USING (true);
CREATE POLICY public_read ON publication.news FOR SELECT USING (published);
