-- Copies a template schema into a new tenant schema inside the caller's transaction (so a failure leaves
-- nothing behind). It keeps what a naive CREATE TABLE ... (LIKE ... INCLUDING ALL) loses: the names of keys and
-- indexes, the foreign keys, sequence positions, seed rows and Liquibase's tracking rows, so later changesets
-- apply to the copy exactly as to a schema Liquibase built. Indexes and CHECK constraints are copied by LIKE
-- (which copies their parsed form; re-creating them from pg_get_indexdef() text re-parses predicates such as
-- "status IN (...)" into a different, if equivalent, form) and then renamed back to the template's names.
-- Objects it does not copy (views, functions, triggers, types) show up as differences in the fingerprint below,
-- so a copy missing them is never activated. search_path is pinned so that pg_get_*def() qualify every object of
-- the template with its schema name, which is then swapped for the target's.
CREATE FUNCTION clone_schema(source_schema TEXT, target_schema TEXT) RETURNS VOID
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    src   OID;
    dst   OID;
    s     TEXT := quote_ident(source_schema) || '.';
    d     TEXT := quote_ident(target_schema) || '.';
    r     RECORD;
    tabs  TEXT[];
    gens  TEXT[];
    origs TEXT[];
    owned BOOLEAN[];
BEGIN
    SELECT oid INTO src FROM pg_namespace WHERE nspname = source_schema;
    IF src IS NULL THEN
        RAISE EXCEPTION 'template schema % does not exist', source_schema;
    END IF;
    EXECUTE format('CREATE SCHEMA %I', target_schema);
    SELECT oid INTO dst FROM pg_namespace WHERE nspname = target_schema;

    -- Sequences that are not identity columns' own (those come with the columns).
    FOR r IN SELECT c.relname, format_type(q.seqtypid, NULL) AS typ, q.*
               FROM pg_class c JOIN pg_sequence q ON q.seqrelid = c.oid
              WHERE c.relnamespace = src AND c.relkind = 'S'
                AND NOT EXISTS (SELECT 1 FROM pg_depend p WHERE p.objid = c.oid AND p.deptype = 'i')
    LOOP
        EXECUTE format('CREATE SEQUENCE %I.%I AS %s INCREMENT %s MINVALUE %s MAXVALUE %s START %s CACHE %s %s',
                       target_schema, r.relname, r.typ, r.seqincrement, r.seqmin, r.seqmax, r.seqstart,
                       r.seqcache, CASE WHEN r.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END);
    END LOOP;

    -- Columns with types, NOT NULL, defaults, identity, generated columns, CHECK constraints (names kept),
    -- indexes, primary keys and unique constraints (names generated; renamed below).
    FOR r IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = src AND c.relkind = 'r' LOOP
        EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING ALL)', target_schema, r.relname, source_schema,
                       r.relname);
    END LOOP;

    -- Give every copied index (and the key or unique constraint it backs) the template's name. Pairs are found
    -- by table and definition without the name. Names that are someone else's wanted name move aside first.
    SELECT array_agg(t.tab), array_agg(t.name), array_agg(o.name), array_agg(o.owned)
      INTO tabs, gens, origs, owned
      FROM (SELECT c.relname AS tab, x.relname AS name,
                   EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                                                       AND k.contype IN ('p', 'u', 'x')) AS owned,
                   i.indisprimary || ' ' || i.indisunique || ' ' ||
                   replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'), s, '') AS def,
                   row_number() OVER (PARTITION BY c.relname, i.indisprimary, i.indisunique,
                       replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'), s, '')
                       ORDER BY x.relname) AS n
              FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
             WHERE c.relnamespace = src) o
      JOIN (SELECT c.relname AS tab, x.relname AS name,
                   i.indisprimary || ' ' || i.indisunique || ' ' ||
                   replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'), d, '') AS def,
                   row_number() OVER (PARTITION BY c.relname, i.indisprimary, i.indisunique,
                       replace(substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'), d, '')
                       ORDER BY x.oid) AS n
              FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
             WHERE c.relnamespace = dst) t
        ON t.tab = o.tab AND t.def = o.def AND t.n = o.n
     WHERE t.name <> o.name;
    FOR i IN 1 .. coalesce(array_length(gens, 1), 0) LOOP
        IF gens[i] = ANY (origs) THEN
            PERFORM "${flyway:defaultSchema}".clone_schema_rename(target_schema, tabs[i], gens[i], 'clone_' || i, owned[i]);
            gens[i] := 'clone_' || i;
        END IF;
    END LOOP;
    FOR i IN 1 .. coalesce(array_length(gens, 1), 0) LOOP
        PERFORM "${flyway:defaultSchema}".clone_schema_rename(target_schema, tabs[i], gens[i], origs[i], owned[i]);
    END LOOP;

    -- A default that names a template object (nextval of a template sequence) must name the copy's instead.
    FOR r IN SELECT c.relname, a.attname, pg_get_expr(ad.adbin, ad.adrelid) AS expr
               FROM pg_attrdef ad
               JOIN pg_class c ON c.oid = ad.adrelid
               JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
              WHERE c.relnamespace = src AND c.relkind = 'r' AND a.attgenerated = ''
                AND strpos(pg_get_expr(ad.adbin, ad.adrelid), s) > 0
    LOOP
        EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s',
                       target_schema, r.relname, r.attname, replace(r.expr, s, d));
    END LOOP;

    -- Seed rows and the changelog history.
    FOR r IN SELECT c.relname,
                    string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS cols
               FROM pg_class c
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                   AND a.attgenerated = ''
              WHERE c.relnamespace = src AND c.relkind = 'r'
              GROUP BY c.relname
    LOOP
        EXECUTE format('INSERT INTO %I.%I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %I.%I',
                       target_schema, r.relname, r.cols, r.cols, source_schema, r.relname);
    END LOOP;

    -- Foreign keys, which LIKE never copies, after the rows they check.
    FOR r IN SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) AS def
               FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
              WHERE c.relnamespace = src AND k.contype = 'f'
    LOOP
        EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', target_schema, r.relname, r.conname,
                       replace(r.def, s, d));
    END LOOP;

    -- Sequence positions (seed rows may have used some) and ownership of non-identity sequences.
    FOR r IN SELECT sequencename, last_value FROM pg_sequences
              WHERE schemaname = source_schema AND last_value IS NOT NULL
    LOOP
        PERFORM setval(d || quote_ident(r.sequencename), r.last_value, true);
    END LOOP;
    FOR r IN SELECT q.relname AS seq, t.relname AS tab, a.attname AS col
               FROM pg_depend p
               JOIN pg_class q ON q.oid = p.objid AND q.relkind = 'S'
               JOIN pg_class t ON t.oid = p.refobjid
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = p.refobjsubid
              WHERE q.relnamespace = src AND p.deptype = 'a'
    LOOP
        EXECUTE format('ALTER SEQUENCE %I.%I OWNED BY %I.%I.%I', target_schema, r.seq, target_schema, r.tab, r.col);
    END LOOP;
