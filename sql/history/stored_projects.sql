-- The projects the scope's stored rules name, in rule order (and in each rule in the order of its ids), each once:
-- the projects the scope's history was built with, as ScopeResolver lists them. Parameter: the scope.
SELECT id
  FROM (SELECT DISTINCT ON (p.id) p.id, c.sort_order, p.place
          FROM category c
         CROSS JOIN unnest(c.project_id_list) WITH ORDINALITY AS p(id, place)
         WHERE c.scope = ?
         ORDER BY p.id, c.sort_order, p.place) first_use
 ORDER BY sort_order, place;
