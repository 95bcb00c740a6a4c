-- Road maps and programs are kept as snapshots (DocumentStoreOptions.Snapshot): Marten writes each stream's state to its
-- document table in the transaction of every append, so loading one for a decision reads a row instead of replaying the
-- stream. The tables are Marten's, as `Platform.Api marten-schema` prints them (MartenSchemaTests checks them); streams
-- written before this migration get their snapshot at the next start (SnapshotBackfill).
SELECT set_config('app.scope_kind', 'platform', true);

CREATE TABLE IF NOT EXISTS es.mt_doc_mentoringprogram (
    tenant_id           varchar                     NOT NULL DEFAULT '*DEFAULT*',
    id                  uuid                        NOT NULL,
    data                jsonb                       NOT NULL,
    mt_last_modified    timestamp with time zone    NULL DEFAULT (transaction_timestamp()),
    mt_dotnet_type      varchar                     NULL,
    mt_version          bigint                      NOT NULL DEFAULT 0,
CONSTRAINT pkey_mt_doc_mentoringprogram_tenant_id_id PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS es.mt_doc_roadmap (
    tenant_id           varchar                     NOT NULL DEFAULT '*DEFAULT*',
    id                  uuid                        NOT NULL,
    data                jsonb                       NOT NULL,
    mt_last_modified    timestamp with time zone    NULL DEFAULT (transaction_timestamp()),
    mt_dotnet_type      varchar                     NULL,
    mt_version          bigint                      NOT NULL DEFAULT 0,
CONSTRAINT pkey_mt_doc_roadmap_tenant_id_id PRIMARY KEY (tenant_id, id)
);

-- Tenant isolation as on every tenant table. The policy has the name Marten gives its own (marten_tenant_isolation) and reads
-- the scope's setting directly, so Marten, configured with UseRowLevelSecurity("app.scope_id") on these documents, finds a
-- policy it accepts and never replaces it with its single-tenant one, nor turns row-level security off (its default for a
-- document without it).
DO $$
DECLARE
  t text;
  predicate text := $p$(SELECT app.scope_kind()) = 'platform'
    OR ((SELECT app.scope_kind()) IN ('school', 'district', 'region') AND tenant_id = (SELECT nullif(current_setting('app.scope_id', true), '')))
    OR ((SELECT app.scope_kind()) IN ('district', 'region') AND tenant_id IN (SELECT v::text FROM app.visible_tenants() v))$p$;
BEGIN
  FOREACH t IN ARRAY ARRAY['es.mt_doc_mentoringprogram', 'es.mt_doc_roadmap'] LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY marten_tenant_isolation ON %s USING (%s) WITH CHECK (%s)', t, predicate, predicate);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO platform_app', t);
  END LOOP;
END $$;
