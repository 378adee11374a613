-- Every configuration area of every tenant, as immutable versions. The unique key is what makes two
-- concurrent saves of one area end in one version and one conflict.
CREATE TABLE config_version (
    id            BIGSERIAL PRIMARY KEY,
    tenant_id     UUID         NOT NULL REFERENCES tenant (id),
    area          VARCHAR(20)  NOT NULL CHECK (area IN ('branding', 'rules', 'access')),
    version       BIGINT       NOT NULL CHECK (version > 0),
    content       JSONB        NOT NULL,
    author        VARCHAR(40)  NOT NULL,
    comment       VARCHAR(200) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    restored_from BIGINT,
    CONSTRAINT config_version_uq UNIQUE (tenant_id, area, version)
);
CREATE INDEX config_version_as_of_idx ON config_version (tenant_id, area, created_at);
