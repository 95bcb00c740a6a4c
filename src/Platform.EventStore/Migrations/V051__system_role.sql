-- platform_system: the role of the store's own processes (Marten's async daemon, its gap tombstones), never of a
-- request. It owns nothing and cannot bypass row-level security; its sessions start in the 'platform' scope, which the
-- tenant policies let see every tenant. Production provisions its password, as for platform_app.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_system') THEN
    CREATE ROLE platform_system LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database migrating at the same time
END $$;

ALTER ROLE platform_system SET app.scope_kind = 'platform';

GRANT USAGE ON SCHEMA app, es, registry TO platform_system;
GRANT SELECT ON registry.regions, registry.districts, registry.schools TO platform_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON es.mt_events, es.mt_streams, es.mt_event_progression, es.mt_high_water_skips,
  es.mt_event_projection_floors, es.mt_doc_deadletterevent TO platform_system;
GRANT USAGE, SELECT ON SEQUENCE es.mt_events_sequence TO platform_system;
