-- The work plan's status, computed from the data (repeatable; after R__6, whose mujun_versioned_table it uses).

-- Tasks: versioned with history, withdrawn (active = false) rather than deleted.
SELECT mujun_versioned_table('plan_task', 'mujun_versioned_row', NULL, 'Work-plan tasks are never deleted: withdraw them instead.');
DROP FUNCTION IF EXISTS plan_task_before_write();

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
SELECT mujun_versioned_table('public_report', 'mujun_versioned_row', NULL, 'Public reports are never deleted: withdraw them instead.');
DROP FUNCTION IF EXISTS public_report_before_write();

-- Entered cluster figures: versioned with history.
SELECT mujun_versioned_table('cluster_figure', 'mujun_versioned_row', NULL, 'Cluster figures are never deleted: enter the corrected value instead.');
DROP FUNCTION IF EXISTS cluster_figure_before_write();

-- The cluster-level indicators of year yr for the given clusters: computed from the enterprises' figures, the register,
-- the disposal plans and the standard land (source 'computed'), and the entered ones with their source.
CREATE OR REPLACE FUNCTION cluster_indicator_values(yr integer, clusters integer[])
RETURNS TABLE (cluster_id integer, code text, value numeric, source text) LANGUAGE sql STABLE AS $$
  WITH held AS (SELECT q.holder_id, sum(q.area_mu) mu FROM parcel q WHERE q.status = 'current' AND q.holder_id IS NOT NULL GROUP BY q.holder_id),
  f AS (SELECT e.cluster_id, i.year, sum(i.tax_wan) tax, sum(i.value_added_wan) va, sum(i.energy_tce) energy, sum(i.revenue_wan) revenue,
               sum(COALESCE(h.mu, 0) + COALESCE(i.rented_area_m2, 0)::float8 * 15 / 10000) land
        FROM enterprise e JOIN enterprise_indicator i ON i.enterprise_id = e.id AND i.year IN (yr, yr - 1) LEFT JOIN held h ON h.holder_id = e.id
        WHERE e.cluster_id = ANY(clusters) GROUP BY e.cluster_id, i.year),
  cur AS (SELECT * FROM f WHERE f.year = yr), prev AS (SELECT * FROM f WHERE f.year = yr - 1),
  disposed AS (SELECT t.cluster_id, sum(d.revived_mu) mu FROM disposal_plan d JOIN low_eff_tag t ON t.id = d.tag_id
               WHERE d.status = 'done' AND extract(year FROM d.completed_on) = yr AND t.cluster_id = ANY(clusters) GROUP BY t.cluster_id),
  tagged AS (SELECT t.cluster_id, sum(t.area_mu) mu FROM low_eff_tag t WHERE t.status = 'active' AND t.cluster_id = ANY(clusters) GROUP BY t.cluster_id),
  supplied AS (SELECT p.cluster_id, sum(p.area_mu) mu FROM parcel p JOIN land_use_code lu ON lu.scheme = p.land_use_scheme AND lu.code = p.land_use_code
               WHERE p.status = 'current' AND lu.industrial AND extract(year FROM p.supply_date) = yr AND p.cluster_id = ANY(clusters) GROUP BY p.cluster_id),
  standard AS (SELECT s.cluster_id, sum(s.area_mu) mu FROM standard_land s WHERE s.status IN ('transferred', 'construction', 'accepted', 'failed', 'supervision')
               AND extract(year FROM s.contract_date) = yr AND s.cluster_id = ANY(clusters) GROUP BY s.cluster_id),
  k AS (SELECT id FROM cluster WHERE id = ANY(clusters) AND status = 'active'),
  computed AS (
    SELECT k.id, x.code, x.value::numeric
    FROM k LEFT JOIN cur c ON c.cluster_id = k.id LEFT JOIN prev p ON p.cluster_id = k.id LEFT JOIN disposed dp ON dp.cluster_id = k.id
      LEFT JOIN tagged tg ON tg.cluster_id = k.id LEFT JOIN supplied su ON su.cluster_id = k.id LEFT JOIN standard st ON st.cluster_id = k.id
    CROSS JOIN LATERAL (VALUES
      ('tax_per_mu', round((c.tax / NULLIF(c.land, 0))::numeric, 4)),
      ('va_per_mu', round((c.va / NULLIF(c.land, 0))::numeric, 4)),
      ('energy_intensity_change_pct', round((((c.energy / NULLIF(c.va, 0)) / NULLIF(p.energy / NULLIF(p.va, 0), 0) - 1) * 100)::numeric, 4)),
      ('va_growth_pct', round(((c.va / NULLIF(p.va, 0) - 1) * 100)::numeric, 4)),
      ('revenue_total_yi', round((c.revenue / 10000)::numeric, 4)),
      ('low_eff_disposed_mu', round(COALESCE(dp.mu, 0)::numeric, 4)),
      ('low_eff_disposed_share_pct', round((COALESCE(dp.mu, 0) * 100 / NULLIF(COALESCE(tg.mu, 0) + COALESCE(dp.mu, 0), 0))::numeric, 4)),
      ('standard_land_share_pct', round((COALESCE(st.mu, 0) * 100 / NULLIF(su.mu, 0))::numeric, 4))) x(code, value)
  )
  SELECT c.id, c.code, c.value, 'computed' FROM computed c
  UNION ALL
  SELECT f.cluster_id, f.indicator, f.value, f.source FROM cluster_figure f WHERE f.year = yr AND f.cluster_id = ANY(clusters)
$$;

-- A published assessment never changes: its results are frozen, the run may only become superseded; nothing is deleted.
CREATE OR REPLACE FUNCTION cluster_assessment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE st text;
BEGIN
  IF TG_TABLE_NAME = 'cluster_assessment_run' THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Assessment runs are never deleted.', DETAIL = '{}';
    END IF;
    IF OLD.status IN ('published', 'superseded') AND NOT (OLD.status = 'published' AND NEW.status = 'superseded') THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = format('Assessment run %s is published and never changes.', OLD.id), DETAIL = '{}';
    END IF;
    RETURN NEW;
  END IF;
  SELECT status INTO st FROM cluster_assessment_run WHERE id = COALESCE(OLD.run_id, NEW.run_id);
  IF st IN ('published', 'superseded') THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = 'The results of a published assessment never change.', DETAIL = '{}';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
DROP TRIGGER IF EXISTS cluster_assessment_run_guard ON cluster_assessment_run;
CREATE TRIGGER cluster_assessment_run_guard BEFORE UPDATE OR DELETE ON cluster_assessment_run FOR EACH ROW EXECUTE FUNCTION cluster_assessment_guard();
DROP TRIGGER IF EXISTS cluster_assessment_result_guard ON cluster_assessment_result;
CREATE TRIGGER cluster_assessment_result_guard BEFORE INSERT OR UPDATE OR DELETE ON cluster_assessment_result FOR EACH ROW EXECUTE FUNCTION cluster_assessment_guard();
