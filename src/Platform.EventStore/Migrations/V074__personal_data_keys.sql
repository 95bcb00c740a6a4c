-- Crypto-shredding: the personal data in events is encrypted under a key per person (the subject); the keys live here and never in
-- the events. Destroying a person's key makes every copy of their events unreadable: the table, its replicas and any later backup.
-- Tenant-isolated like every table; the app's role reads, creates and destroys keys, and owns nothing.
CREATE TABLE es.personal_data_keys (
  tenant_id  uuid NOT NULL,
  subject_id uuid NOT NULL,
  key        bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, subject_id)
);
-- The key of a subject met in an event (a person's id is unique across tenants; row-level security adds the tenant).
CREATE INDEX personal_data_keys_subject ON es.personal_data_keys (subject_id);
SELECT app.isolate_tenant_table('es.personal_data_keys');
REVOKE UPDATE ON es.personal_data_keys FROM platform_app;
