-- Who counts as covered by the mentoring system is the region's rule (its indicator): the mentees always, and the mentors
-- too where the region says so. The facts carry the mentors who are not themselves mentees, by kind, beside the mentees,
-- so a reader adds them where the region's setting says so and nothing is counted twice.

ALTER TABLE mentoring.coverage_targets ADD COLUMN mentors_covered boolean NOT NULL DEFAULT false;

DROP FUNCTION mentoring.school_facts(uuid);
CREATE FUNCTION mentoring.school_facts(school uuid,
  OUT regulation_adopted boolean, OUT road_map_approved boolean, OUT road_map_exists boolean, OUT curator_appointed boolean,
  OUT pair_orders int, OUT teachers int, OUT students int, OUT mentor_pool int, OUT mentee_pool int,
  OUT mentorships_proposed int, OUT mentorships_active int, OUT programs_active int, OUT programs_completed int,
  OUT evaluated_optimal int, OUT evaluated_acceptable int, OUT evaluated_unacceptable int,
  OUT teacher_mentees int, OUT student_mentees int, OUT teacher_mentors int, OUT student_mentors int) LANGUAGE sql STABLE AS $$
  WITH active AS (SELECT m.mentor_id, m.mentee_ids FROM mentoring.mentorships m WHERE m.tenant_id = school AND m.status = 'active'),
       mentees AS (SELECT DISTINCT u.id FROM active, unnest(active.mentee_ids) AS u(id)),
       mentors AS (SELECT DISTINCT mentor_id AS id FROM active WHERE mentor_id NOT IN (SELECT id FROM mentees))
  SELECT a.regulation, a.road_map_approval, EXISTS (SELECT 1 FROM mentoring.road_maps WHERE tenant_id = school),
         EXISTS (SELECT 1 FROM mentoring.appointments WHERE tenant_id = school AND role = 'curator' AND ended_on IS NULL), a.pair_orders,
         p.teachers, p.students, p.mentor_pool, p.mentee_pool, m.proposed, m.active,
         pr.active, pr.completed, pr.optimal, pr.acceptable, pr.unacceptable, c.teachers, c.students, cm.teachers, cm.students
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
            FROM mentees JOIN mentoring.people x ON x.tenant_id = school AND x.id = mentees.id) c,
         (SELECT count(*) FILTER (WHERE x.kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE x.kind = 'student')::int AS students
            FROM mentors JOIN mentoring.people x ON x.tenant_id = school AND x.id = mentors.id) cm
$$;

-- A pair counts in every school year from the one it became active in to the one it was dissolved in (or the current one).
DROP FUNCTION mentoring.school_year_coverage(uuid, int);
CREATE FUNCTION mentoring.school_year_coverage(school uuid, current_school_year int,
  OUT school_year int, OUT teacher_mentees int, OUT student_mentees int, OUT mentors int, OUT teacher_mentors int, OUT student_mentors int)
  RETURNS SETOF record LANGUAGE sql STABLE AS $$
  WITH spans AS (
    SELECT m.mentor_id, m.mentee_ids, y.sy
      FROM mentoring.mentorships m
     CROSS JOIN LATERAL generate_series(
           extract(year FROM m.active_from)::int - CASE WHEN extract(month FROM m.active_from) < 9 THEN 1 ELSE 0 END,
           CASE WHEN m.dissolved_on IS NULL THEN current_school_year
                ELSE extract(year FROM m.dissolved_on)::int - CASE WHEN extract(month FROM m.dissolved_on) < 9 THEN 1 ELSE 0 END END) AS y(sy)
     WHERE m.tenant_id = school AND m.active_from IS NOT NULL),
  mentees AS (SELECT DISTINCT s.sy, u.id FROM spans s CROSS JOIN LATERAL unnest(s.mentee_ids) AS u(id)),
  mentors_only AS (SELECT DISTINCT s.sy, s.mentor_id AS id FROM spans s
                    WHERE NOT EXISTS (SELECT 1 FROM mentees x WHERE x.sy = s.sy AND x.id = s.mentor_id)),
  people AS (SELECT sy, id, true AS mentee FROM mentees UNION ALL SELECT sy, id, false FROM mentors_only)
  SELECT y.sy, (count(*) FILTER (WHERE y.mentee AND x.kind = 'teacher'))::int, (count(*) FILTER (WHERE y.mentee AND x.kind = 'student'))::int,
         (SELECT count(DISTINCT s.mentor_id) FROM spans s WHERE s.sy = y.sy)::int,
         (count(*) FILTER (WHERE NOT y.mentee AND x.kind = 'teacher'))::int, (count(*) FILTER (WHERE NOT y.mentee AND x.kind = 'student'))::int
    FROM people y LEFT JOIN mentoring.people x ON x.tenant_id = school AND x.id = y.id
   GROUP BY y.sy
$$;
