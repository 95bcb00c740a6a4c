-- People of a school, their consents, the mentor and mentee pools, questionnaires and answers.
-- Two kinds of tables. people and questionnaires are projections of the person and questionnaire streams
-- (rebuilt from events). person_details, mentor_profiles, mentee_profiles and questionnaire_answers are NOT
-- projections: they hold the personal data kept under a consent, written by the commands in the transaction
-- that appends their event (which names changed fields only), and deleted when the consent is withdrawn.

CREATE TABLE mentoring.people (
  tenant_id            uuid NOT NULL,
  id                   uuid NOT NULL,
  kind                 text NOT NULL,          -- teacher | student | external
  external_role        text,
  full_name            text NOT NULL,
  position             text,                   -- position, or a student's class («7Б»)
  birth_year           int,                    -- students (and external minors): who signs the consent
  has_consent          boolean NOT NULL DEFAULT false,
  consent_signed_by    text,                   -- self | guardian
  consent_given_on     date,
  consent_withdrawn_on date,
  in_mentor_pool       boolean NOT NULL DEFAULT false,
  in_mentee_pool       boolean NOT NULL DEFAULT false,
  registered_at        timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  version              bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX people_name ON mentoring.people (tenant_id, full_name);
SELECT app.isolate_tenant_table('mentoring.people');

CREATE TABLE mentoring.person_details (
  tenant_id              uuid NOT NULL,
  person_id              uuid NOT NULL,
  subjects               text[] NOT NULL DEFAULT '{}',
  years_of_service       int,
  qualification_category text,
  categories             text[] NOT NULL DEFAULT '{}',
  email                  text,
  phone                  text,
  updated_at             timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, person_id)
);
SELECT app.isolate_tenant_table('mentoring.person_details');

CREATE TABLE mentoring.mentor_profiles (
  tenant_id       uuid NOT NULL,
  person_id       uuid NOT NULL,
  competencies    text[] NOT NULL,
  subjects        text[] NOT NULL DEFAULT '{}',
  capacity        int NOT NULL CHECK (capacity BETWEEN 1 AND 10),
  availability    text,
  available_until date,
  preferred_forms text[] NOT NULL,
  joined_at       timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, person_id)
);
SELECT app.isolate_tenant_table('mentoring.mentor_profiles');

CREATE TABLE mentoring.mentee_profiles (
  tenant_id    uuid NOT NULL,
  person_id    uuid NOT NULL,
  difficulties text[] NOT NULL DEFAULT '{}',
  requests     text[] NOT NULL DEFAULT '{}',
  subjects     text[] NOT NULL DEFAULT '{}',
  desired_form text,
  joined_at    timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, person_id)
);
SELECT app.isolate_tenant_table('mentoring.mentee_profiles');

CREATE TABLE mentoring.questionnaires (
  tenant_id      uuid NOT NULL,
  id             uuid NOT NULL,
  audience       text NOT NULL,
  title          text NOT NULL,
  version        int NOT NULL,               -- the questionnaire's current version (1, 2, …)
  questions      int NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  stream_version bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_tenant_table('mentoring.questionnaires');

CREATE TABLE mentoring.questionnaire_answers (
  tenant_id        uuid NOT NULL,
  id               uuid NOT NULL,
  questionnaire_id uuid NOT NULL,
  version          int NOT NULL,             -- the version answered: its questions give the answers their meaning
  person_id        uuid NOT NULL,
  answered_at      timestamptz NOT NULL,
  answers          jsonb NOT NULL,           -- [{"question": 1, "value": 7}, …]
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX questionnaire_answers_questionnaire ON mentoring.questionnaire_answers (tenant_id, questionnaire_id, version);
CREATE INDEX questionnaire_answers_person ON mentoring.questionnaire_answers (tenant_id, person_id);
SELECT app.isolate_tenant_table('mentoring.questionnaire_answers');
