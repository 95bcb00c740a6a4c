-- The program counts of the school rollup, on their own: a program's event recomputes them without the rest of the school's facts.
CREATE FUNCTION mentoring.program_facts(school uuid,
  OUT active int, OUT completed int, OUT optimal int, OUT acceptable int, OUT unacceptable int) LANGUAGE sql STABLE AS $$
  SELECT count(*) FILTER (WHERE status = 'in_progress')::int, count(*) FILTER (WHERE status = 'completed')::int,
         count(*) FILTER (WHERE evaluation_level = 'optimal')::int, count(*) FILTER (WHERE evaluation_level = 'acceptable')::int,
         count(*) FILTER (WHERE evaluation_level = 'unacceptable')::int
    FROM mentoring.programs WHERE tenant_id = school
$$;

CREATE OR REPLACE FUNCTION mentoring.school_facts(school uuid,
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
         mentoring.program_facts(school) pr,
         (SELECT count(*) FILTER (WHERE x.kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE x.kind = 'student')::int AS students
            FROM mentees JOIN mentoring.people x ON x.tenant_id = school AND x.id = mentees.id) c,
         (SELECT count(*) FILTER (WHERE x.kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE x.kind = 'student')::int AS students
            FROM mentors JOIN mentoring.people x ON x.tenant_id = school AND x.id = mentors.id) cm
$$;
