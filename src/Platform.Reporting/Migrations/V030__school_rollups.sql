-- The district and region dashboard reads one row per school instead of aggregating every person, pair and
-- program of a region on each request. Kept by the school_rollups inline projection (tenant = the school):
-- each transaction that changes a school's mentoring read models recomputes that school's row from them.
CREATE SCHEMA IF NOT EXISTS reporting;
GRANT USAGE ON SCHEMA reporting TO platform_app;

CREATE TABLE reporting.school_rollups (
  tenant_id              uuid NOT NULL,
  regulation_adopted     boolean NOT NULL,
  road_map_approved      boolean NOT NULL,
  road_map_exists        boolean NOT NULL,
  curator_appointed      boolean NOT NULL,
  pair_orders            int NOT NULL,
  teachers_registered    int NOT NULL,
  students_registered    int NOT NULL,
  mentor_pool            int NOT NULL,
  mentee_pool            int NOT NULL,
  mentorships_proposed   int NOT NULL,
  mentorships_active     int NOT NULL,
  programs_active        int NOT NULL,
  programs_completed     int NOT NULL,
  evaluated_optimal      int NOT NULL,
  evaluated_acceptable   int NOT NULL,
  evaluated_unacceptable int NOT NULL,
  -- mentees in pairs active now: the coverage of any school year after computed_school_year (nothing happened since)
  teacher_mentees        int NOT NULL,
  student_mentees        int NOT NULL,
  computed_school_year   int NOT NULL,
  updated_at             timestamptz NOT NULL,
  PRIMARY KEY (tenant_id)
);
SELECT app.isolate_tenant_table('reporting.school_rollups');

-- Mentees of pairs active at some time in a school year (September to August), as CoverageQuery counts them.
CREATE TABLE reporting.school_year_coverage (
  tenant_id       uuid NOT NULL,
  school_year     int NOT NULL,
  teacher_mentees int NOT NULL,
  student_mentees int NOT NULL,
  mentors         int NOT NULL,
  PRIMARY KEY (tenant_id, school_year)
);
SELECT app.isolate_tenant_table('reporting.school_year_coverage');

