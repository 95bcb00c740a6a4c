-- The token server's store (OpenIddict on Identity's context): clients, sign-ins (authorizations) and issued
-- tokens. The statements up to the access section are the model's GenerateCreateScript() (IdentitySchemaTests).

CREATE TABLE identity.oidc_applications (
    id uuid NOT NULL,
    application_type character varying(50),
    client_id character varying(100),
    client_secret text,
    client_type character varying(50),
    concurrency_token character varying(50),
    consent_type character varying(50),
    display_name text,
    display_names text,
    json_web_key_set text,
    permissions text,
    post_logout_redirect_uris text,
    properties text,
    redirect_uris text,
    requirements text,
    settings text,
    CONSTRAINT "PK_oidc_applications" PRIMARY KEY (id)
);

CREATE TABLE identity.oidc_scopes (
    id uuid NOT NULL,
    concurrency_token character varying(50),
    description text,
    descriptions text,
    display_name text,
    display_names text,
    name character varying(200),
    properties text,
    resources text,
    CONSTRAINT "PK_oidc_scopes" PRIMARY KEY (id)
);

CREATE TABLE identity.oidc_authorizations (
    id uuid NOT NULL,
    application_id uuid,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    properties text,
    scopes text,
    status character varying(50),
    subject character varying(400),
    type character varying(50),
    CONSTRAINT "PK_oidc_authorizations" PRIMARY KEY (id),
    CONSTRAINT "FK_oidc_authorizations_oidc_applications_application_id" FOREIGN KEY (application_id) REFERENCES identity.oidc_applications (id)
);

CREATE TABLE identity.oidc_tokens (
    id uuid NOT NULL,
    application_id uuid,
    authorization_id uuid,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    expiration_date timestamp with time zone,
    payload text,
    properties text,
    redemption_date timestamp with time zone,
    reference_id character varying(100),
    status character varying(50),
    subject character varying(400),
    type character varying(150),
    CONSTRAINT "PK_oidc_tokens" PRIMARY KEY (id),
    CONSTRAINT "FK_oidc_tokens_oidc_applications_application_id" FOREIGN KEY (application_id) REFERENCES identity.oidc_applications (id),
    CONSTRAINT "FK_oidc_tokens_oidc_authorizations_authorization_id" FOREIGN KEY (authorization_id) REFERENCES identity.oidc_authorizations (id)
);

CREATE UNIQUE INDEX "IX_oidc_applications_client_id" ON identity.oidc_applications (client_id);

CREATE INDEX "IX_oidc_authorizations_application_id_status_subject_type" ON identity.oidc_authorizations (application_id, status, subject, type);

CREATE UNIQUE INDEX "IX_oidc_scopes_name" ON identity.oidc_scopes (name);

CREATE INDEX "IX_oidc_tokens_application_id_status_subject_type" ON identity.oidc_tokens (application_id, status, subject, type);

CREATE INDEX "IX_oidc_tokens_authorization_id" ON identity.oidc_tokens (authorization_id);

CREATE UNIQUE INDEX "IX_oidc_tokens_reference_id" ON identity.oidc_tokens (reference_id);

-- Access. Platform tables: the token server works in platform scope (a token is issued before any tenant is
-- known); district and region system clients carry their scope in oidc_applications.properties.
SELECT app.isolate_system_table('identity.oidc_applications');
SELECT app.isolate_system_table('identity.oidc_authorizations');
SELECT app.isolate_system_table('identity.oidc_scopes');
SELECT app.isolate_system_table('identity.oidc_tokens');
-- Blocking an account or changing its password revokes all its sessions by subject.
CREATE INDEX oidc_tokens_subject ON identity.oidc_tokens (subject);
CREATE INDEX oidc_authorizations_subject ON identity.oidc_authorizations (subject);

-- Our own refresh tokens are replaced by the token server's.
DROP TABLE identity.refresh_tokens;

-- identity.signing_keys also keeps the development encryption key (refresh tokens and codes).
ALTER TABLE identity.signing_keys ADD COLUMN kind text NOT NULL DEFAULT 'signing' CHECK (kind IN ('signing', 'encryption'));
