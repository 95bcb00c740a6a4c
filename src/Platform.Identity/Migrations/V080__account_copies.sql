-- Accounts live in the home database. A region's own database keeps a copy of what identity.accounts declares about
-- the accounts of its tenants (refreshed before each reminder scan and submission auto-draft of that database), so that
-- the other modules read recipients and staff there the same way. Never credentials. Empty in the home database.
CREATE TABLE identity.account_copies (
  tenant_id uuid NOT NULL,
  id        uuid NOT NULL,
  user_name text,
  full_name text NOT NULL,
  email     text,
  roles     text[] NOT NULL,
  blocked   boolean NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
SELECT app.isolate_tenant_table('identity.account_copies');

CREATE OR REPLACE VIEW identity.accounts WITH (security_invoker = true) AS
  SELECT tenant_id, id, user_name, full_name, email, roles, blocked_at IS NOT NULL AS blocked FROM identity.users
  UNION ALL
  SELECT tenant_id, id, user_name::varchar(256), full_name::varchar(300), email::varchar(256), roles, blocked FROM identity.account_copies;
