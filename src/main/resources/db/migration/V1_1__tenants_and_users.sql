-- The console's own schema: tenants and console users.
CREATE TABLE tenant (
    id                UUID PRIMARY KEY,
    slug              VARCHAR(30)  NOT NULL,
    display_name      VARCHAR(120) NOT NULL,
    contact_email     VARCHAR(254) NOT NULL,
    status            VARCHAR(20)  NOT NULL
        CHECK (status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'FAILED', 'OFFBOARDED')),
    status_reason     TEXT,
    changelog_version VARCHAR(40),
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT tenant_slug_format CHECK (slug ~ '^[a-z][a-z0-9_]{2,29}$')
);
CREATE UNIQUE INDEX tenant_slug_uq ON tenant (slug);
CREATE INDEX tenant_status_slug_idx ON tenant (status, slug);
CREATE INDEX tenant_name_lower_idx ON tenant (lower(display_name));
CREATE INDEX tenant_created_idx ON tenant (created_at);

CREATE TABLE console_user (
    id            UUID PRIMARY KEY,
    username      VARCHAR(40)  NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL CHECK (role IN ('OPERATOR', 'PARTNER_ADMIN', 'AUDITOR')),
    tenant_id     UUID REFERENCES tenant (id),
    tenant_slug   VARCHAR(30),
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_logins INT          NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    last_login_at TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    -- a partner admin is bound to exactly one tenant; operators and auditors to none
    CONSTRAINT console_user_tenant_binding CHECK ((role = 'PARTNER_ADMIN') = (tenant_id IS NOT NULL))
);
CREATE UNIQUE INDEX console_user_username_uq ON console_user (username);
CREATE INDEX console_user_tenant_idx ON console_user (tenant_id);
