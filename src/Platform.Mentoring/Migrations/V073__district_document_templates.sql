-- A district's own templates of the platform's documents (a projection of their streams; tenant = the district) and the files of
-- every version. Catalog tables: a school's session reads its district's template when it produces a document. A template is a
-- blank form with placeholders: it holds no one's personal data.
CREATE TABLE mentoring.document_templates (
  tenant_id   uuid NOT NULL,
  kind        text NOT NULL,
  stream_id   uuid NOT NULL,
  file_name   text NOT NULL,
  size        bigint NOT NULL,
  sha256      text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  uploaded_by text,
  version     bigint NOT NULL,
  PRIMARY KEY (tenant_id, kind)
);
SELECT app.isolate_catalog_table('mentoring.document_templates');

CREATE TABLE mentoring.document_template_files (
  tenant_id uuid NOT NULL,
  sha256    text NOT NULL,
  content   bytea NOT NULL,
  PRIMARY KEY (tenant_id, sha256)
);
ALTER TABLE mentoring.document_template_files ALTER COLUMN content SET STORAGE EXTERNAL;
SELECT app.isolate_catalog_table('mentoring.document_template_files');
