-- The views that a load's DROP TABLE ... CASCADE would drop with the tables it replaces: every view (or
-- materialized view) that reads one of them, directly or through other views, but Phlogiston's own, which the
-- load makes again from R__published_views.sql. For each, what it takes to make it again as it was (definition,
-- options, owner, grants, comment), in an order in which that works: each after the views it reads.
-- Parameters: the names of the replaced tables (schema public); the names of Phlogiston's own views.
WITH RECURSIVE dependent (oid, depth) AS (
    SELECT r.ev_class, 1
      FROM pg_depend d
      JOIN pg_rewrite r ON r.oid = d.objid
     WHERE d.classid = 'pg_rewrite'::regclass
       AND d.refclassid = 'pg_class'::regclass
       AND d.refobjid IN (SELECT c.oid FROM pg_class c
                           WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY (?::text[]))
    UNION
    SELECT r.ev_class, dependent.depth + 1
      FROM dependent
      JOIN pg_depend d ON d.refobjid = dependent.oid AND d.refclassid = 'pg_class'::regclass
                      AND d.classid = 'pg_rewrite'::regclass
      JOIN pg_rewrite r ON r.oid = d.objid
     WHERE r.ev_class <> dependent.oid   -- a view's own rule depends on the view
),
deepest AS (
    SELECT oid, max(depth) AS depth FROM dependent GROUP BY oid
)
SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       regexp_replace(pg_get_viewdef(c.oid), ';\s*$', '') AS definition,
       array_to_string(c.reloptions, ', ') AS options,
       nullif(pg_get_userbyid(c.relowner), current_user::text) AS owner,   -- null: the load's own user
       obj_description(c.oid, 'pg_class') AS comment,
       ARRAY(SELECT format('GRANT %s ON %I.%I TO %s%s', a.privilege_type, n.nspname, c.relname,
                           CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                           CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
               FROM aclexplode(c.relacl) a
              WHERE a.grantee <> c.relowner) AS grants
  FROM deepest
  JOIN pg_class c ON c.oid = deepest.oid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('v', 'm')
   AND NOT (n.nspname = 'public' AND c.relname = ANY (?::text[]))
 ORDER BY deepest.depth, n.nspname, c.relname;
