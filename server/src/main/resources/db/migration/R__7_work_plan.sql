-- The work plan's status, computed from the data (repeatable; after R__6, whose mujun_versioned_table it uses).

-- Tasks: versioned with history, withdrawn (active = false) rather than deleted.
CREATE OR REPLACE FUNCTION plan_task_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Work-plan tasks are never deleted: withdraw them instead.', DETAIL = '{}';
  END IF;
  NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE 1 END;
  NEW.changed_by := mujun_actor();
  NEW.changed_at := now();
  RETURN NEW;
END $$;
SELECT mujun_versioned_table('plan_task', 'plan_task_before_write');

-- The status of each task of year yr as of the end of day as_of, per cluster of the given clusters (city-level tasks:
-- one row per city with cluster_id NULL). status: done (by the deadline), late (done after it), overdue (not done and
-- the deadline passed), open (not done, still in time). done_at: when the data shows it done; progress: a fraction
-- for the tasks that have one (disposal plans), with its count in detail.
CREATE OR REPLACE FUNCTION plan_status(yr integer, as_of date, clusters integer[])
RETURNS TABLE (task_id integer, kind text, city_code char(6), cluster_id integer, due_on date, done_at timestamptz, status text, detail jsonb)
LANGUAGE sql STABLE AS $$
  WITH lim AS (SELECT (as_of + 1)::timestamptz AS t_end),
  k AS (SELECT c.id, c.city_code FROM cluster c WHERE c.id = ANY(clusters) AND c.status = 'active'),
  cities AS (SELECT DISTINCT k.city_code FROM k),
  -- A city's own task replaces the general one of the same kind and year.
  task AS (
    SELECT DISTINCT ON (ci.city_code, t.kind) t.id, t.kind, ci.city_code, t.due_on, tk.measure, tk.per_cluster
    FROM cities ci JOIN plan_task t ON t.year = yr AND t.active AND (t.city_code = ci.city_code OR t.city_code IS NULL)
    JOIN plan_task_kind tk ON tk.code = t.kind
    ORDER BY ci.city_code, t.kind, t.city_code NULLS LAST
  ),
  per_cluster AS (
    SELECT t.id, t.kind, t.city_code, k.id AS cluster_id, t.due_on, m.done_at, m.detail
    FROM task t JOIN k ON k.city_code = t.city_code CROSS JOIN lim
    CROSS JOIN LATERAL (
      SELECT CASE t.measure
        -- The first publication of a run of the previous year's figures covering the cluster (a correction keeps it).
        WHEN 'evaluation_published' THEN (SELECT min(r.published_at) FROM evaluation_run r
          WHERE r.status IN ('published', 'superseded') AND r.year = yr - 1 AND k.id = ANY(r.clusters) AND r.published_at < lim.t_end)
        -- Surveyed this year (a tag surveyed or a rules run this year) and no proposal of the year still open.
        WHEN 'low_eff_surveyed' THEN (SELECT CASE WHEN s.evidence IS NOT NULL AND s.open = 0 THEN greatest(s.evidence, s.decided) END
          FROM (SELECT greatest((SELECT max(g.survey_date)::timestamptz FROM low_eff_tag g WHERE g.cluster_id = k.id
                                   AND g.survey_date BETWEEN make_date(yr, 1, 1) AND as_of AND g.created_at < lim.t_end),
                                (SELECT max(p.created_at) FROM low_eff_proposal p WHERE p.cluster_id = k.id
                                   AND extract(year FROM p.as_of) = yr AND p.created_at < lim.t_end)) AS evidence,
                       (SELECT max(p.decided_at) FROM low_eff_proposal p WHERE p.cluster_id = k.id AND extract(year FROM p.as_of) = yr
                          AND p.decided_at < lim.t_end) AS decided,
                       (SELECT count(*) FROM low_eff_proposal p WHERE p.cluster_id = k.id AND extract(year FROM p.as_of) = yr
                          AND p.created_at < lim.t_end AND (p.decided_at IS NULL OR p.decided_at >= lim.t_end)) AS open) s)
        -- Every active tag has a plan (the plan's first version's time); a cluster without tags has nothing to plan.
        WHEN 'disposal_planned' THEN (SELECT CASE WHEN count(*) = 0 THEN make_date(yr, 1, 1)::timestamptz
                                                  WHEN count(*) = count(pl.made) THEN max(pl.made) END
          FROM low_eff_tag g LEFT JOIN LATERAL (SELECT min(h.changed_at) AS made FROM disposal_plan d JOIN change_history h
              ON h.entity = 'disposal_plan' AND h.entity_id = d.id::text AND h.version = 1
            WHERE d.tag_id = g.id AND d.status <> 'cancelled' AND h.changed_at < lim.t_end) pl ON true
          WHERE g.cluster_id = k.id AND g.status = 'active' AND g.created_at < lim.t_end)
        END AS done_at,
        CASE WHEN t.measure = 'disposal_planned' THEN (SELECT jsonb_build_object('tags', count(*), 'planned', count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM disposal_plan d JOIN change_history h ON h.entity = 'disposal_plan' AND h.entity_id = d.id::text AND h.version = 1
            WHERE d.tag_id = g.id AND d.status <> 'cancelled' AND h.changed_at < lim.t_end)))
          FROM low_eff_tag g WHERE g.cluster_id = k.id AND g.status = 'active' AND g.created_at < lim.t_end) END AS detail
    ) m
    WHERE t.per_cluster
  ),
  per_city AS (
    -- The first standard-land offering of the year announced in one of the city's clusters.
    SELECT t.id, t.kind, t.city_code, NULL::integer AS cluster_id, t.due_on,
           (SELECT min(st.on_date)::timestamptz FROM standard_land o JOIN standard_land_step st ON st.offering_id = o.id AND st.status = 'announced'
             WHERE o.cluster_id IN (SELECT k.id FROM k WHERE k.city_code = t.city_code) AND extract(year FROM st.on_date) = yr
               AND st.on_date <= as_of AND st.recorded_at < lim.t_end) AS done_at,
           (SELECT jsonb_build_object('announced', count(DISTINCT o.id)) FROM standard_land o JOIN standard_land_step st ON st.offering_id = o.id
             AND st.status = 'announced' WHERE o.cluster_id IN (SELECT k.id FROM k WHERE k.city_code = t.city_code)
               AND extract(year FROM st.on_date) = yr AND st.on_date <= as_of AND st.recorded_at < lim.t_end) AS detail
    FROM task t CROSS JOIN lim WHERE NOT t.per_cluster
  )
  SELECT x.id, x.kind, x.city_code, x.cluster_id, x.due_on, x.done_at,
         CASE WHEN x.done_at IS NOT NULL AND x.done_at < (x.due_on + 1)::timestamptz THEN 'done'
              WHEN x.done_at IS NOT NULL THEN 'late'
              WHEN as_of > x.due_on THEN 'overdue'
              ELSE 'open' END,
         x.detail
  FROM (SELECT * FROM per_cluster UNION ALL SELECT * FROM per_city) x
$$;

-- Public reports: versioned with history like the plan's tasks.
CREATE OR REPLACE FUNCTION public_report_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Public reports are never deleted: withdraw them instead.', DETAIL = '{}';
  END IF;
  NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE 1 END;
  NEW.changed_by := mujun_actor();
  NEW.changed_at := now();
  RETURN NEW;
END $$;
SELECT mujun_versioned_table('public_report', 'public_report_before_write');
