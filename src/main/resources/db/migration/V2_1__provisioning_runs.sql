-- Provisioning and upgrade runs of tenant schemas, with their steps, so operators see what happened and why.
CREATE TABLE provisioning_run (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID        NOT NULL REFERENCES tenant (id),
    kind               VARCHAR(20) NOT NULL CHECK (kind IN ('PROVISION', 'UPGRADE')),
    status             VARCHAR(20) NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    from_version       VARCHAR(40),
    to_version         VARCHAR(40),
    changesets_applied INT,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ,
    error              TEXT,
    log                TEXT        NOT NULL DEFAULT ''
);
-- The tenant page lists a tenant's runs, newest first.
CREATE INDEX provisioning_run_tenant_idx ON provisioning_run (tenant_id, started_at DESC);

CREATE TABLE provisioning_step (
    run_id      UUID        NOT NULL REFERENCES provisioning_run (id) ON DELETE CASCADE,
    position    INT         NOT NULL,
    name        VARCHAR(40) NOT NULL,
    status      VARCHAR(20) NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    detail      TEXT,
    PRIMARY KEY (run_id, position)
);