END;
$$;

-- Renames an index, through its constraint when it backs one (renaming the constraint renames the index).
CREATE FUNCTION clone_schema_rename(target_schema TEXT, tab TEXT, from_name TEXT, to_name TEXT,
                                    owned BOOLEAN) RETURNS VOID
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF owned THEN
        EXECUTE format('ALTER TABLE %I.%I RENAME CONSTRAINT %I TO %I', target_schema, tab, from_name, to_name);
    ELSE
        EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', target_schema, from_name, to_name);
    END IF;
END;
$$;

-- The structure of a schema as sorted text lines with the schema's own name taken out, so two schemas built
-- the same way (a Liquibase run, a copy, an upgrade) give equal lines. Includes the applied changesets, which
-- catches a schema that Liquibase skipped.
CREATE FUNCTION schema_fingerprint(target_schema TEXT) RETURNS SETOF TEXT
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ns   OID;
    rels OID[];
    q    TEXT := quote_ident(target_schema) || '.';
BEGIN
    SELECT oid INTO ns FROM pg_namespace WHERE nspname = target_schema;
    IF ns IS NULL THEN
        RETURN;
    END IF;
    -- pg_class has no index on the namespace alone: scan it once, then reach everything else by oid through
    -- the catalogs' indexes (with a thousand tenant schemas the catalog holds tens of thousands of relations)
    SELECT coalesce(array_agg(oid), '{}') INTO rels FROM pg_class WHERE relnamespace = ns;
    RETURN QUERY
    SELECT line FROM (
        SELECT format('relation %s kind=%s', c.relname, c.relkind) AS line
          FROM pg_class c WHERE c.oid = ANY (rels) AND c.relkind NOT IN ('i', 'I', 'S')
        UNION ALL
        SELECT format('column %s.%s #%s %s %s default=%s identity=%s generated=%s', c.relname, a.attname,
                      row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                      format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END,
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
          FROM pg_proc p WHERE p.pronamespace = ns
        UNION ALL
        SELECT format('trigger %s.%s', c.relname, t.tgname)
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE t.tgrelid = ANY (rels) AND NOT t.tgisinternal
        UNION ALL
        SELECT format('type %s %s', t.typname, t.typtype)
          FROM pg_type t
         WHERE t.typnamespace = ns AND t.typtype IN ('e', 'd', 'r', 'm')
    ) structure
    ORDER BY line;
    IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 'databasechangelog' AND relnamespace = ns) THEN
        RETURN QUERY EXECUTE format(
            'SELECT ''changeset '' || id || '' by '' || author || '' in '' || filename || '' '' || md5sum '
            'FROM %I.databasechangelog ORDER BY 1', target_schema);
    END IF;
END;
$$;
