-- Provisioning copied the template with clone_schema(), which looked up the template's structure in the catalog on
-- every copy: some ten scans of pg_class, which has no index on the namespace and holds tens of thousands of rows
-- once there are a thousand tenants. The template only changes when it is rebuilt, so the copy is now planned once
-- per template: clone_schema_script() copies the template into a scratch schema exactly as clone_schema() did and
-- returns the statements it executed, with the target schema written as the placeholder {{target}}. The console
-- keeps that script with the template and replays it (placeholder replaced by the quoted tenant schema) for each new
-- tenant in one transaction and one round trip. The scratch copy is made inside the caller's transaction, which
-- rolls it back. Index and key names that CREATE TABLE ... LIKE generates depend only on the tables copied before,
-- so the renames computed for the scratch copy hold for every replay; the structural fingerprint of each copy is
-- compared with the template's all the same before a tenant is activated.
DROP FUNCTION clone_schema(TEXT, TEXT);

CREATE FUNCTION clone_schema_script(source_schema TEXT, scratch_schema TEXT) RETURNS SETOF TEXT
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t     CONSTANT TEXT := '{{target}}';
    src   OID;
    dst   OID;
    s     TEXT := quote_ident(source_schema) || '.';
    r     RECORD;
    stmt  TEXT;
    tabs  TEXT[];
    gens  TEXT[];
    origs TEXT[];
    owned BOOLEAN[];
