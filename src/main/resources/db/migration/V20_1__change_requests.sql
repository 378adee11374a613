-- Four-eyes change requests (io.concierge.changes). A request holds the whole proposed content of an area, the
-- version it was based on and SHA-256 checksums of both; approvals name the content checksum and the base they
-- approved, so content changed afterwards (through the console or directly in this table) is never applied on
-- their strength: the apply recomputes the checksum from the stored content.

-- How many approvals an area of a tenant needs (0: saves go live at once). No row: the configured default.
CREATE TABLE approval_policy (
    tenant_id  UUID         NOT NULL REFERENCES tenant (id),
    area       VARCHAR(20)  NOT NULL CHECK (area IN ('branding', 'rules', 'access')),
    approvals  INT          NOT NULL CHECK (approvals BETWEEN 0 AND 3),
    updated_by VARCHAR(100) NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, area)
);

-- kind CONTENT: content is the area's JSON, base_version the area version it replaces.
-- kind POLICY: content is {"approvals": n}, base_version the number of approvals the policy had when proposed.
CREATE TABLE change_request (
    id                      BIGSERIAL PRIMARY KEY,
    tenant_id               UUID         NOT NULL REFERENCES tenant (id),
    tenant_slug             VARCHAR(30)  NOT NULL,
    area                    VARCHAR(20)  NOT NULL CHECK (area IN ('branding', 'rules', 'access')),
    kind                    VARCHAR(10)  NOT NULL CHECK (kind IN ('CONTENT', 'POLICY')),
    state                   VARCHAR(20)  NOT NULL
        CHECK (state IN ('OPEN', 'APPROVED', 'SCHEDULED', 'APPLIED', 'REJECTED', 'WITHDRAWN', 'CONFLICTED')),
    base_version            BIGINT       NOT NULL CHECK (base_version >= 0),
    base_checksum           CHAR(64),
    content                 TEXT         NOT NULL,
    content_checksum        CHAR(64)     NOT NULL,
    required_approvals      INT          NOT NULL CHECK (required_approvals BETWEEN 1 AND 3),
    author                  VARCHAR(100) NOT NULL,
    author_role             VARCHAR(20)  NOT NULL,
    comment                 VARCHAR(200) NOT NULL,
    created_at              TIMESTAMPTZ  NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL,
    apply_at                TIMESTAMPTZ,
    applied_version         BIGINT,
    applied_by              VARCHAR(100),
    applied_at              TIMESTAMPTZ,
    break_glass_reason      VARCHAR(500),
    break_glass_reviewed_by VARCHAR(100),
    break_glass_reviewed_at TIMESTAMPTZ,
    state_note              VARCHAR(500),
    CONSTRAINT change_request_applied CHECK ((state = 'APPLIED') = (applied_at IS NOT NULL)),
    CONSTRAINT change_request_scheduled CHECK (state <> 'SCHEDULED' OR apply_at IS NOT NULL)
);
CREATE INDEX change_request_due_idx ON change_request (state, apply_at);
CREATE INDEX change_request_tenant_idx ON change_request (tenant_id, state);
CREATE INDEX change_request_author_idx ON change_request (author, state);
CREATE INDEX change_request_break_glass_idx ON change_request (id)
    WHERE break_glass_reason IS NOT NULL AND break_glass_reviewed_at IS NULL;

CREATE TABLE change_approval (
    id               BIGSERIAL PRIMARY KEY,
    request_id       BIGINT       NOT NULL REFERENCES change_request (id),
    approver         VARCHAR(100) NOT NULL,
    approver_role    VARCHAR(20)  NOT NULL,
    content_checksum CHAR(64)     NOT NULL,
    base_version     BIGINT       NOT NULL,
    comment          VARCHAR(200),
    approved_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT change_approval_once UNIQUE (request_id, approver, content_checksum, base_version)
);

-- The timeline a request page shows; the audit history records the same steps in its hash chain.
CREATE TABLE change_request_event (
    id          BIGSERIAL PRIMARY KEY,
    request_id  BIGINT       NOT NULL REFERENCES change_request (id),
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    kind        VARCHAR(30)  NOT NULL,
    detail      VARCHAR(700)
);
CREATE INDEX change_request_event_request_idx ON change_request_event (request_id, id);
