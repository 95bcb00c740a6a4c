-- Deadlines a district sets for its schools (seed 001, order № 237) and the schools' marks on them. The deadlines are a
-- catalog table (tenant = the district; the district's schools read them); the marks are the school's own (tenant = the school).
CREATE TABLE mentoring.district_deadlines (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL,
  title         text NOT NULL,
  due_on        date,                   -- a deadline due once
  yearly_month  int,                    -- or every year on this day and month («23 декабря ежегодно»)
  yearly_day    int,
  first_year    int NOT NULL,
  act_id        uuid,
  completed_by  text NOT NULL,          -- school | regulation_adopted | road_map_approved | curator_appointed | monitoring_report
  cancelled_on  date,
  cancel_reason text,
  set_at        timestamptz NOT NULL,
  set_by        text,
  updated_at    timestamptz NOT NULL,
  version       bigint NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK ((due_on IS NULL) = (yearly_month IS NOT NULL AND yearly_day IS NOT NULL))
);
SELECT app.isolate_catalog_table('mentoring.district_deadlines');

CREATE TABLE mentoring.district_deadline_marks (
  tenant_id   uuid NOT NULL,
  deadline_id uuid NOT NULL,
  year        int NOT NULL,
  done_on     date NOT NULL,
  note        text,
  marked_at   timestamptz NOT NULL,
  marked_by   text,
  PRIMARY KEY (tenant_id, deadline_id, year)
);
SELECT app.isolate_tenant_table('mentoring.district_deadline_marks');

-- Every school's occurrence of the district deadlines due in [from_day, to_day] (a yearly one once per year from its first
-- year), done or not: the one rule the school's overview, the district's page and the reminder scan read. A deadline that
-- completes from the school's records is done by the facts of mentoring.school_facts (an act in force, the curator
-- appointed), dated by the act or appointment; the monitoring sent to the district by the school's report submitted in the
-- district's campaign of that year, else its mark; any other by the school's mark for that year. Security invoker: the
-- caller's row-level security applies — in a school's scope only that school's facts are visible, so read its own rows.
CREATE FUNCTION mentoring.district_deadline_occurrences(from_day date, to_day date)
  RETURNS TABLE (school_id uuid, district_id uuid, deadline_id uuid, title text, year int, due_on date, completed_by text, done_on date)
  LANGUAGE sql STABLE AS $$
  WITH occurrences AS (
    SELECT d.tenant_id AS district_id, d.id, d.title, d.completed_by, extract(year FROM d.due_on)::int AS year, d.due_on
      FROM mentoring.district_deadlines d
     WHERE d.cancelled_on IS NULL AND d.due_on BETWEEN from_day AND to_day
    UNION ALL
    SELECT d.tenant_id, d.id, d.title, d.completed_by, y.year, make_date(y.year, d.yearly_month, d.yearly_day)
      FROM mentoring.district_deadlines d
     CROSS JOIN LATERAL generate_series(greatest(d.first_year, extract(year FROM from_day)::int), extract(year FROM to_day)::int) y (year)
     WHERE d.cancelled_on IS NULL AND d.due_on IS NULL AND make_date(y.year, d.yearly_month, d.yearly_day) BETWEEN from_day AND to_day
  )
  SELECT s.id, o.district_id, o.id, o.title, o.year, o.due_on, o.completed_by,
         CASE o.completed_by
           WHEN 'regulation_adopted' THEN (SELECT min(a.date) FROM mentoring.local_acts a
                                            WHERE a.tenant_id = s.id AND a.kind = 'regulation' AND a.repealed_on IS NULL)
           WHEN 'road_map_approved' THEN (SELECT min(a.date) FROM mentoring.local_acts a
                                           WHERE a.tenant_id = s.id AND a.kind = 'road_map_approval' AND a.repealed_on IS NULL)
           WHEN 'curator_appointed' THEN (SELECT min(p.from_date) FROM mentoring.appointments p
                                           WHERE p.tenant_id = s.id AND p.role = 'curator' AND p.ended_on IS NULL)
           -- The campaign is the school's monitoring deadline already (its own reminders): its submitted report completes this one.
           WHEN 'monitoring_report' THEN coalesce(
             (SELECT min(c.first_submitted_at)::date FROM reporting.school_monitoring_submissions c
               WHERE c.tenant_id = s.id AND extract(year FROM c.due_on)::int = o.year),
             (SELECT m.done_on FROM mentoring.district_deadline_marks m WHERE m.tenant_id = s.id AND m.deadline_id = o.id AND m.year = o.year))
           ELSE (SELECT m.done_on FROM mentoring.district_deadline_marks m WHERE m.tenant_id = s.id AND m.deadline_id = o.id AND m.year = o.year)
         END
    FROM occurrences o
    JOIN registry.schools s ON s.district_id = o.district_id AND s.closed_on IS NULL
$$;
