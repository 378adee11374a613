-- Copies a template schema into a new tenant schema inside the caller's transaction (so a failure leaves
-- nothing behind). Unlike CREATE TABLE ... (LIKE ... INCLUDING ALL), it keeps the names of keys and indexes,
-- the foreign keys, sequence positions, seed rows and Liquibase's tracking rows, so later changesets apply to
-- the copy exactly as to a schema Liquibase built. Objects it does not copy (views, functions, triggers,
-- types) show up as differences in the fingerprint below, so a copy missing them is never activated.
-- search_path is pinned so that pg_get_*def() qualify every object of the template with its schema name, which
-- is then swapped for the target's.
CREATE FUNCTION clone_schema(source_schema TEXT, target_schema TEXT) RETURNS VOID
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    src  OID;
    s    TEXT := quote_ident(source_schema) || '.';
    d    TEXT := quote_ident(target_schema) || '.';
    r    RECORD;
BEGIN
    SELECT oid INTO src FROM pg_namespace WHERE nspname = source_schema;
    IF src IS NULL THEN
        RAISE EXCEPTION 'template schema % does not exist', source_schema;
    END IF;
    EXECUTE format('CREATE SCHEMA %I', target_schema);

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

    -- Columns with types, NOT NULL, defaults, identity, generated columns and CHECK constraints (LIKE keeps
    -- check constraint names; it renames only indexes and keys, which are added below).
    FOR r IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = src AND c.relkind = 'r' LOOP
        EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED '
                       'INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)',
                       target_schema, r.relname, source_schema, r.relname);
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

    -- Seed rows and the changelog history, before indexes and keys exist (cheaper to load).
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

    -- Primary keys, unique and exclusion constraints, by their own names.
    FOR r IN SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) AS def
               FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
              WHERE c.relnamespace = src AND k.contype IN ('p', 'u', 'x')
              ORDER BY k.contype
    LOOP
        EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', target_schema, r.relname, r.conname,
                       replace(r.def, s, d));
    END LOOP;

    -- Indexes that no constraint owns, with their names, expressions and predicates.
    FOR r IN SELECT pg_get_indexdef(i.indexrelid) AS def
               FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
              WHERE c.relnamespace = src AND c.relkind = 'r'
                AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                 WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                                   AND k.contype IN ('p', 'u', 'x'))
    LOOP
        EXECUTE replace(r.def, ' ON ' || s, ' ON ' || d);
    END LOOP;

    -- Foreign keys last: they need the referenced keys.
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
        EXECUTE format('SELECT setval(%L, %s, true)', d || quote_ident(r.sequencename), r.last_value);
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

-- The structure of a schema as sorted text lines with the schema's own name taken out, so two schemas built
-- the same way (a Liquibase run, a copy, an upgrade) give equal lines. Includes the applied changesets, which
-- catches a schema that Liquibase skipped.
CREATE FUNCTION schema_fingerprint(target_schema TEXT) RETURNS SETOF TEXT
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ns OID;
    q  TEXT := quote_ident(target_schema) || '.';
BEGIN
    SELECT oid INTO ns FROM pg_namespace WHERE nspname = target_schema;
    IF ns IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
    SELECT line FROM (
        SELECT format('relation %s kind=%s', c.relname, c.relkind) AS line
          FROM pg_class c WHERE c.relnamespace = ns AND c.relkind NOT IN ('i', 'I', 'S')
        UNION ALL
        SELECT format('column %s.%s #%s %s %s default=%s identity=%s generated=%s', c.relname, a.attname,
                      row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                      format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END,
                      coalesce(replace(pg_get_expr(ad.adbin, ad.adrelid), q, ''), '-'),
                      nullif(a.attidentity, ''), nullif(a.attgenerated, ''))
          FROM pg_class c
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
         WHERE c.relnamespace = ns AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        UNION ALL
        SELECT format('constraint %s.%s %s', c.relname, k.conname, replace(pg_get_constraintdef(k.oid), q, ''))
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
         WHERE c.relnamespace = ns
        UNION ALL
        SELECT format('index %s', replace(pg_get_indexdef(i.indexrelid), q, ''))
          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relnamespace = ns
        UNION ALL
        SELECT format('sequence %s %s increment=%s min=%s max=%s start=%s cache=%s cycle=%s',
                      c.relname, format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart,
                      s.seqcache, s.seqcycle)
          FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
         WHERE c.relnamespace = ns
        UNION ALL
        SELECT format('view %s %s', c.relname, replace(pg_get_viewdef(c.oid), q, ''))
          FROM pg_class c WHERE c.relnamespace = ns AND c.relkind IN ('v', 'm')
        UNION ALL
        SELECT format('function %s(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
          FROM pg_proc p WHERE p.pronamespace = ns
        UNION ALL
        SELECT format('trigger %s.%s', c.relname, t.tgname)
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE c.relnamespace = ns AND NOT t.tgisinternal
        UNION ALL
        SELECT format('type %s %s', t.typname, t.typtype)
          FROM pg_type t
         WHERE t.typnamespace = ns AND t.typtype IN ('e', 'd', 'r', 'm')
    ) structure
    ORDER BY line;
    IF EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = ns AND relname = 'databasechangelog') THEN
        RETURN QUERY EXECUTE format(
            'SELECT ''changeset '' || id || '' by '' || author || '' in '' || filename || '' '' || md5sum '
            'FROM %I.databasechangelog ORDER BY 1', target_schema);
    END IF;
END;
$$;
