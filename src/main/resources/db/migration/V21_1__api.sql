-- The /api/v1 API (issue #12): idempotency keys, service accounts and API tokens.

-- A POST sent with an Idempotency-Key: its first request's fingerprint and, once it finished, its response, so a
-- retry with the same key gets the same answer instead of a second tenant. Keyed by the caller (a key is only
-- ever the caller's own); kept at least 24 hours (see docs/decisions/2026-12-02-api-tokens-and-idempotency.md).
CREATE TABLE api_idempotency_key (
    caller       VARCHAR(100)  NOT NULL,
    idem_key     VARCHAR(255)  NOT NULL,
    fingerprint  VARCHAR(64)   NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    completed_at TIMESTAMPTZ,
    status       INT,
    content_type VARCHAR(200),
    location     VARCHAR(1000),
    etag         VARCHAR(100),
    body         BYTEA,
    PRIMARY KEY (caller, idem_key),
    CONSTRAINT api_idempotency_complete CHECK ((completed_at IS NULL) = (status IS NULL))
);
CREATE INDEX api_idempotency_created_idx ON api_idempotency_key (caller, created_at);

-- A service account: a role (operator, auditor, or partner admin of one tenant) for automation. It has no
-- password and cannot sign in to the UI; it calls the API with its tokens only.
CREATE TABLE service_account (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(40)  NOT NULL UNIQUE,
    description VARCHAR(200),
    role        VARCHAR(20)  NOT NULL CHECK (role IN ('OPERATOR', 'PARTNER_ADMIN', 'AUDITOR')),
    tenant_id   UUID REFERENCES tenant (id),
    tenant_slug VARCHAR(30),
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by  VARCHAR(60)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT service_account_tenant_binding CHECK ((role = 'PARTNER_ADMIN') = (tenant_id IS NOT NULL))
);

-- An API token: a personal access token of a console user or a token of a service account. Only the SHA-256 of
-- its secret is kept; lookup_id is the public part written into the token, so a token is found by an index and
-- checked with one constant-time comparison.
CREATE TABLE api_token (
    id                 UUID         PRIMARY KEY,
    lookup_id          VARCHAR(16)  NOT NULL UNIQUE,
    secret_hash        VARCHAR(64)  NOT NULL,
    kind               VARCHAR(10)  NOT NULL CHECK (kind IN ('PERSONAL', 'SERVICE')),
    user_id            UUID REFERENCES console_user (id),
    service_account_id UUID REFERENCES service_account (id),
    name               VARCHAR(60)  NOT NULL,
    created_by         VARCHAR(60)  NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL,
    last_used_at       TIMESTAMPTZ,
    last_used_address  VARCHAR(64),
    revoked_at         TIMESTAMPTZ,
    revoked_by         VARCHAR(60),
    CONSTRAINT api_token_owner CHECK ((kind = 'PERSONAL' AND user_id IS NOT NULL AND service_account_id IS NULL)
        OR (kind = 'SERVICE' AND service_account_id IS NOT NULL AND user_id IS NULL)),
    CONSTRAINT api_token_expiry CHECK (expires_at > created_at),
    CONSTRAINT api_token_revoked CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
CREATE INDEX api_token_account_idx ON api_token (service_account_id);
