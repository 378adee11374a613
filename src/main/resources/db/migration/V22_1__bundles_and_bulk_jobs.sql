-- Issue #12: configuration bundles and bulk onboarding.

-- The configuration a tenant was created from ("create like globex", a bundle file): written in the transaction
-- that registers the tenant, read once when it becomes active to make its first versions (FirstVersions).
CREATE TABLE tenant_starting_bundle (
    tenant_id   UUID PRIMARY KEY REFERENCES tenant (id),
    document    TEXT        NOT NULL,
    source      VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- A bulk onboarding job: a validated file of tenants, created and provisioned in the background.
CREATE TABLE bulk_job (
    id          UUID PRIMARY KEY,
    file_name   VARCHAR(200) NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    status      VARCHAR(20)  NOT NULL CHECK (status IN ('RUNNING', 'FINISHED')),
    finished_at TIMESTAMPTZ,
    row_count   INT          NOT NULL CHECK (row_count > 0)
);
CREATE INDEX bulk_job_created_idx ON bulk_job (created_at DESC);

-- One row of the file and what became of it. A row is idempotent by slug: a tenant that exists already is
-- reported, never created again.
CREATE TABLE bulk_job_row (
    job_id        UUID         NOT NULL REFERENCES bulk_job (id),
    row_no        INT          NOT NULL CHECK (row_no > 0),
    slug          VARCHAR(30)  NOT NULL,
    display_name  VARCHAR(120) NOT NULL,
    contact_email VARCHAR(254) NOT NULL,
    first_admin   VARCHAR(40),
    like_slug     VARCHAR(30),
    outcome       VARCHAR(20)  NOT NULL
        CHECK (outcome IN ('PENDING', 'PROVISIONING', 'CREATED', 'EXISTED', 'FAILED')),
    tenant_id     UUID REFERENCES tenant (id),
    message       TEXT,
    attempts      INT          NOT NULL DEFAULT 0,
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (job_id, row_no),
    CONSTRAINT bulk_job_row_slug_uq UNIQUE (job_id, slug)
);
