-- The primary keys, unique constraints and indexes of the live load tables, as statements that give the
-- staged copies the same ones. Created after the COPY, which is faster than maintaining them row by row.
-- Parameter: the names of the tables.
SELECT format('ALTER TABLE load_staging.%I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
  FROM pg_constraint c
  JOIN pg_class t ON t.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = 'public' AND t.relname = ANY (?) AND c.contype IN ('p', 'u')
UNION ALL
SELECT replace(i.indexdef, ' ON public.', ' ON load_staging.')
  FROM pg_indexes i
 WHERE i.schemaname = 'public' AND i.tablename = ANY (?)
   AND NOT EXISTS (SELECT FROM pg_constraint c
                    WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass);
