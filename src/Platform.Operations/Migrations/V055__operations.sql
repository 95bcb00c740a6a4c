-- Long work a user starts (assembling a district's submission, rebuilding a read model) runs as a Hangfire job; this
-- row is what the page shows while it runs: status, percent, message, and the link to the result. The job's arguments
-- in Hangfire hold only this row's id and its tenant; what the work needs (input, a file) stays here, under row-level security.
CREATE TABLE jobs.operations (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL,
  scope_kind   text NOT NULL CHECK (scope_kind IN ('school', 'district', 'region', 'platform')),
  kind         text NOT NULL,
  title        text NOT NULL,
  input        jsonb NOT NULL,
  payload      bytea,          -- a file the work reads (an imported list); cleared when the operation ends
  result       jsonb,          -- what the work reports besides its message (an import's row-by-row report)
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  percent      int NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  message      text,
  result_url   text,
  job_id       text,
  runs         int NOT NULL DEFAULT 0,
  requested_by text,
  created_at   timestamptz NOT NULL,
  started_at   timestamptz,
  finished_at  timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX operations_finished ON jobs.operations (finished_at) WHERE finished_at IS NOT NULL;
SELECT app.isolate_tenant_table('jobs.operations');
