-- Reporting campaigns, school reports, district submissions to the regional institute (issue 6).
-- Projections of the campaign, school report and submission streams, rebuilt from events.
CREATE SCHEMA IF NOT EXISTS reporting;
GRANT USAGE ON SCHEMA reporting TO platform_app;

-- A region's indicator set (code, Russian name, computed or entered by hand, unit). A catalog: every school
-- generating a report reads its region's set. Without a row the built-in default set applies.
CREATE TABLE reporting.indicator_sets (
  tenant_id  uuid NOT NULL,   -- the region
  indicators jsonb NOT NULL,  -- [{"code", "name", "source", "kind", "unit"}, …] in display order
  updated_at timestamptz NOT NULL,
  version    bigint NOT NULL,
  PRIMARY KEY (tenant_id)
);
SELECT app.isolate_catalog_table('reporting.indicator_sets');

-- Campaigns: a district's for its schools (tenant = the district) or a region's for its districts (tenant = the region).
CREATE TABLE reporting.campaigns (
  tenant_id       uuid NOT NULL,
  id              uuid NOT NULL,
  level           text NOT NULL,   -- district | region
  title           text NOT NULL,
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  due_on          date NOT NULL,
  late_after_days int NOT NULL,
  lock_on         date,
  time_zone       text NOT NULL,   -- the owner's: due and lock dates end at midnight there
  participants    int NOT NULL,
  created_at      timestamptz NOT NULL,
  created_by      text,
  updated_at      timestamptz NOT NULL,
  version         bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_tenant_table('reporting.campaigns');

-- Who must report in a district campaign, with the state of its report: one row per school (tenant = the school,
-- so the school sees its own duties and the district all of its schools'). Reminders read this table.
CREATE TABLE reporting.campaign_schools (
  tenant_id       uuid NOT NULL,   -- the school
  campaign_id     uuid NOT NULL,
  district_id     uuid NOT NULL,
  title           text NOT NULL,
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  due_on          date NOT NULL,
  late_after_days int NOT NULL,
  lock_on         date,
  late_from       timestamptz NOT NULL, -- a report submitted at or after this moment is late
  locked_from     timestamptz,          -- the school changes nothing from this moment (end of the lock date)
  report_id       uuid,
  report_status   text,            -- null (not generated) | draft | submitted | returned | accepted
  submitted_at    timestamptz,     -- the latest submission
  first_submitted_at timestamptz,
  accepted_at     timestamptz,
  late            boolean,
  PRIMARY KEY (tenant_id, campaign_id)
);
CREATE INDEX campaign_schools_campaign ON reporting.campaign_schools (district_id, campaign_id);
CREATE UNIQUE INDEX campaign_schools_report ON reporting.campaign_schools (tenant_id, report_id);
SELECT app.isolate_tenant_table('reporting.campaign_schools');

-- Who must report in a region campaign: one row per district (tenant = the district), with its submission.
CREATE TABLE reporting.campaign_districts (
  tenant_id       uuid NOT NULL,   -- the district
  campaign_id     uuid NOT NULL,
  region_id       uuid NOT NULL,
  title           text NOT NULL,
  due_on          date NOT NULL,
  late_after_days int NOT NULL,
  lock_on         date,
  late_from       timestamptz NOT NULL,
  locked_from     timestamptz,
  submission_id   uuid,
  submitted_at    timestamptz,
  late            boolean,
  PRIMARY KEY (tenant_id, campaign_id)
);
CREATE INDEX campaign_districts_campaign ON reporting.campaign_districts (region_id, campaign_id);
SELECT app.isolate_tenant_table('reporting.campaign_districts');

-- School reports (tenant = the school). values: indicator code → number (flags 1/0), null = not filled.
CREATE TABLE reporting.school_reports (
  tenant_id       uuid NOT NULL,
  id              uuid NOT NULL,
  campaign_id     uuid NOT NULL,
  district_id     uuid NOT NULL,
  status          text NOT NULL,
  cut_off         timestamptz NOT NULL,
  values          jsonb NOT NULL,
  return_comment  text,
  submitted_at    timestamptz,
  accepted_at     timestamptz,
  late            boolean,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  version         bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX school_reports_one_per_campaign ON reporting.school_reports (tenant_id, campaign_id);
CREATE INDEX school_reports_accepted ON reporting.school_reports (district_id, campaign_id, accepted_at) WHERE status = 'accepted';
SELECT app.isolate_tenant_table('reporting.school_reports');

-- District submissions to the regional institute (tenant = the district; a region scope sees them).
CREATE TABLE reporting.submissions (
  tenant_id          uuid NOT NULL,
  id                 uuid NOT NULL,
  campaign_id        uuid NOT NULL,
  region_campaign_id uuid,
  as_of              timestamptz NOT NULL,
  schools            int NOT NULL,
  assembled_at       timestamptz NOT NULL,
  rebuilds           int NOT NULL DEFAULT 0,
  submitted_at       timestamptz,
  late               boolean,
  updated_at         timestamptz NOT NULL,
  version            bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX submissions_campaign ON reporting.submissions (tenant_id, campaign_id);
SELECT app.isolate_tenant_table('reporting.submissions');

-- The regional institute's HTTP endpoint, per region or district (a district's overrides its region's). A catalog:
-- a district reads its region's address.
CREATE TABLE reporting.institute_endpoints (
  tenant_id  uuid NOT NULL,   -- region or district
  url        text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text,
  PRIMARY KEY (tenant_id)
);
SELECT app.isolate_catalog_table('reporting.institute_endpoints');

-- Pushes of a submission's package to the institute: a row per request. The id is the jobs outbox message that carries
-- the package (jobs.outbox, jobs.delivery_attempts): its status and every attempt are read there.
CREATE TABLE reporting.submission_deliveries (
  tenant_id          uuid NOT NULL,   -- the district
  id                 uuid NOT NULL,
  submission_id      uuid NOT NULL,
  submission_version bigint NOT NULL,
  url                text NOT NULL,
  file_name          text NOT NULL,
  sha256             text NOT NULL,   -- of the ZIP package as built at the request
  requested_at       timestamptz NOT NULL,
  requested_by       text,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_tenant_table('reporting.submission_deliveries');

