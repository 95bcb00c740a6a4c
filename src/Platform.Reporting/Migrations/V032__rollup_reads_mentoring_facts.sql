-- The rollup reads the mentoring workspace through mentoring.school_facts, mentoring.school_year_coverage and
-- mentoring.overdue_steps (V011); this copy of the last one is no longer used.
DROP FUNCTION reporting.overdue_steps(uuid);
