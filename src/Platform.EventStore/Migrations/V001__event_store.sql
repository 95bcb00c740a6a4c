-- Event store, document store and tenant isolation.
--
-- Tenancy model: every row carries tenant_id, the id of the organisation that owns it: a school
-- (the usual tenant), a district (its campaigns, its school registry) or a region. A transaction
-- sets its scope with set_config('app.scope_kind' / 'app.scope_id', ..., true); the policies below
-- let it see the tenants of that scope only: a school sees itself, a district sees itself and its
-- schools, a region sees itself, its districts and their schools. No scope: no rows.
-- 'platform' scope (all tenants) is for system processes only (feed readers, full rebuilds).

CREATE SCHEMA IF NOT EXISTS app;
CREATE SCHEMA IF NOT EXISTS es;
CREATE SCHEMA IF NOT EXISTS registry;

-- The application's role owns nothing: it gets DML rights only, so FORCE ROW LEVEL SECURITY and
-- the policies always apply to it. Production provisions the role (and its password) itself.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_app') THEN
    CREATE ROLE platform_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database migrating at the same time
END $$;

GRANT USAGE ON SCHEMA app, es, registry TO platform_app;

-- Registry (the tenant catalog). Each row is owned by its parent: a region owns itself, a
-- district is owned by its region, a school by its district. Everyone may read the catalog
-- (needed to resolve a route's tenant before any scope exists); only the owner's scope writes.
CREATE TABLE registry.regions (
  tenant_id      uuid NOT NULL,
  id             uuid NOT NULL,
  code           text NOT NULL,
  name           text NOT NULL,
  institute_name text NOT NULL,
  time_zone      text NOT NULL,
  version        bigint NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK (tenant_id = id)
);
CREATE INDEX regions_id ON registry.regions (id);

CREATE TABLE registry.districts (
  tenant_id  uuid NOT NULL,
  id         uuid NOT NULL,
  region_id  uuid NOT NULL,
  name       text NOT NULL,
  short_name text NOT NULL,
  time_zone  text NOT NULL,
  version    bigint NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK (tenant_id = region_id)
);
CREATE INDEX districts_id ON registry.districts (id);

CREATE TABLE registry.schools (
  tenant_id   uuid NOT NULL,
  id          uuid NOT NULL,
  district_id uuid NOT NULL,
  full_name   text NOT NULL,
  short_name  text NOT NULL,
  kind        text NOT NULL,
  time_zone   text NOT NULL,
  opened_on   date,
  closed_on   date,
  version     bigint NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK (tenant_id = district_id)
);
CREATE INDEX schools_id ON registry.schools (id);

-- The tenants a transaction's scope may see. Read through (SELECT ...) in the policies so that
-- PostgreSQL evaluates it once per statement (an InitPlan / hashed SubPlan), not once per row.
CREATE FUNCTION app.scope_kind() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.scope_kind', true), '')
$$;

CREATE FUNCTION app.scope_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.scope_id', true), '')::uuid
$$;

CREATE FUNCTION app.visible_tenants() RETURNS SETOF uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT app.scope_id() WHERE app.scope_kind() IN ('school', 'district', 'region')
  UNION ALL
  SELECT s.id FROM registry.schools s
   WHERE app.scope_kind() = 'district' AND s.district_id = app.scope_id()
  UNION ALL
  SELECT d.id FROM registry.districts d
   WHERE app.scope_kind() = 'region' AND d.region_id = app.scope_id()
  UNION ALL
  SELECT s.id FROM registry.districts d JOIN registry.schools s ON s.district_id = d.id
   WHERE app.scope_kind() = 'region' AND d.region_id = app.scope_id()
$$;

-- Puts a table under tenant isolation: RLS enabled and forced, one policy for reads and writes.
-- Every later migration calls this for each table that carries tenant_id.
CREATE FUNCTION app.isolate_tenant_table(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format($p$CREATE POLICY tenant_isolation ON %s
    USING ((SELECT app.scope_kind()) = 'platform' OR tenant_id IN (SELECT app.visible_tenants()))
    WITH CHECK ((SELECT app.scope_kind()) = 'platform' OR tenant_id IN (SELECT app.visible_tenants()))$p$, target);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO platform_app', target);
END $$;

-- The catalog: readable by all, written only by the owner's scope.
CREATE FUNCTION app.isolate_catalog_table(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format('CREATE POLICY catalog_read ON %s FOR SELECT USING (true)', target);
  EXECUTE format($p$CREATE POLICY owner_insert ON %s FOR INSERT
    WITH CHECK ((SELECT app.scope_kind()) = 'platform' OR tenant_id IN (SELECT app.visible_tenants()))$p$, target);
  EXECUTE format($p$CREATE POLICY owner_update ON %s FOR UPDATE
    USING ((SELECT app.scope_kind()) = 'platform' OR tenant_id IN (SELECT app.visible_tenants()))
    WITH CHECK ((SELECT app.scope_kind()) = 'platform' OR tenant_id IN (SELECT app.visible_tenants()))$p$, target);
  EXECUTE format($p$CREATE POLICY owner_delete ON %s FOR DELETE
    USING ((SELECT app.scope_kind()) = 'platform' OR tenant_id IN (SELECT app.visible_tenants()))$p$, target);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO platform_app', target);
END $$;

SELECT app.isolate_catalog_table('registry.regions');
SELECT app.isolate_catalog_table('registry.districts');
SELECT app.isolate_catalog_table('registry.schools');

-- Streams and events. Every key leads with tenant_id: the same stream id in two schools is two
-- streams, and the tables can be distributed by tenant later.
CREATE TABLE es.streams (
  tenant_id  uuid NOT NULL,
  id         uuid NOT NULL,
  type       text,
  version    bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE SEQUENCE es.event_seq AS bigint;

-- tx_id: the writing transaction, for diagnostics and for readers that reason about visibility.
-- No foreign key to es.streams: the stream row is written in the same transaction, and the check
-- would cost every append an extra index probe.
CREATE TABLE es.events (
  seq            bigint NOT NULL,
  tenant_id      uuid NOT NULL,
  stream_id      uuid NOT NULL,
  version        bigint NOT NULL,
  type           text NOT NULL,
  data           jsonb NOT NULL,
  timestamp      timestamptz NOT NULL,
  user_name      text,
  correlation_id text,
  causation_id   text,
  headers        jsonb,
  tx_id          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (tenant_id, stream_id, version)
);
CREATE INDEX events_seq ON es.events (seq);
CREATE INDEX events_tenant_seq ON es.events (tenant_id, seq);

-- Documents: snapshots of aggregates and other JSON read models (Marten's mt_doc_* tables).
CREATE TABLE es.documents (
  tenant_id  uuid NOT NULL,
  type       text NOT NULL,
  id         uuid NOT NULL,
  data       jsonb NOT NULL,
  version    bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, type, id)
);

SELECT app.isolate_tenant_table('es.streams');
SELECT app.isolate_tenant_table('es.events');
SELECT app.isolate_tenant_table('es.documents');
GRANT USAGE ON SEQUENCE es.event_seq TO platform_app;
GRANT SELECT ON SEQUENCE es.event_seq TO platform_app;
REVOKE EXECUTE ON FUNCTION app.isolate_tenant_table(regclass), app.isolate_catalog_table(regclass) FROM PUBLIC;
