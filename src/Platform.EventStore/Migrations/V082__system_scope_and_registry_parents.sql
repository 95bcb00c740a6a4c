-- The platform scope (every tenant's rows) belongs to platform_system alone. The application's role used to be able to
-- set it with set_config like any other scope; now a session of any role that is not platform_system (nor a superuser:
-- migrations, maintenance) which sets it gets an error at its first statement under a policy. The nodes open a
-- platform_system connection for the platform scope (DocumentStore); platform_system takes the application's grants.
CREATE FUNCTION app.refuse_platform_scope() RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RAISE EXCEPTION 'the platform scope is for platform_system only (session user %)', session_user
    USING ERRCODE = 'insufficient_privilege';
END $$;

-- Still one SQL expression, so the planner inlines it as before; pg_has_role is only reached for 'platform'.
CREATE OR REPLACE FUNCTION app.scope_kind() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN nullif(current_setting('app.scope_kind', true), '') IS DISTINCT FROM 'platform' THEN nullif(current_setting('app.scope_kind', true), '')
    WHEN pg_has_role(session_user, 'platform_system', 'MEMBER') THEN 'platform'
    ELSE app.refuse_platform_scope()
  END
$$;

GRANT platform_app TO platform_system;

-- A registry row names its parent: a school its district, a district its region. The catalog policies checked only the
-- row's tenant, so a district's scope could insert a second row for another district's school under itself (its id
-- then counted among that district's schools). An id is now registered once, and the parent must be within the scope.
DROP INDEX registry.schools_id;
CREATE UNIQUE INDEX schools_id ON registry.schools (id);
DROP INDEX registry.districts_id;
CREATE UNIQUE INDEX districts_id ON registry.districts (id);
DROP INDEX registry.regions_id;
CREATE UNIQUE INDEX regions_id ON registry.regions (id);

CREATE POLICY parent_in_scope ON registry.schools AS RESTRICTIVE FOR INSERT WITH CHECK (
  (SELECT app.scope_kind()) = 'platform'
  OR ((SELECT app.scope_kind()) = 'district' AND district_id = (SELECT app.scope_id()))
  OR ((SELECT app.scope_kind()) = 'region' AND district_id IN (SELECT id FROM registry.districts WHERE region_id = (SELECT app.scope_id()))));
CREATE POLICY parent_kept ON registry.schools AS RESTRICTIVE FOR UPDATE USING (true) WITH CHECK (
  (SELECT app.scope_kind()) = 'platform'
  OR ((SELECT app.scope_kind()) = 'district' AND district_id = (SELECT app.scope_id()))
  OR ((SELECT app.scope_kind()) = 'region' AND district_id IN (SELECT id FROM registry.districts WHERE region_id = (SELECT app.scope_id()))));

CREATE POLICY parent_in_scope ON registry.districts AS RESTRICTIVE FOR INSERT WITH CHECK (
  (SELECT app.scope_kind()) = 'platform'
  OR ((SELECT app.scope_kind()) = 'region' AND region_id = (SELECT app.scope_id())));
CREATE POLICY parent_kept ON registry.districts AS RESTRICTIVE FOR UPDATE USING (true) WITH CHECK (
  (SELECT app.scope_kind()) = 'platform'
  OR ((SELECT app.scope_kind()) = 'region' AND region_id = (SELECT app.scope_id())));

-- A region is registered by the platform only.
CREATE POLICY platform_registers ON registry.regions AS RESTRICTIVE FOR INSERT WITH CHECK ((SELECT app.scope_kind()) = 'platform');
