-- The publishing outbox and its status. One row per tenant: `sequence` is raised in the same transaction as
-- every change that must reach Redis (a configuration save, a status change), so a committed change always
-- leaves `published_sequence < sequence` behind until Redis holds it. The rows are the durable record of what
-- is still to publish; the after-commit listener is only the fast path.
CREATE TABLE publication (
    tenant_id          UUID        PRIMARY KEY REFERENCES tenant (id),
    sequence           BIGINT      NOT NULL CHECK (sequence > 0),
    published_sequence BIGINT      NOT NULL DEFAULT 0,
    published_status   VARCHAR(20),
    published_at       TIMESTAMPTZ,
    checksum           VARCHAR(64),
    -- failed attempts since the last success, the reason of the last one and when to try again
    attempts           INT         NOT NULL DEFAULT 0,
    last_error         TEXT,
    last_attempt_at    TIMESTAMPTZ,
    next_attempt_at    TIMESTAMPTZ,
    changed_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX publication_pending_idx ON publication (next_attempt_at) WHERE published_sequence < sequence;

-- Per configuration area: the newest saved version and the newest version Redis holds.
CREATE TABLE publication_area (
    tenant_id         UUID        NOT NULL REFERENCES tenant (id),
    area              VARCHAR(20) NOT NULL CHECK (area IN ('branding', 'rules', 'access')),
    saved_version     BIGINT      NOT NULL DEFAULT 0,
    published_version BIGINT      NOT NULL DEFAULT 0,
    published_at      TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, area)
);
