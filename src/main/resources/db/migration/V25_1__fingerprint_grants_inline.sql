-- The fingerprint's privilege lines without a function call per relation. schema_fingerprint_grants carried a
-- SET clause, so PostgreSQL could not inline it and ran it as a function of its own for each relation (about a
-- sixth of a fingerprint's cost; a fleet upgrade takes two fingerprints per schema). The same query now stands in
-- line, with the same lines as before: no schema's fingerprint changes.

CREATE OR REPLACE FUNCTION schema_fingerprint(target_schema text, tenant_role text)
 RETURNS SETOF text
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET max_parallel_workers_per_gather TO '0'
AS $function$
DECLARE
    ns    OID;
    owner OID;
    trole OID;
    rels  OID[];
    types OID[];
    procs OID[];
    q     TEXT := quote_ident(target_schema) || '.';
BEGIN
    SELECT oid, nspowner INTO ns, owner FROM pg_namespace WHERE nspname = target_schema;
    IF ns IS NULL THEN
        RETURN;
    END IF;
    SELECT oid INTO trole FROM pg_roles WHERE rolname = tenant_role;
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
        UNION ALL
        -- Ownership and privileges. The schema's owner is named (the console's user, the same for the template and
        -- every tenant); everything else is owned by it or names its owner. Grantees are "owner", "tenant" (the
        -- role given), PUBLIC, or any other role by name: a grant added by hand shows up, and so does a missing one.
        SELECT format('schema owned by %s', pg_get_userbyid(owner))
        UNION ALL
        SELECT format('owner %s %s', c.relname, CASE WHEN c.relowner = owner THEN 'owner'
                                                     ELSE pg_get_userbyid(c.relowner) END)
          FROM pg_class c WHERE c.oid = ANY (rels) AND c.relkind NOT IN ('i', 'I')
        UNION ALL
        SELECT format('grant on schema to %s: %s', g.grantee, g.privileges)
          FROM LATERAL (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = owner THEN 'owner'
                WHEN a.grantee = trole THEN 'tenant' ELSE pg_get_userbyid(a.grantee) END AS grantee,
           string_agg(a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ', '
                      ORDER BY a.privilege_type) AS privileges
      FROM aclexplode((SELECT coalesce(nspacl, acldefault('n', nspowner)) FROM pg_namespace WHERE oid = ns)) a GROUP BY 1) g
        UNION ALL
        SELECT format('grant on %s to %s: %s', c.relname, g.grantee, g.privileges)
          FROM pg_class c, LATERAL (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = owner THEN 'owner'
                WHEN a.grantee = trole THEN 'tenant' ELSE pg_get_userbyid(a.grantee) END AS grantee,
           string_agg(a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ', '
                      ORDER BY a.privilege_type) AS privileges
      FROM aclexplode(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) a GROUP BY 1) g
         WHERE c.oid = ANY (rels) AND c.relkind NOT IN ('i', 'I')
        UNION ALL
        SELECT format('default grant on %s created by %s to %s: %s', d.defaclobjtype,
                      CASE WHEN d.defaclrole = owner THEN 'owner' ELSE pg_get_userbyid(d.defaclrole) END,
                      g.grantee, g.privileges)
          FROM pg_default_acl d, LATERAL (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = owner THEN 'owner'
                WHEN a.grantee = trole THEN 'tenant' ELSE pg_get_userbyid(a.grantee) END AS grantee,
           string_agg(a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ', '
                      ORDER BY a.privilege_type) AS privileges
      FROM aclexplode(d.defaclacl) a GROUP BY 1) g
         WHERE d.defaclnamespace = ns
    ) structure
    ORDER BY line;
    IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 'databasechangelog' AND relnamespace = ns) THEN
        RETURN QUERY EXECUTE format(
            'SELECT ''changeset '' || id || '' by '' || author || '' in '' || filename || '' '' || md5sum '
            'FROM %I.databasechangelog ORDER BY 1', target_schema);
    END IF;
END;
$function$;

DROP FUNCTION schema_fingerprint_grants(ACLITEM[], OID, OID);
