-- What the mentoring workspace declares for other modules to read about a school (the district dashboard's rollup
-- reads these instead of mentoring's tables), computed from the read models as they stand. Security invoker: the
-- caller's row-level security applies. Bodies moved unchanged from the rollup projection and reporting.overdue_steps.

CREATE FUNCTION mentoring.school_facts(school uuid,
  OUT regulation_adopted boolean, OUT road_map_approved boolean, OUT road_map_exists boolean, OUT curator_appointed boolean,
  OUT pair_orders int, OUT teachers int, OUT students int, OUT mentor_pool int, OUT mentee_pool int,
  OUT mentorships_proposed int, OUT mentorships_active int, OUT programs_active int, OUT programs_completed int,
  OUT evaluated_optimal int, OUT evaluated_acceptable int, OUT evaluated_unacceptable int,
  OUT teacher_mentees int, OUT student_mentees int) LANGUAGE sql STABLE AS $$
  SELECT a.regulation, a.road_map_approval, EXISTS (SELECT 1 FROM mentoring.road_maps WHERE tenant_id = school),
         EXISTS (SELECT 1 FROM mentoring.appointments WHERE tenant_id = school AND role = 'curator' AND ended_on IS NULL), a.pair_orders,
         p.teachers, p.students, p.mentor_pool, p.mentee_pool, m.proposed, m.active,
         pr.active, pr.completed, pr.optimal, pr.acceptable, pr.unacceptable, c.teachers, c.students
    FROM (SELECT coalesce(bool_or(kind = 'regulation'), false) AS regulation, coalesce(bool_or(kind = 'road_map_approval'), false) AS road_map_approval,
                 count(*) FILTER (WHERE kind = 'pair_approval')::int AS pair_orders
            FROM mentoring.local_acts WHERE tenant_id = school AND repealed_on IS NULL) a,
         (SELECT count(*) FILTER (WHERE kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE kind = 'student')::int AS students,
                 count(*) FILTER (WHERE in_mentor_pool)::int AS mentor_pool, count(*) FILTER (WHERE in_mentee_pool)::int AS mentee_pool
            FROM mentoring.people WHERE tenant_id = school) p,
         (SELECT count(*) FILTER (WHERE status = 'proposed')::int AS proposed, count(*) FILTER (WHERE status = 'active')::int AS active
            FROM mentoring.mentorships WHERE tenant_id = school) m,
         (SELECT count(*) FILTER (WHERE status = 'in_progress')::int AS active, count(*) FILTER (WHERE status = 'completed')::int AS completed,
                 count(*) FILTER (WHERE evaluation_level = 'optimal')::int AS optimal,
                 count(*) FILTER (WHERE evaluation_level = 'acceptable')::int AS acceptable,
                 count(*) FILTER (WHERE evaluation_level = 'unacceptable')::int AS unacceptable
            FROM mentoring.programs WHERE tenant_id = school) pr,
         (SELECT count(*) FILTER (WHERE x.kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE x.kind = 'student')::int AS students
            FROM (SELECT DISTINCT u.id FROM mentoring.mentorships m, unnest(m.mentee_ids) AS u(id)
                   WHERE m.tenant_id = school AND m.status = 'active') ids
            JOIN mentoring.people x ON x.tenant_id = school AND x.id = ids.id) c
$$;

-- A pair counts in every school year from the one it became active in to the one it was dissolved in (or the current one).
CREATE FUNCTION mentoring.school_year_coverage(school uuid, current_school_year int,
  OUT school_year int, OUT teacher_mentees int, OUT student_mentees int, OUT mentors int) RETURNS SETOF record LANGUAGE sql STABLE AS $$
  SELECT y.sy, (count(DISTINCT u.id) FILTER (WHERE x.kind = 'teacher'))::int, (count(DISTINCT u.id) FILTER (WHERE x.kind = 'student'))::int,
   (count(DISTINCT m.mentor_id))::int
    FROM mentoring.mentorships m
    CROSS JOIN LATERAL generate_series(
           extract(year FROM m.active_from)::int - CASE WHEN extract(month FROM m.active_from) < 9 THEN 1 ELSE 0 END,
           CASE WHEN m.dissolved_on IS NULL THEN current_school_year
                ELSE extract(year FROM m.dissolved_on)::int - CASE WHEN extract(month FROM m.dissolved_on) < 9 THEN 1 ELSE 0 END END) AS y(sy)
    CROSS JOIN LATERAL unnest(m.mentee_ids) AS u(id)
    LEFT JOIN mentoring.people x ON x.tenant_id = m.tenant_id AND x.id = u.id
   WHERE m.tenant_id = school AND m.active_from IS NOT NULL
   GROUP BY y.sy
$$;

-- Overdue road map activities of a school as a step function of the day (see V031).
CREATE FUNCTION mentoring.overdue_steps(school uuid, OUT days date[], OUT counts int[]) LANGUAGE sql STABLE AS $$
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
