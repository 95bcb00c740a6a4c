-- Best practices (лучшие практики, the «методическая копилка»): a projection of their streams; tenant = the school.
-- The district's and the region's scopes read their schools' rows (row-level security); the materials are in
-- mentoring.attachments, as the scans of acts.
CREATE TABLE mentoring.best_practices (
  tenant_id        uuid NOT NULL,
  id               uuid NOT NULL,
  program_id       uuid NOT NULL,
  title            text NOT NULL,
  description      text NOT NULL,
  results          text NOT NULL,
  program          jsonb NOT NULL,        -- ProgramSummary: form, kind, problem, goal, dates, evaluation
  participants     jsonb NOT NULL,        -- [{role, name}]: the name only where its owner agreed to be named
  materials        int NOT NULL DEFAULT 0,
  published_at     timestamptz NOT NULL,
  published_by     text,
  nominated_on     date,
  nominated_by     text,
  nomination_note  text,
  updated_at       timestamptz NOT NULL,
  version          bigint NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT best_practices_one_per_program UNIQUE (tenant_id, program_id)
);
CREATE INDEX best_practices_nominated ON mentoring.best_practices (nominated_on) WHERE nominated_on IS NOT NULL;
SELECT app.isolate_tenant_table('mentoring.best_practices');
