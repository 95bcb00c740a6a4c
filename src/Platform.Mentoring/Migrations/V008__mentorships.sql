-- Mentorships (наставнические пары и группы), personalized mentoring programs and their evaluations:
-- projections of the mentorship and program streams (tenant = the school), rebuilt from events.

CREATE TABLE mentoring.mentorships (
  tenant_id           uuid NOT NULL,
  id                  uuid NOT NULL,
  mentor_id           uuid NOT NULL,
  mentee_ids          uuid[] NOT NULL,
  form                text NOT NULL,             -- MentoringForms code
  kind                text NOT NULL,             -- virtual | group | short_term | reverse | situational | speed | traditional
  topic               text,
  status              text NOT NULL,             -- proposed | active | dissolved
  consented_ids       uuid[] NOT NULL DEFAULT '{}', -- participants whose written consent to the pair is on record
  order_id            uuid,                      -- the director's order that approved the pair
  order_number        text,
  order_date          date,
  active_from         date,
  dissolved_on        date,
  dissolve_reason     text,
  mentor_replacements int NOT NULL DEFAULT 0,
  proposed_at         timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  version             bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- The mentors' occupied places and the paired mentees: current (not dissolved) pairs only.
CREATE INDEX mentorships_current_mentor ON mentoring.mentorships (tenant_id, mentor_id) WHERE status <> 'dissolved';
CREATE INDEX mentorships_proposed ON mentoring.mentorships (tenant_id, proposed_at DESC);
SELECT app.isolate_tenant_table('mentoring.mentorships');

CREATE TABLE mentoring.programs (
  tenant_id         uuid NOT NULL,
  id                uuid NOT NULL,
  mentorship_id     uuid NOT NULL,
  problem           text NOT NULL,
  goal              text NOT NULL,
  form              text NOT NULL,
  kind              text NOT NULL,
  start_on          date NOT NULL,
  end_on            date NOT NULL,
  status            text NOT NULL,               -- in_progress | completed
  completion_reason text,                        -- plan_completed | participant_initiative | curator_initiative
  completed_on      date,
  plan_rows         int NOT NULL DEFAULT 0,
  plan_done         int NOT NULL DEFAULT 0,
  meetings          int NOT NULL DEFAULT 0,
  last_meeting_on   date,
  final_meeting_on  date,
  extensions        int NOT NULL DEFAULT 0,
  corrections       int NOT NULL DEFAULT 0,
  evaluations       int NOT NULL DEFAULT 0,
  evaluation_total  int,                         -- the latest evaluation
  evaluation_level  text,                        -- optimal | acceptable | unacceptable
  evaluated_on      date,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  version           bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- One program in progress per pair, whatever races past the check in the API.
CREATE UNIQUE INDEX programs_one_in_progress ON mentoring.programs (tenant_id, mentorship_id) WHERE status = 'in_progress';
CREATE INDEX programs_mentorship ON mentoring.programs (tenant_id, mentorship_id);
SELECT app.isolate_tenant_table('mentoring.programs');

CREATE TABLE mentoring.program_evaluations (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL,
  program_id   uuid NOT NULL,
  evaluated_on date NOT NULL,
  scores       jsonb NOT NULL,                   -- {"goals_and_tasks": 2, …}: the nine criteria of seed 003
  total        int NOT NULL CHECK (total BETWEEN 0 AND 18),
  level        text NOT NULL,
  note         text,
  evaluated_by text,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX program_evaluations_program ON mentoring.program_evaluations (tenant_id, program_id, recorded_at);
SELECT app.isolate_tenant_table('mentoring.program_evaluations');
