-- Monitoring of personalized programs (seed 003, section 6): each participant's interim and final survey.
-- The scores are personal data kept under the consent: not in the events (the program's stream records that a
-- survey was taken, by whom and when), erased when the consent is withdrawn.

CREATE TABLE mentoring.monitoring_answers (
  tenant_id   uuid NOT NULL,  -- the school
  program_id  uuid NOT NULL,
  person_id   uuid NOT NULL,
  stage       text NOT NULL,  -- interim | final
  id          uuid NOT NULL,  -- the response
  role        text NOT NULL,  -- mentor | mentee
  taken_on    date NOT NULL,
  answers     jsonb NOT NULL, -- item code → score 1..10
  recorded_at timestamptz NOT NULL,
  recorded_by text,
  PRIMARY KEY (tenant_id, program_id, person_id, stage)
);
CREATE INDEX monitoring_answers_person ON mentoring.monitoring_answers (tenant_id, person_id);
SELECT app.isolate_tenant_table('mentoring.monitoring_answers');
