-- The region dashboard counted each school's overdue road map activities on every request, over the activities
-- table under the region scope's row-level security: most of its time at 1,000 schools. Whether an open activity is
-- overdue depends only on the day, so the rollup now keeps, per school, the count of overdue activities as a step
-- function of the day: from overdue_days[i] on (until the next step), overdue_counts[i] activities are overdue.
-- A dated activity is overdue from the day after its last day. A yearly one recurs in each school year of its road
-- map (due at the end of its month, or on 30 June): overdue from the day after that, until 1 September starts the
-- next school year; after the road map's last year it stays overdue. The rule of ActivityList and the old query.
ALTER TABLE reporting.school_rollups
  ADD COLUMN overdue_days date[] NOT NULL DEFAULT '{}',
  ADD COLUMN overdue_counts int[] NOT NULL DEFAULT '{}';

CREATE FUNCTION reporting.overdue_steps(school uuid, OUT days date[], OUT counts int[]) LANGUAGE sql STABLE AS $$
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
     WHERE a.tenant_id = school AND a.status IN ('planned', 'in_progress') AND a.last_day IS NULL AND a.period_kind = 'yearly'
       AND x.day IS NOT NULL),
  steps AS (SELECT day, (sum(sum(delta)) OVER (ORDER BY day))::int AS n FROM changes GROUP BY day)
  SELECT coalesce(array_agg(day ORDER BY day), '{}'), coalesce(array_agg(n ORDER BY day), '{}') FROM steps
$$;

-- Existing rollups: computed here once (every school's activities, so in the platform scope).
SELECT set_config('app.scope_kind', 'platform', true);
UPDATE reporting.school_rollups r SET (overdue_days, overdue_counts) = (SELECT o.days, o.counts FROM reporting.overdue_steps(r.tenant_id) o);
