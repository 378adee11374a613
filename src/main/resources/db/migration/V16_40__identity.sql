-- Single sign-on and a second factor (issue #15).

-- A user created by single sign-on is managed by its provider: its role follows the mapping rules at every
-- sign-in and cannot be edited by hand, and it has no usable password.
ALTER TABLE console_user ADD COLUMN managed_by VARCHAR(40);
ALTER TABLE console_user ADD COLUMN external_subject VARCHAR(255);
ALTER TABLE console_user ADD CONSTRAINT console_user_managed_subject
    CHECK ((managed_by IS NULL) = (external_subject IS NULL));
CREATE UNIQUE INDEX console_user_external_uq ON console_user (managed_by, external_subject);

-- TOTP (RFC 6238): the shared secret, when it was confirmed, and the last time step used (a code is never
-- accepted twice).
ALTER TABLE console_user ADD COLUMN totp_secret VARCHAR(64);
ALTER TABLE console_user ADD COLUMN totp_enrolled_at TIMESTAMPTZ;
ALTER TABLE console_user ADD COLUMN totp_last_step BIGINT;
ALTER TABLE console_user ADD CONSTRAINT console_user_totp_complete
    CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL));

-- Recovery codes, stored as SHA-256 hashes (they are long random strings); each works once.
CREATE TABLE console_recovery_code (
    user_id   UUID        NOT NULL REFERENCES console_user (id) ON DELETE CASCADE,
    code_hash VARCHAR(64) NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

-- Operators' mapping rules: a claim value of one provider gives one role (a partner admin: of one tenant).
CREATE TABLE sso_mapping_rule (
    id          UUID PRIMARY KEY,
    provider    VARCHAR(40)  NOT NULL,
    claim       VARCHAR(100) NOT NULL,
    claim_value VARCHAR(200) NOT NULL,
    role        VARCHAR(20)  NOT NULL CHECK (role IN ('OPERATOR', 'PARTNER_ADMIN', 'AUDITOR')),
    tenant_id   UUID REFERENCES tenant (id),
    tenant_slug VARCHAR(30),
    created_by  VARCHAR(40)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT sso_mapping_rule_tenant_binding CHECK ((role = 'PARTNER_ADMIN') = (tenant_id IS NOT NULL)),
    CONSTRAINT sso_mapping_rule_uq UNIQUE (provider, claim, claim_value)
);
