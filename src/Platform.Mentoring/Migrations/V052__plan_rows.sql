-- The plan rows' projection belongs to the module whose events it reads: jobs.program_plan_rows becomes
-- mentoring.program_plan_rows (its policy, grants and indexes move with it), and the reminder scan reads the open
-- rows through what mentoring declares.
ALTER TABLE jobs.program_plan_rows SET SCHEMA mentoring;

-- Plan rows not done yet, of programs in progress, due in [from_day, to_day].
CREATE FUNCTION mentoring.open_plan_row_due_dates(from_day date, to_day date)
  RETURNS TABLE (tenant_id uuid, row_id uuid, program_id uuid, content text, deadline date)
  LANGUAGE sql STABLE AS $$
  SELECT r.tenant_id, r.row_id, r.program_id, r.content, r.deadline
    FROM mentoring.program_plan_rows r
    JOIN mentoring.programs p ON p.tenant_id = r.tenant_id AND p.id = r.program_id AND p.status = 'in_progress'
   WHERE r.done_on IS NULL AND r.deadline BETWEEN from_day AND to_day
$$;
