-- Best practices and contest winners on the public pages: copies made by their projection, readable by anyone (the
-- publication schema's rule). A practice is public once its school published it with every participant's written consent;
-- its participants' names only where each agreed. A winner row names the winners only when they are all adults (staff or
-- external mentors); a pair with a student or a preschooler is shown by its place and school, without names.
CREATE TABLE publication.best_practices (
  tenant_id       uuid NOT NULL,          -- the school
  id              uuid NOT NULL,
  title           text NOT NULL,
  program_summary text NOT NULL,
  description     text NOT NULL,
  results         text NOT NULL,
  participants    text[] NOT NULL,
  published_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE publication.winners (
  tenant_id     uuid NOT NULL,            -- the winner's school
  candidate_id  uuid NOT NULL,
  contest_id    uuid NOT NULL,
  contest_title text NOT NULL,
  level         text NOT NULL,
  place         int NOT NULL,
  names         text,
  school_name   text NOT NULL,
  announced_on  date NOT NULL,
  PRIMARY KEY (tenant_id, candidate_id)
);

SELECT app.isolate_tenant_table('publication.best_practices');
SELECT app.isolate_tenant_table('publication.winners');
CREATE POLICY public_read ON publication.best_practices FOR SELECT USING (true);
CREATE POLICY public_read ON publication.winners FOR SELECT USING (true);
