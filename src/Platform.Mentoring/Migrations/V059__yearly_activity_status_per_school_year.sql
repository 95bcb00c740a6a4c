-- A yearly road map activity («ежегодно») is done or overdue per school year: done in 2025/2026 is open again in 2026/2027.
-- year_statuses: the status of each school year that has one of its own, keyed by the year it starts ({"2025": "done"}); a year
-- without one has the row's status (planned, unless an event from before this migration set it for every year).
ALTER TABLE mentoring.road_map_activities ADD COLUMN year_statuses jsonb NOT NULL DEFAULT '{}';

-- The open yearly activities are no longer those whose row status is open: the status is per school year.
DROP INDEX IF EXISTS mentoring.road_map_activities_open_yearly;
CREATE INDEX road_map_activities_yearly ON mentoring.road_map_activities (tenant_id, road_map_id)
  WHERE period_kind = 'yearly' AND last_day IS NULL;

-- The reminder scans' deadlines: a yearly activity's occurrence is open while its own school year's status is.
CREATE OR REPLACE FUNCTION mentoring.open_activity_due_dates(from_day date, to_day date)
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
   WHERE a.period_kind = 'yearly' AND a.last_day IS NULL
     AND coalesce(a.year_statuses ->> y.school_year::text, a.status) IN ('planned', 'in_progress')
     AND d.due_on BETWEEN from_day AND to_day
$$;

-- The school's overdue count by day (the dashboard's rollup): a yearly activity's occurrence counts while its year's status is open.
CREATE OR REPLACE FUNCTION mentoring.overdue_steps(school uuid, OUT days date[], OUT counts int[]) LANGUAGE sql STABLE AS $$
  WITH changes AS (
    SELECT a.last_day + 1 AS day, 1 AS delta
      FROM mentoring.road_map_activities a
     WHERE a.tenant_id = school AND a.status IN ('planned', 'in_progress') AND a.last_day IS NOT NULL
    UNION ALL
    SELECT x.day, x.delta
      FROM mentoring.road_map_activities a
      JOIN mentoring.road_maps m ON m.tenant_id = a.tenant_id AND m.id = a.road_map_id
     CROSS JOIN LATERAL generate_series(m.first_year, m.first_year + m.years - 1) AS y(sy)
     CROSS JOIN LATERAL (VALUES
            (CASE WHEN a.yearly_month IS NULL THEN make_date(y.sy + 1, 6, 30)
                  ELSE (make_date(CASE WHEN a.yearly_month >= 9 THEN y.sy ELSE y.sy + 1 END, a.yearly_month, 1) + interval '1 month - 1 day')::date
             END + 1, 1),
            (CASE WHEN y.sy < m.first_year + m.years - 1 THEN make_date(y.sy + 1, 9, 1) END, -1)) AS x(day, delta)
     WHERE a.tenant_id = school AND a.last_day IS NULL AND a.period_kind = 'yearly'
       AND coalesce(a.year_statuses ->> y.sy::text, a.status) IN ('planned', 'in_progress')
       AND x.day IS NOT NULL),
  steps AS (SELECT day, (sum(sum(delta)) OVER (ORDER BY day))::int AS n FROM changes GROUP BY day)
  SELECT coalesce(array_agg(day ORDER BY day), '{}'), coalesce(array_agg(n ORDER BY day), '{}') FROM steps
$$;
