-- A list the curator has checked (a dry run) and may load next: kept for half an hour under the school's row-level security,
-- so that «Загрузить» works whichever web node answers it (an in-memory copy lives on one node only).
CREATE TABLE jobs.kept_uploads (
  tenant_id  uuid NOT NULL,
  token      uuid NOT NULL,
  kept_by    text NOT NULL,
  file_name  text NOT NULL,
  content    bytea NOT NULL,
  kept_until timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, token)
);
SELECT app.isolate_tenant_table('jobs.kept_uploads');
