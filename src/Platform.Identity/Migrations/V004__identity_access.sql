-- Access control around Identity's tables (V003) and the token, key and invitation tables.
--
-- identity.users carries tenant_id = the account's scope (school, district, region; the nil uuid for
-- platform accounts) under the usual tenant policy: a district's session sees its own accounts and
-- its schools'. Its keys cannot lead with tenant_id: a login is unique across the whole platform.
-- Sign-in itself runs in platform scope (it must find the account before any tenant is known).
-- System tables (Identity's unused claim/login/token tables, signing keys) are platform scope only.

GRANT USAGE ON SCHEMA identity TO platform_app;

CREATE FUNCTION app.isolate_system_table(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format($p$CREATE POLICY platform_only ON %s USING ((SELECT app.scope_kind()) = 'platform') WITH CHECK ((SELECT app.scope_kind()) = 'platform')$p$, target);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO platform_app', target);
END $$;
REVOKE EXECUTE ON FUNCTION app.isolate_system_table(regclass) FROM PUBLIC;

SELECT app.isolate_tenant_table('identity.users');
SELECT app.isolate_system_table('identity.user_claims');
SELECT app.isolate_system_table('identity.user_logins');
SELECT app.isolate_system_table('identity.user_tokens');

-- Refresh tokens, hashed. A family is one sign-in and all the tokens that replaced each other since.
CREATE TABLE identity.refresh_tokens (
  tenant_id      uuid NOT NULL,
  id             uuid NOT NULL,
  family_id      uuid NOT NULL,
  user_id        uuid NOT NULL,
  token_hash     bytea NOT NULL,
  security_stamp text NOT NULL,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  replaced_by    uuid,
  revoked_at     timestamptz,
  revoked_reason text,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX refresh_tokens_hash ON identity.refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family ON identity.refresh_tokens (family_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_user ON identity.refresh_tokens (user_id) WHERE revoked_at IS NULL;
SELECT app.isolate_tenant_table('identity.refresh_tokens');

-- Development signing keys (production configures PEM files instead). Private keys: platform scope only.
CREATE TABLE identity.signing_keys (
  id          text PRIMARY KEY,
  private_key bytea NOT NULL,
  created_at  timestamptz NOT NULL,
  retired_at  timestamptz
);
SELECT app.isolate_system_table('identity.signing_keys');

-- Invitations (projection of the invitation streams; tenant = the school invited to).
CREATE TABLE identity.invitations (
  tenant_id   uuid NOT NULL,
  id          uuid NOT NULL,
  district_id uuid NOT NULL,
  role        text NOT NULL,
  email       text NOT NULL,
  full_name   text NOT NULL,
  token_hash  text NOT NULL,
  status      text NOT NULL,
  expires_at  timestamptz NOT NULL,
  issued_at   timestamptz NOT NULL,
  issued_by   text,
  closed_at   timestamptz,
  account_id  uuid,
  version     bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX invitations_token ON identity.invitations (token_hash);
CREATE INDEX invitations_id ON identity.invitations (id);
SELECT app.isolate_tenant_table('identity.invitations');