BEGIN
    SELECT oid INTO src FROM pg_namespace WHERE nspname = source_schema;
    IF src IS NULL THEN
        RAISE EXCEPTION 'template schema % does not exist', source_schema;
    END IF;

    stmt := format('CREATE SCHEMA %s', t);
    EXECUTE replace(stmt, t, quote_ident(scratch_schema));
    RETURN NEXT stmt;
    SELECT oid INTO dst FROM pg_namespace WHERE nspname = scratch_schema;

    -- Sequences that are not identity columns' own (those come with the columns).
    FOR r IN SELECT c.relname, format_type(q.seqtypid, NULL) AS typ, q.*
               FROM pg_class c JOIN pg_sequence q ON q.seqrelid = c.oid
              WHERE c.relnamespace = src AND c.relkind = 'S'
                AND NOT EXISTS (SELECT 1 FROM pg_depend p WHERE p.objid = c.oid AND p.deptype = 'i')
              ORDER BY c.relname
    LOOP
        stmt := format('CREATE SEQUENCE %s.%I AS %s INCREMENT %s MINVALUE %s MAXVALUE %s START %s CACHE %s %s',
                       t, r.relname, r.typ, r.seqincrement, r.seqmin, r.seqmax, r.seqstart, r.seqcache,
                       CASE WHEN r.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END);
        EXECUTE replace(stmt, t, quote_ident(scratch_schema));
        RETURN NEXT stmt;
    END LOOP;

    -- Columns with types, NOT NULL, defaults, identity, generated columns, CHECK constraints (names kept; LIKE copies
    -- their parsed form, where re-creating them from pg_get_constraintdef() text would re-parse "x IN (...)" into a
    -- different, if equivalent, form), indexes, primary keys and unique constraints (names generated; renamed below).
    FOR r IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = src AND c.relkind = 'r' ORDER BY c.relname LOOP
        stmt := format('CREATE TABLE %s.%I (LIKE %I.%I INCLUDING ALL)', t, r.relname, source_schema, r.relname);
        EXECUTE replace(stmt, t, quote_ident(scratch_schema));
        RETURN NEXT stmt;
    END LOOP;

    -- Give every copied index (and the key or unique constraint it backs) the template's name. Pairs are found by
    -- table and definition without the name. Names that are someone else's wanted name move aside first.
    SELECT array_agg(x.tab ORDER BY x.tab, x.name), array_agg(x.name ORDER BY x.tab, x.name),
           array_agg(x.orig ORDER BY x.tab, x.name), array_agg(x.owned ORDER BY x.tab, x.name)
      INTO tabs, gens, origs, owned
      FROM (SELECT t2.tab, t2.name, o.name AS orig, o.owned
              FROM (SELECT c.relname AS tab, x.relname AS name,
                           EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                                      AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) AS owned,
                           i.indisprimary || ' ' || i.indisunique || ' ' ||
                           replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'), s, '') AS def,
                           row_number() OVER (PARTITION BY c.relname, i.indisprimary, i.indisunique,
                               replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'), s, '')
                               ORDER BY x.relname) AS n
                      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
                     WHERE c.relnamespace = src) o
              JOIN (SELECT c.relname AS tab, x.relname AS name,
                           i.indisprimary || ' ' || i.indisunique || ' ' ||
                           replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'),
                                   quote_ident(scratch_schema) || '.', '') AS def,
                           row_number() OVER (PARTITION BY c.relname, i.indisprimary, i.indisunique,
                               replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'),
                                       quote_ident(scratch_schema) || '.', '')
                               ORDER BY x.oid) AS n
                      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
                     WHERE c.relnamespace = dst) t2
                ON t2.tab = o.tab AND t2.def = o.def AND t2.n = o.n
             WHERE t2.name <> o.name) x;
    FOR i IN 1 .. coalesce(array_length(gens, 1), 0) LOOP
        IF gens[i] = ANY (origs) THEN
            RETURN QUERY SELECT "${flyway:defaultSchema}".clone_schema_rename(scratch_schema, tabs[i], gens[i],
                                                                               'clone_' || i, owned[i]);
            gens[i] := 'clone_' || i;
        END IF;
    END LOOP;
    FOR i IN 1 .. coalesce(array_length(gens, 1), 0) LOOP
        RETURN QUERY SELECT "${flyway:defaultSchema}".clone_schema_rename(scratch_schema, tabs[i], gens[i], origs[i],
                                                                           owned[i]);
    END LOOP;

    -- A default that names a template object (nextval of a template sequence) must name the copy's instead.
    FOR r IN SELECT c.relname, a.attname, pg_get_expr(ad.adbin, ad.adrelid) AS expr
               FROM pg_attrdef ad
               JOIN pg_class c ON c.oid = ad.adrelid
               JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
              WHERE c.relnamespace = src AND c.relkind = 'r' AND a.attgenerated = ''
                AND strpos(pg_get_expr(ad.adbin, ad.adrelid), s) > 0
              ORDER BY c.relname, a.attnum
    LOOP
        stmt := format('ALTER TABLE %s.%I ALTER COLUMN %I SET DEFAULT %s', t, r.relname, r.attname,
                       replace(r.expr, s, t || '.'));
        EXECUTE replace(stmt, t, quote_ident(scratch_schema));
        RETURN NEXT stmt;
    END LOOP;

    -- Seed rows and the changelog history (read from the template at each replay, so they are its current rows).
    FOR r IN SELECT c.relname,
                    string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS cols
               FROM pg_class c
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                   AND a.attgenerated = ''
              WHERE c.relnamespace = src AND c.relkind = 'r'
              GROUP BY c.relname
              ORDER BY c.relname
    LOOP
        stmt := format('INSERT INTO %s.%I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %I.%I',
                       t, r.relname, r.cols, r.cols, source_schema, r.relname);
        EXECUTE replace(stmt, t, quote_ident(scratch_schema));
        RETURN NEXT stmt;
    END LOOP;

    -- Foreign keys, which LIKE never copies, after the rows they check.
    FOR r IN SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) AS def
               FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
              WHERE c.relnamespace = src AND k.contype = 'f'
              ORDER BY c.relname, k.conname
    LOOP
        stmt := format('ALTER TABLE %s.%I ADD CONSTRAINT %I %s', t, r.relname, r.conname, replace(r.def, s, t || '.'));
        EXECUTE replace(stmt, t, quote_ident(scratch_schema));
        RETURN NEXT stmt;
    END LOOP;

    -- Sequence positions (seed rows may have used some) and ownership of non-identity sequences.
    FOR r IN SELECT sequencename, last_value FROM pg_sequences
              WHERE schemaname = source_schema AND last_value IS NOT NULL
              ORDER BY sequencename
    LOOP
        stmt := format('SELECT pg_catalog.setval(%L, %s, true)', t || '.' || quote_ident(r.sequencename), r.last_value);
        EXECUTE replace(stmt, t, quote_ident(scratch_schema));
        RETURN NEXT stmt;
    END LOOP;
    FOR r IN SELECT q.relname AS seq, t3.relname AS tab, a.attname AS col
               FROM pg_depend p
               JOIN pg_class q ON q.oid = p.objid AND q.relkind = 'S'
               JOIN pg_class t3 ON t3.oid = p.refobjid
               JOIN pg_attribute a ON a.attrelid = t3.oid AND a.attnum = p.refobjsubid
              WHERE q.relnamespace = src AND p.deptype = 'a'
              ORDER BY q.relname
    LOOP
        stmt := format('ALTER SEQUENCE %s.%I OWNED BY %s.%I.%I', t, r.seq, t, r.tab, r.col);
        EXECUTE replace(stmt, t, quote_ident(scratch_schema));
        RETURN NEXT stmt;
    END LOOP;
END;
$$;

-- Renames an index, through its constraint when it backs one (renaming the constraint renames the index), in the
-- scratch copy; returns the statement with the placeholder for the script.
DROP FUNCTION clone_schema_rename(TEXT, TEXT, TEXT, TEXT, BOOLEAN);

CREATE FUNCTION clone_schema_rename(scratch_schema TEXT, tab TEXT, from_name TEXT, to_name TEXT,
                                    owned BOOLEAN) RETURNS TEXT
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    stmt TEXT;
BEGIN
    IF owned THEN
        stmt := format('ALTER TABLE {{target}}.%I RENAME CONSTRAINT %I TO %I', tab, from_name, to_name);
    ELSE
        stmt := format('ALTER INDEX {{target}}.%I RENAME TO %I', from_name, to_name);
    END IF;
    EXECUTE replace(stmt, '{{target}}', quote_ident(scratch_schema));
    RETURN stmt;
