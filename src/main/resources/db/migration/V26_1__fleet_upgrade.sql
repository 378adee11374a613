-- Issue #14: a schema upgrade a crash cut short is finished by the next start. Each upgrade (of every tenant behind,
-- or of one tenant) is recorded when it starts and closed when it ends, so the next start knows that one was cut
-- short and what it was asked to upgrade: never more than the operator started.
CREATE TABLE fleet_upgrade (
    id          UUID PRIMARY KEY,
    -- null: every tenant behind ("Upgrade all"); else the one tenant an operator upgraded
    tenant_id   UUID REFERENCES tenant (id),
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    -- how it ended: FINISHED, or INTERRUPTED when a later start found it cut short
    outcome     VARCHAR(20) CHECK (outcome IN ('FINISHED', 'INTERRUPTED')),
    CHECK ((finished_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX fleet_upgrade_open_idx ON fleet_upgrade (started_at) WHERE finished_at IS NULL;
