-- Who viewed whose personal data, and when (152-ФЗ: the operator accounts for access to personal data). A journal of reads,
-- not a change of any record: an insert-only table, which the app's role can neither change nor delete from; the school's
-- director reads it. It names the person by id only: the journal itself holds no personal data of the person viewed.
CREATE TABLE mentoring.personal_data_views (
  tenant_id   uuid NOT NULL,
  id          uuid NOT NULL,
  person_id   uuid NOT NULL,
  viewer      text NOT NULL,
  viewer_role text,
  what        text NOT NULL,
  viewed_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX personal_data_views_at ON mentoring.personal_data_views (tenant_id, viewed_at DESC);
CREATE INDEX personal_data_views_person ON mentoring.personal_data_views (tenant_id, person_id, viewed_at DESC);
SELECT app.isolate_tenant_table('mentoring.personal_data_views');
REVOKE UPDATE, DELETE ON mentoring.personal_data_views FROM platform_app;
