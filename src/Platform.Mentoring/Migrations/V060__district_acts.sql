-- The district's own acts (seed 001: order of 04.05.2022 № 237), a projection of their streams; tenant = the district.
-- A catalog table: every session reads it (the district's schools list their district's acts; orders of an education
-- authority are public documents), only the district writes it.
CREATE TABLE mentoring.district_acts (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL,
  kind          text NOT NULL,
  number        text NOT NULL,          -- as written, without the «№» sign: «237», «21/1», «143-п»
  date          date NOT NULL,
  title         text NOT NULL,
  note          text,
  repealed_on   date,
  repeal_reason text,
  registered_at timestamptz NOT NULL,
  registered_by text,
  updated_at    timestamptz NOT NULL,
  version       bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX district_acts_date ON mentoring.district_acts (tenant_id, date DESC);
SELECT app.isolate_catalog_table('mentoring.district_acts');
