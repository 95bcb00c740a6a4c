-- Road maps of schools (projection of the road map streams) and model road maps published by districts.
CREATE SCHEMA IF NOT EXISTS mentoring;
GRANT USAGE ON SCHEMA mentoring TO platform_app;

CREATE TABLE mentoring.road_maps (
  tenant_id   uuid NOT NULL,
  id          uuid NOT NULL,
  title       text NOT NULL,
  first_year  int NOT NULL,
  years       int NOT NULL,
  template_id text,
  stages      int NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  version     bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_tenant_table('mentoring.road_maps');

CREATE TABLE mentoring.road_map_stages (
  tenant_id   uuid NOT NULL,
  id          uuid NOT NULL,
  road_map_id uuid NOT NULL,
  title       text NOT NULL,
  position    int NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_tenant_table('mentoring.road_map_stages');

-- One row per activity, for lists across road maps (overdue, by responsible, by month) and the district.
-- last_day: the period's last day (NULL for yearly activities and undated ones; see the list query).
CREATE TABLE mentoring.road_map_activities (
  tenant_id         uuid NOT NULL,
  id                uuid NOT NULL,
  road_map_id       uuid NOT NULL,
  stage_id          uuid NOT NULL,
  stage_title       text NOT NULL,
  position          int NOT NULL,
  title             text NOT NULL,
  period_kind       text,
  period_text       text,
  last_day          date,
  yearly_month      int,
  responsible_roles text[] NOT NULL,
  responsible       text,
  status            text NOT NULL,
  reschedules       int NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX road_map_activities_map ON mentoring.road_map_activities (tenant_id, road_map_id, position);
CREATE INDEX road_map_activities_due ON mentoring.road_map_activities (tenant_id, last_day) WHERE status IN ('planned', 'in_progress');
SELECT app.isolate_tenant_table('mentoring.road_map_activities');

-- Model road maps a district publishes for its schools: a catalog (every school reads it), written by the owner.
CREATE TABLE mentoring.road_map_templates (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL,
  title        text NOT NULL,
  publisher    text NOT NULL,
  source       text NOT NULL,
  base_year    int NOT NULL,
  years        int NOT NULL,
  stages       jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  published_by text,
  withdrawn_at timestamptz,
  version      bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_catalog_table('mentoring.road_map_templates');