END;
$$;

-- The fingerprint found the schema's relations and types by scanning pg_class and pg_type for the namespace: neither
-- catalog has an index that helps, and with a thousand tenant schemas each holds some 40,000 rows, so every
-- verification cost ~15 ms. Everything a schema holds, except indexes (reached through their tables) and TOAST
-- tables (which live elsewhere), is recorded in pg_depend as depending on the namespace, which is indexed by what
-- is depended on: the same objects, found by index. Column types of the schema's own (a domain, an enum) are named
-- without the schema, like everything else here, so that a tenant's columns compare equal to the template's.
CREATE OR REPLACE FUNCTION schema_fingerprint(target_schema TEXT) RETURNS SETOF TEXT
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    -- starting parallel workers costs more than reading a few dozen catalog rows by index
    SET max_parallel_workers_per_gather = 0
AS $$
DECLARE
    ns    OID;
    rels  OID[];
    types OID[];
    procs OID[];
    q     TEXT := quote_ident(target_schema) || '.';
BEGIN
    SELECT oid INTO ns FROM pg_namespace WHERE nspname = target_schema;
    IF ns IS NULL THEN
        RETURN;
    END IF;
    SELECT coalesce(array_agg(objid) FILTER (WHERE classid = 'pg_class'::regclass), '{}'),
           coalesce(array_agg(objid) FILTER (WHERE classid = 'pg_type'::regclass), '{}'),
           coalesce(array_agg(objid) FILTER (WHERE classid = 'pg_proc'::regclass), '{}')
      INTO rels, types, procs
      FROM pg_depend
     WHERE refclassid = 'pg_namespace'::regclass AND refobjid = ns AND objsubid = 0;
    -- standalone composite types are recorded through their pg_type row; indexes through their table
    rels := rels || ARRAY(SELECT typrelid FROM pg_type WHERE oid = ANY (types) AND typrelid <> 0)
                 || ARRAY(SELECT indexrelid FROM pg_index WHERE indrelid = ANY (rels));
    RETURN QUERY
    SELECT line FROM (
        SELECT format('relation %s kind=%s', c.relname, c.relkind) AS line
          FROM pg_class c WHERE c.oid = ANY (rels) AND c.relkind NOT IN ('i', 'I', 'S')
        UNION ALL
        SELECT format('column %s.%s #%s %s %s default=%s identity=%s generated=%s', c.relname, a.attname,
                      row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                      replace(format_type(a.atttypid, a.atttypmod), q, ''),
                      CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END,
                      coalesce(replace(pg_get_expr(ad.adbin, ad.adrelid), q, ''), '-'),
                      nullif(a.attidentity, ''), nullif(a.attgenerated, ''))
          FROM pg_class c
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
         WHERE c.oid = ANY (rels) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        UNION ALL
        SELECT format('constraint %s.%s %s', c.relname, k.conname, replace(pg_get_constraintdef(k.oid), q, ''))
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
         WHERE k.conrelid = ANY (rels)
        UNION ALL
        SELECT format('index %s', replace(pg_get_indexdef(i.indexrelid), q, ''))
          FROM pg_index i
         WHERE i.indexrelid = ANY (rels)
        UNION ALL
        SELECT format('sequence %s %s increment=%s min=%s max=%s start=%s cache=%s cycle=%s',
                      c.relname, format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart,
                      s.seqcache, s.seqcycle)
          FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
         WHERE s.seqrelid = ANY (rels)
        UNION ALL
        SELECT format('view %s %s', c.relname, replace(pg_get_viewdef(c.oid), q, ''))
          FROM pg_class c WHERE c.oid = ANY (rels) AND c.relkind IN ('v', 'm')
        UNION ALL
        SELECT format('function %s(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
          FROM pg_proc p WHERE p.oid = ANY (procs)
        UNION ALL
        SELECT format('trigger %s.%s', c.relname, t.tgname)
          FROM unnest(rels) AS r(oid)   -- joined, so that the planner looks triggers up by table
          JOIN pg_trigger t ON t.tgrelid = r.oid
          JOIN pg_class c ON c.oid = t.tgrelid
         WHERE NOT t.tgisinternal
        UNION ALL
        SELECT format('type %s %s', t.typname, t.typtype)
          FROM pg_type t
         WHERE t.oid = ANY (types) AND t.typtype IN ('e', 'd', 'r', 'm')
    ) structure
    ORDER BY line;
    IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 'databasechangelog' AND relnamespace = ns) THEN
        RETURN QUERY EXECUTE format(
            'SELECT ''changeset '' || id || '' by '' || author || '' in '' || filename || '' '' || md5sum '
            'FROM %I.databasechangelog ORDER BY 1', target_schema);
    END IF;
END;
$$;
