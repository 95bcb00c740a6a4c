-- Auto-draft of the district's submission a few days before the region's due date (issue 7).

-- A submission drafted by the platform, not by a curator (SubmissionAssembled.AutoDrafted): the UI says so.
ALTER TABLE reporting.submissions ADD COLUMN auto_drafted boolean NOT NULL DEFAULT false;

-- How many days before the region's due date the district's submission is drafted (no row: 3; 0 turns it off).
CREATE TABLE reporting.auto_draft_settings (
  tenant_id   uuid NOT NULL,   -- the district
  days_before int NOT NULL CHECK (days_before BETWEEN 0 AND 30),
  updated_at  timestamptz NOT NULL,
  updated_by  text,
  PRIMARY KEY (tenant_id)
);
SELECT app.isolate_tenant_table('reporting.auto_draft_settings');

-- The dedup key of the auto-draft: one per (district, region campaign), inserted in the transaction that drafts the
-- submission and queues the notices, so two nodes (or a repeated run) draft it once.
CREATE TABLE reporting.submission_auto_drafts (
  tenant_id          uuid NOT NULL,   -- the district
  region_campaign_id uuid NOT NULL,
  campaign_id        uuid NOT NULL,   -- the district's campaign whose accepted reports it holds
  submission_id      uuid NOT NULL,
  drafted_at         timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, region_campaign_id)
);
SELECT app.isolate_tenant_table('reporting.submission_auto_drafts');
