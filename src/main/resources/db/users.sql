-- The console's database users (docs/postgres-contract.md). Run once per database as a superuser, connected to the
-- console's database, after setting who they are:
--
--   psql -U postgres -d concierge \
--        -c "SET concierge.owner_user = 'concierge_owner'" -c "SET concierge.owner_password = '...'" \
--        -c "SET concierge.app_user = 'concierge_app'"     -c "SET concierge.app_password = '...'" \
--        -c "SET concierge.platform_user = 'concierge_platform'" -c "SET concierge.platform_password = '...'" \
--        -f users.sql
--
-- docker-compose (docker/postgres-init.sh), .ci/run and the embedded PostgreSQL run this same file. It is idempotent:
-- roles belong to the whole server, so a role that exists already is left as it is (its password too), and only
-- this database's privileges are (re)stated. An empty password leaves the role without one (trust or peer
-- authentication only). The platform user is optional: without concierge.platform_user it is not created.
--
--   owner     owns the database and the console's schema; Flyway runs as it (spring.flyway.user). Not a superuser.
--   app       the console itself (spring.datasource.username). Not a superuser, cannot create databases. CREATEROLE:
--             it creates, grants and drops the tenants' NOLOGIN roles. CREATE on this database: it creates the tenant
--             schemas, which it owns. On the console's schema it gets what migration V13_1 grants: read and write of
--             the console's tables, only INSERT and SELECT of the audit log.
--   platform  the platform's login role: NOINHERIT, so it reaches a tenant's tables only after SET ROLE to that
--             tenant's role, of which the console makes it a member while the tenant is ACTIVE.
DO
$$
DECLARE
    db                TEXT := current_database();
    owner_user        TEXT := current_setting('concierge.owner_user');
    owner_password    TEXT := nullif(current_setting('concierge.owner_password', true), '');
    app_user          TEXT := current_setting('concierge.app_user');
    app_password      TEXT := nullif(current_setting('concierge.app_password', true), '');
    platform_user     TEXT := nullif(current_setting('concierge.platform_user', true), '');
    platform_password TEXT := nullif(current_setting('concierge.platform_password', true), '');
BEGIN
    IF owner_user = app_user THEN
        RAISE EXCEPTION 'the owner and the application user must be two different roles';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_user) THEN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L',
                       owner_user, owner_password);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_user) THEN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB CREATEROLE PASSWORD %L', app_user, app_password);
    END IF;
    IF platform_user IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = platform_user) THEN
        EXECUTE format('CREATE ROLE %I LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L',
                       platform_user, platform_password);
    END IF;

    EXECUTE format('ALTER DATABASE %I OWNER TO %I', db, owner_user);
    -- Nobody else connects; the app may create schemas (the tenants'), and temporary tables as anyone may.
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', db);
    EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO %I', db, app_user);
    IF platform_user IS NOT NULL THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', db, platform_user);
    END IF;
    -- PostgreSQL 15 does this by default; 14 (the embedded server) still lets everyone create in public.
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$$;
