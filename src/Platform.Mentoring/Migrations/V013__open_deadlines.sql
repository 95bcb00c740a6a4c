-- What the mentoring workspace declares about its open deadlines, for the reminder scans (security invoker: the
-- caller's row-level security applies; plain SQL, inlined into the scans' set-based statements).

-- Road map activities still planned or in progress that fall due in [from_day, to_day]: a dated one on its last day,
-- a yearly one («ежегодно») once per school year of its road map, at the end of its month (30 June without one), the
-- rule of Period.LastDay and of the dashboard's overdue count. school_year is NULL for a dated activity.
CREATE FUNCTION mentoring.open_activity_due_dates(from_day date, to_day date)
  RETURNS TABLE (tenant_id uuid, activity_id uuid, road_map_id uuid, title text, school_year int, due_on date)
  LANGUAGE sql STABLE AS $$
  SELECT a.tenant_id, a.id, a.road_map_id, a.title, NULL::int, a.last_day
    FROM mentoring.road_map_activities a
   WHERE a.status IN ('planned', 'in_progress') AND a.last_day BETWEEN from_day AND to_day
  UNION ALL
  SELECT a.tenant_id, a.id, a.road_map_id, a.title, y.school_year, d.due_on
    FROM mentoring.road_map_activities a
    JOIN mentoring.road_maps m ON m.tenant_id = a.tenant_id AND m.id = a.road_map_id
   CROSS JOIN LATERAL generate_series(m.first_year, m.first_year + m.years - 1) y (school_year)
   CROSS JOIN LATERAL (SELECT CASE WHEN a.yearly_month IS NULL THEN make_date(y.school_year + 1, 6, 30)
                                   ELSE (make_date(CASE WHEN a.yearly_month >= 9 THEN y.school_year ELSE y.school_year + 1 END, a.yearly_month, 1)
                                         + interval '1 month - 1 day')::date END AS due_on) d
   WHERE a.period_kind = 'yearly' AND a.last_day IS NULL AND a.status IN ('planned', 'in_progress') AND d.due_on BETWEEN from_day AND to_day
$$;

-- Programs in progress, with their goal and (extended) end date.
CREATE VIEW mentoring.programs_in_progress WITH (security_invoker = true) AS
  SELECT tenant_id, id, goal, end_on FROM mentoring.programs WHERE status = 'in_progress';
GRANT SELECT ON mentoring.programs_in_progress TO platform_app;
