-- What the identity module declares for other modules to read about accounts (recipients of reminders and notices,
-- the school's staff): who they are, their roles and whether they are blocked; never their credentials or sessions.
-- Security invoker: the caller's row-level security on identity.users applies.
CREATE VIEW identity.accounts WITH (security_invoker = true) AS
  SELECT tenant_id, id, user_name, full_name, email, roles, blocked_at IS NOT NULL AS blocked FROM identity.users;
GRANT SELECT ON identity.accounts TO platform_app;
