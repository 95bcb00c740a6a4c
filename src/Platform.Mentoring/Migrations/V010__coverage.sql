-- Coverage targets of regions (a catalog every school reads) and the totals a school enters per school year.
CREATE TABLE mentoring.coverage_targets (
  tenant_id        uuid NOT NULL,  -- the region
  teachers_percent numeric(5, 2) NOT NULL,
  students_percent numeric(5, 2) NOT NULL,
  basis            text,
  version          bigint NOT NULL,
  PRIMARY KEY (tenant_id)
);
SELECT app.isolate_catalog_table('mentoring.coverage_targets');

CREATE TABLE mentoring.school_year_totals (
  tenant_id   uuid NOT NULL,  -- the school
  school_year int NOT NULL,
  teachers    int NOT NULL,
  students    int NOT NULL,
  entered_at  timestamptz NOT NULL,
  entered_by  text,
  version     bigint NOT NULL,
  PRIMARY KEY (tenant_id, school_year)
);
SELECT app.isolate_tenant_table('mentoring.school_year_totals');
