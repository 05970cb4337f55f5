-- forecast.csv: the velocity table (weeks and projection rows) with each category's display and place, how many
-- weeks old each date is (by the calendar of PostgreSQL's age(), as the original printed it) and the share of the
-- work done. Parameters: :scope, :today.
SELECT v.date,
       EXTRACT(epoch FROM age(CAST(:today AS timestamp), v.date)) / 604800 AS weeks_old,
       v.category, z.display, z.sort_order, v.points_resolved, v.count_resolved,
       v.opt_points_fore, v.nom_points_fore, v.pes_points_fore, v.opt_count_fore, v.nom_count_fore, v.pes_count_fore,
       v.pes_points_date, v.nom_points_date, v.opt_points_date, v.pes_count_date, v.nom_count_date, v.opt_count_date,
       v.pes_points_growviz, v.nom_points_growviz, v.opt_points_growviz,
       v.pes_count_growviz, v.nom_count_growviz, v.opt_count_growviz,
       v.pes_points_velviz, v.nom_points_velviz, v.opt_points_velviz,
       v.pes_count_velviz, v.nom_count_velviz, v.opt_count_velviz,
       CASE WHEN v.points_resolved < v.points_total
            THEN to_char(v.points_resolved::float / nullif(v.points_total, 0) * 100, '99') || '%' END
           AS points_pct_complete,
       CASE WHEN v.count_resolved < v.count_total
            THEN to_char(v.count_resolved::float / nullif(v.count_total, 0) * 100, '99') || '%' END
           AS count_pct_complete
  FROM velocity v
  JOIN report_category z ON z.scope = v.scope AND z.title = v.category
 WHERE v.scope = :scope
 ORDER BY v.date, z.sort_order
