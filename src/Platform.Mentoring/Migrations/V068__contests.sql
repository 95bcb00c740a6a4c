-- Contests («Наставник года», «Лучшая пара», «Наставник+» or the organiser's own nomination): a projection of their
-- streams; tenant = the organiser (a school, a district or a region). The scores stay in the stream.
CREATE TABLE mentoring.contests (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL,
  level        text NOT NULL,            -- school | district | region
  nomination   text NOT NULL,            -- mentor_of_year | best_pair | mentor_plus | own
  title        text NOT NULL,
  from_on      date NOT NULL,
  to_on        date NOT NULL,
  description  text,
  jurors       int NOT NULL DEFAULT 0,
  candidates   int NOT NULL DEFAULT 0,
  announced_on date,
  opened_at    timestamptz NOT NULL,
  opened_by    text,
  updated_at   timestamptz NOT NULL,
  version      bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_tenant_table('mentoring.contests');

-- The candidates, each in its own school's tenant: a school sees the awards of its people whoever organised the
-- contest (a person's page, the public section), the organiser's scope sees its schools' rows.
CREATE TABLE mentoring.contest_candidates (
  tenant_id        uuid NOT NULL,        -- the candidate's school
  id               uuid NOT NULL,
  contest_id       uuid NOT NULL,
  organiser_id     uuid NOT NULL,
  contest_title    text NOT NULL,
  level            text NOT NULL,
  program_id       uuid NOT NULL,
  person_ids       uuid[] NOT NULL,
  names            text NOT NULL,
  school_name      text NOT NULL,
  evaluation_total int,
  evaluation_level text,
  place            int,
  announced_on     date,
  nominated_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX contest_candidates_contest ON mentoring.contest_candidates (contest_id);
CREATE INDEX contest_candidates_people ON mentoring.contest_candidates USING gin (person_ids);
SELECT app.isolate_tenant_table('mentoring.contest_candidates');
