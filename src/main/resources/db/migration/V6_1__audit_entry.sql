-- The audit history: append-only and hash-chained.
-- hash = SHA-256(prev_hash || '|' || canonical JSON array of the entry's fields), computed by the application
-- (io.concierge.audit.internal.EntryHasher) under an advisory lock, so the chain never forks. Ids are taken
-- under that lock too, so id order is chain order and occurred_at never decreases along it; gaps in ids
-- are rolled-back appends, not deletions.
CREATE TABLE audit_entry (
    id               BIGSERIAL PRIMARY KEY,
    occurred_at      TIMESTAMPTZ   NOT NULL,
    actor            VARCHAR(100)  NOT NULL,
    actor_role       VARCHAR(20),
    tenant_id        UUID,
    tenant_slug      VARCHAR(30),
    area             VARCHAR(20)   NOT NULL,
    action           VARCHAR(40)   NOT NULL,
    target           VARCHAR(300),
    detail           VARCHAR(1000),
    -- kept as text, not jsonb: the hash covers these exact bytes
    before_json      TEXT,
    after_json       TEXT,
    client_address   VARCHAR(64),
    produced_version BIGINT,
    prev_hash        CHAR(64)      NOT NULL,
    hash             CHAR(64)      NOT NULL
);
-- Keyset pagination is "newest first by id": every filter has an index ending in id.
CREATE INDEX audit_entry_tenant_slug_idx ON audit_entry (tenant_slug, id);
CREATE INDEX audit_entry_tenant_id_idx ON audit_entry (tenant_id, id);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, id);
CREATE INDEX audit_entry_action_idx ON audit_entry (action, id);
CREATE INDEX audit_entry_area_idx ON audit_entry (area, id);
-- A date range is turned into an id range through this index (occurred_at grows with id).
CREATE INDEX audit_entry_time_idx ON audit_entry (occurred_at, id);

-- Append-only, whoever connects: UPDATE, DELETE and TRUNCATE raise. The console's role may be a superuser
-- (which ignores privileges), so privileges alone would not do; a superuser can still disable the trigger,
-- which is what the hash chain is for.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

-- Where the console does not run as a superuser, also take the privileges away (belt and braces).
DO
$$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM PUBLIC, %I', current_user);
    END IF;
END
$$;
