-- Regions spread over several PostgreSQL databases. This database is the home one: it keeps the catalog of the regions'
-- own databases and which region lives in which (a region not listed lives here), the accounts, the messages and the
-- scheduled jobs, and a copy of every region's registry rows, so that a route's tenant resolves before any database is
-- chosen. Each region database holds its tenants' streams and read models, under the same migrations and policies.
-- No passwords here: a database's connection strings are the node's own (roles are the same on every server) with
-- this database name, host and port.
CREATE SCHEMA IF NOT EXISTS tenancy;

CREATE TABLE tenancy.databases (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$' AND id <> 'home'),
  database_name text NOT NULL CHECK (database_name ~ '^[A-Za-z0-9_]{1,63}$'),
  host          text CHECK (length(host) <= 253),
  port          int CHECK (port BETWEEN 1 AND 65535),
  added_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (database_name, host, port)
);

CREATE TABLE tenancy.region_databases (
  region_id   uuid PRIMARY KEY,
  database_id text NOT NULL REFERENCES tenancy.databases (id)
);

GRANT USAGE ON SCHEMA tenancy TO platform_app, platform_system;
GRANT SELECT ON tenancy.databases, tenancy.region_databases TO platform_app;
GRANT SELECT, INSERT, UPDATE ON tenancy.databases, tenancy.region_databases TO platform_system;

-- The database of a region, district or school: NULL for this (home) database.
CREATE FUNCTION tenancy.database_of(tenant uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT database_id FROM tenancy.region_databases WHERE region_id = tenant),
    (SELECT rd.database_id FROM tenancy.region_databases rd
      WHERE rd.region_id = (SELECT region_id FROM registry.districts WHERE id = tenant
                            UNION ALL
                            SELECT d.region_id FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id WHERE s.id = tenant
                            LIMIT 1)))
$$;
GRANT EXECUTE ON FUNCTION tenancy.database_of(uuid) TO platform_app, platform_system;
