-- The mentors who are not themselves mentees, by kind, beside the mentees (V063): the dashboard adds them to the covered
-- where the region counts mentors as covered.
ALTER TABLE reporting.school_rollups ADD COLUMN teacher_mentors int NOT NULL DEFAULT 0, ADD COLUMN student_mentors int NOT NULL DEFAULT 0;
ALTER TABLE reporting.school_year_coverage ADD COLUMN teacher_mentors int NOT NULL DEFAULT 0, ADD COLUMN student_mentors int NOT NULL DEFAULT 0;

-- Existing rollups: computed here once (every school's pairs, so in the platform scope).
SELECT set_config('app.scope_kind', 'platform', true);
UPDATE reporting.school_rollups r SET (teacher_mentors, student_mentors) = (SELECT f.teacher_mentors, f.student_mentors FROM mentoring.school_facts(r.tenant_id) f);
UPDATE reporting.school_year_coverage y SET (teacher_mentors, student_mentors) =
       (SELECT c.teacher_mentors, c.student_mentors FROM mentoring.school_year_coverage(y.tenant_id, y.school_year) c WHERE c.school_year = y.school_year)
 WHERE EXISTS (SELECT 1 FROM mentoring.school_year_coverage(y.tenant_id, y.school_year) c WHERE c.school_year = y.school_year);
