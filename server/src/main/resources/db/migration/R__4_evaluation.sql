-- Functions and triggers of the enterprise evaluation (repeatable; numbered "4_" so that Flyway runs it after the
-- helpers of R__1_register_functions and R__2_standard_land).

-- The value of an indicator for an enterprise's year (figures as JSON, land in 亩); NULL when it cannot be computed
-- (a figure missing, or a zero divisor). Codes are an allow-list: anything else is NULL.
CREATE OR REPLACE FUNCTION mujun_eval_indicator(code text, f jsonb, land double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE code
    WHEN 'tax_per_mu' THEN (f->>'tax_wan')::float8 / NULLIF(land, 0)
    WHEN 'va_per_mu' THEN (f->>'value_added_wan')::float8 / NULLIF(land, 0)
    WHEN 'revenue_per_mu' THEN (f->>'revenue_wan')::float8 / NULLIF(land, 0)
    WHEN 'output_per_mu' THEN (f->>'output_wan')::float8 / NULLIF(land, 0)
    WHEN 'profit_per_mu' THEN (f->>'profit_wan')::float8 / NULLIF(land, 0)
    WHEN 'va_per_energy' THEN (f->>'value_added_wan')::float8 / NULLIF((f->>'energy_tce')::float8, 0)
    WHEN 'output_per_energy' THEN (f->>'output_wan')::float8 / NULLIF((f->>'energy_tce')::float8, 0)
    WHEN 'va_per_emission' THEN (f->>'value_added_wan')::float8 / NULLIF((f->>'emissions_t')::float8, 0)
    WHEN 'tax_per_emission' THEN (f->>'tax_wan')::float8 / NULLIF((f->>'emissions_t')::float8, 0)
    WHEN 'tax_per_electricity' THEN (f->>'tax_wan')::float8 / NULLIF((f->>'electricity_wan_kwh')::float8, 0)
    WHEN 'labour_productivity' THEN (f->>'value_added_wan')::float8 / NULLIF((f->>'employees')::float8, 0)
    WHEN 'rd_intensity' THEN (f->>'rd_wan')::float8 * 100 / NULLIF((f->>'revenue_wan')::float8, 0)
    WHEN 'tax_total' THEN (f->>'tax_wan')::float8
    WHEN 'score' THEN NULL
  END
$$;

-- A count from a share of a group (n × share) by the method's rounding rule: half_up (default), floor or ceil.
CREATE OR REPLACE FUNCTION mujun_round_count(x numeric, rule text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE rule WHEN 'floor' THEN floor(x) WHEN 'ceil' THEN ceil(x) ELSE round(x) END::int
$$;

-- Computes a run's results from its input snapshot and its method version, set-based, in one statement: scope and
-- exclusions, indicator values, group benchmarks, capped weighted scores, bonuses, ranks per cluster and group,
-- the class rule (two-stage, quotas or thresholds) with the step that decided each class, and vetoes.
-- The key a class rule re-ranks by: the score (default), one indicator's value, or a weighted sum of indicators' points
-- ({"tax_per_mu": 1, "rd_intensity": 1}: Anyang's "亩均税收得分 + 研发得分").
CREATE OR REPLACE FUNCTION mujun_rank_key(rank_by jsonb, score numeric, detail json, figures jsonb, land double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN jsonb_typeof(rank_by) = 'object' THEN
      (SELECT COALESCE(sum((x->>'points')::float8 * w.value::float8), 0) FROM json_array_elements(detail) x JOIN jsonb_each_text(rank_by) w ON w.key = x->>'code')
    WHEN rank_by IS NULL OR rank_by #>> '{}' = 'score' THEN score::float8
    ELSE mujun_eval_indicator(rank_by #>> '{}', figures, land) END
$$;

-- How a re-rank key reads in a class step: score, an indicator's code, or "a + b×2 得分之和 (sum of points)".
CREATE OR REPLACE FUNCTION mujun_rank_by_text(rank_by jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(rank_by) = 'object'
    THEN (SELECT string_agg(key || CASE WHEN value::numeric <> 1 THEN '×' || value ELSE '' END, ' + ' ORDER BY key) FROM jsonb_each_text(rank_by)) || ' 得分之和 (sum of points)'
    ELSE COALESCE(rank_by #>> '{}', 'score') END
$$;

CREATE OR REPLACE FUNCTION evaluation_compute(run integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  yr integer;
  n integer;
BEGIN
  SELECT v.definition, r.year INTO d, yr FROM evaluation_run r JOIN evaluation_method_version v ON v.id = r.method_version_id WHERE r.id = run;
  DELETE FROM evaluation_result WHERE run_id = run;
  -- The run's inputs in a temporary table: planned against the shared table, a new run id (absent from its statistics)
  -- is estimated at one row and the joins below degrade into nested loops; a fresh table is estimated from its size.
  DROP TABLE IF EXISTS evaluation_input_run;
  CREATE TEMP TABLE evaluation_input_run ON COMMIT DROP AS SELECT * FROM evaluation_input WHERE run_id = run;
  INSERT INTO evaluation_result (run_id, enterprise_id, cluster_id, group_code, evaluated, exclusion, land_mu, indicators, bonus, score, rank,
                                 group_size, class, class_step, veto)
  WITH grp AS (
    SELECT g.value AS g, g.ord FROM jsonb_array_elements(d->'groups') WITH ORDINALITY g(value, ord)
  ),
  firstgrp AS (
    SELECT DISTINCT ON (grp.g->>'sizeClass') grp.g->>'sizeClass' AS size_class, grp.g FROM grp ORDER BY grp.g->>'sizeClass', grp.ord
  ),
  -- The indicators of every group, read from the method once, typed.
  spec AS (
    SELECT fg.g->>'code' AS gcode, x.ord, x.value AS spec, x.value->>'code' AS code, (x.value->>'weight')::float8 AS weight,
           (x.value->>'cap')::float8 AS cap, COALESCE(x.value->'benchmark'->>'type', 'mean') AS btype,
           (x.value->'benchmark'->>'value')::float8 AS bval, COALESCE(x.value->>'missing', 'zero') AS missing
    FROM firstgrp fg, jsonb_array_elements(fg.g->'indicators') WITH ORDINALITY x(value, ord)
  ),
  base AS (
    SELECT i.enterprise_id, i.cluster_id, i.size_class, i.founded_on, i.figures, i.industry_code, i.above_since,
           i.held_mu + CASE WHEN d->>'landBasis' = 'held' THEN 0 ELSE i.rented_mu END AS land, fg.g
    FROM evaluation_input_run i LEFT JOIN firstgrp fg ON fg.size_class = i.size_class
  ),
  scoped AS (
    SELECT b.*, CASE
      WHEN b.g IS NULL THEN 'no group of the method covers this size class'
      WHEN b.figures IS NULL THEN format('no figures for %s (缺少当年数据)', yr)
      WHEN b.land <= 0 THEN 'no land held or rented (无用地)'
      WHEN b.size_class = 'below' AND b.land < COALESCE((d->'scope'->>'belowMinMu')::float8, 0)
        THEN format('规下企业用地 %s 亩，不足 %s 亩 (below-size with under %s mu)', round(b.land::numeric, 2), d->'scope'->>'belowMinMu', d->'scope'->>'belowMinMu')
      -- The industries a method evaluates: sections (C) or divisions (C13) of 国民经济行业分类, when it names them.
      WHEN jsonb_typeof(d->'scope'->'industries') = 'array' AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(d->'scope'->'industries') x
             WHERE COALESCE(b.industry_code, '') LIKE x || '%')
        THEN format('行业 %s 不在评价范围（%s）内 (industry outside the method''s scope)', COALESCE(b.industry_code, '—'),
                    (SELECT string_agg(x, '、') FROM jsonb_array_elements_text(d->'scope'->'industries') x))
      -- Newly 规上: fewer than N years above designated size by the evaluation year.
      WHEN b.size_class = 'above' AND b.above_since IS NOT NULL AND COALESCE((d->'scope'->>'excludeNewlyAboveYears')::int, 0) > 0
           AND b.above_since > yr - (d->'scope'->>'excludeNewlyAboveYears')::int
        THEN format('新纳入规上不满 %s 年（%s 年纳规）(newly above size for under %s years)', d->'scope'->>'excludeNewlyAboveYears', b.above_since,
                    d->'scope'->>'excludeNewlyAboveYears')
      WHEN b.founded_on IS NOT NULL AND COALESCE((d->'scope'->>'excludeYoungerThanYears')::int, 0) > 0
           AND b.founded_on > make_date(yr - (d->'scope'->>'excludeYoungerThanYears')::int, 12, 31)
        THEN format('投产不满 %s 年（%s 投产）(in production under %s years)', d->'scope'->>'excludeYoungerThanYears', b.founded_on, d->'scope'->>'excludeYoungerThanYears')
      END AS exclusion
    FROM base b
  ),
  ind AS (
    SELECT s.enterprise_id, s.cluster_id, sp.gcode, sp.ord, sp.code, sp.weight, sp.cap, sp.btype, sp.bval, sp.missing,
           mujun_eval_indicator(sp.code, s.figures, s.land) AS v
    FROM scoped s JOIN spec sp ON sp.gcode = s.g->>'code'
    WHERE s.exclusion IS NULL
  ),
  means AS (
    SELECT ind.cluster_id, ind.gcode, ind.ord, avg(ind.v) AS mean FROM ind GROUP BY ind.cluster_id, ind.gcode, ind.ord
  ),
  bm AS (
    SELECT ind.*, CASE ind.btype WHEN 'fixed' THEN ind.bval WHEN 'mean_multiple' THEN m.mean * ind.bval ELSE m.mean END AS benchmark
    FROM ind JOIN means m ON m.cluster_id = ind.cluster_id AND m.gcode = ind.gcode AND m.ord = ind.ord
  ),
  sc0 AS (
    SELECT bm.*, CASE WHEN bm.v IS NULL THEN NULL
                      WHEN bm.v <= 0 OR bm.benchmark IS NULL OR bm.benchmark <= 0 THEN 0
                      ELSE least(bm.v / bm.benchmark, COALESCE(bm.cap, 'Infinity')) * bm.weight END AS p0
    FROM bm
  ),
  -- A missing value scores 0, or with missing = mean the mean of the points the group's others got for the indicator.
  sc AS (
    SELECT sc0.*, COALESCE(sc0.p0, CASE WHEN sc0.missing = 'mean'
                    THEN COALESCE(avg(sc0.p0) OVER (PARTITION BY sc0.cluster_id, sc0.gcode, sc0.ord), 0) ELSE 0 END) AS pts
    FROM sc0
  ),
  agg AS (
    SELECT sc.enterprise_id, sum(sc.pts) AS pts,
           -- Values as computed (float8): no decimal conversion in this hot path; the explanation rounds for display.
           json_agg(json_build_object('code', sc.code, 'weight', sc.weight, 'cap', sc.cap, 'value', sc.v, 'benchmark', sc.benchmark,
             'benchmarkType', sc.btype, 'points', sc.pts, 'capped', sc.v > 0 AND sc.benchmark > 0 AND sc.v / sc.benchmark >= COALESCE(sc.cap, 'Infinity'),
             'missing', sc.v IS NULL, 'nonPositive', sc.v <= 0) ORDER BY sc.ord) AS detail
    FROM sc GROUP BY sc.enterprise_id
  ),
  tot AS (
    SELECT s.*, a.detail,
           EXISTS (SELECT 1 FROM jsonb_array_elements(d->'vetoes') v WHERE (s.figures->>(v.value->>'flag'))::boolean) AS veto_any,
           COALESCE((SELECT sum((b.value->>'points')::numeric) FROM jsonb_array_elements(d->'bonus') b
                     WHERE (s.figures->>(b.value->>'flag'))::boolean), 0) AS bonus,
           round((COALESCE(a.pts, 0))::numeric + COALESCE((SELECT sum((b.value->>'points')::numeric) FROM jsonb_array_elements(d->'bonus') b
                     WHERE (s.figures->>(b.value->>'flag'))::boolean), 0), 2) AS score
    FROM scoped s LEFT JOIN agg a ON a.enterprise_id = s.enterprise_id
    WHERE s.exclusion IS NULL
  ),
  rk AS (
    -- qrnk: the rank that competes for class slots. With refillVetoed, vetoed enterprises leave the competition, so the
    -- slot a veto frees passes to the next one (and the vetoed fill the lowest class from below); otherwise it is rnk.
    SELECT t.*, rank() OVER (PARTITION BY t.cluster_id, t.g->>'code' ORDER BY t.score DESC) AS rnk,
           rank() OVER (PARTITION BY t.cluster_id, t.g->>'code', (COALESCE((t.g->'classRule'->>'refillVetoed')::boolean, false) AND t.veto_any)
                        ORDER BY t.score DESC) AS qrnk,
           count(*) FILTER (WHERE COALESCE((t.g->'classRule'->>'refillVetoed')::boolean, false) AND t.veto_any) OVER (PARTITION BY t.cluster_id, t.g->>'code') AS n_vetoed,
           COALESCE((t.g->'classRule'->>'refillVetoed')::boolean, false) AND t.veto_any AS left_out,
           count(*) OVER (PARTITION BY t.cluster_id, t.g->>'code') AS n,
           t.g->'classRule' AS cr, COALESCE(d->>'rounding', 'half_up') AS rounding
    FROM tot t
  ),
  two AS (
    SELECT rk.*,
           -- The half has a rounding rule of its own (halfRounding; the quotas' rounding when not given).
           mujun_round_count(rk.n * COALESCE((rk.cr->>'topShare')::numeric, 0.5), COALESCE(rk.cr->>'halfRounding', rk.rounding)) AS top_n,
           mujun_round_count(rk.n * COALESCE((rk.cr->>'aShare')::numeric, 0), rk.rounding) AS n_a,
           greatest(0, mujun_round_count(rk.n * COALESCE((rk.cr->>'cShare')::numeric, 0), rk.rounding) - rk.n_vetoed) AS n_c,
           mujun_rank_key(rk.cr->'aRankBy', rk.score, rk.detail, rk.figures, rk.land) AS akey,
           mujun_rank_key(rk.cr->'cRankBy', rk.score, rk.detail, rk.figures, rk.land) AS ckey
    FROM rk
  ),
  two2 AS (
    SELECT two.*, two.qrnk <= two.top_n AS upper,
           rank() OVER (PARTITION BY two.cluster_id, two.g->>'code', two.qrnk <= two.top_n, two.left_out
                        ORDER BY two.akey DESC NULLS LAST) AS arank,
           rank() OVER (PARTITION BY two.cluster_id, two.g->>'code', two.qrnk <= two.top_n, two.left_out
                        ORDER BY two.ckey ASC NULLS FIRST) AS crank
    FROM two
  ),
  decided AS (
    SELECT t.*, CASE t.cr->>'type'
      WHEN 'two_stage' THEN CASE WHEN t.upper AND t.arank <= t.n_a THEN 0 WHEN NOT t.upper AND t.crank <= t.n_c THEN 2 ELSE 1 END
      WHEN 'quotas' THEN COALESCE((SELECT min(q.ord) - 1 FROM (SELECT s.ord, sum(s.share::numeric) OVER (ORDER BY s.ord) AS cum
                 FROM jsonb_array_elements_text(t.cr->'shares') WITH ORDINALITY s(share, ord)) q
               WHERE t.qrnk <= mujun_round_count(t.n * q.cum, t.rounding)), jsonb_array_length(t.cr->'shares') - 1)::int
      WHEN 'thresholds' THEN COALESCE((SELECT min(s.ord) - 1 FROM jsonb_array_elements_text(t.cr->'min') WITH ORDINALITY s(m, ord)
               WHERE t.score >= s.m::numeric), jsonb_array_length(t.cr->'min') - 1)::int
      END AS cls_idx
    FROM two2 t
  ),
  vetoed AS (
    SELECT dd.*,
           (SELECT max(array_position(ARRAY(SELECT jsonb_array_elements_text(d->'classes')), v.value->>'class')) - 1
              FROM jsonb_array_elements(d->'vetoes') v WHERE (dd.figures->>(v.value->>'flag'))::boolean) AS veto_idx,
           (SELECT string_agg(v.value->>'reason', '; ') FROM jsonb_array_elements(d->'vetoes') v WHERE (dd.figures->>(v.value->>'flag'))::boolean) AS veto_text
    FROM decided dd
  )
  SELECT run, s.enterprise_id, s.cluster_id, s.g->>'code', s.exclusion IS NULL, s.exclusion, s.land,
         COALESCE(v.detail, '[]'::json), COALESCE(v.bonus, 0), v.score, v.rnk, v.n,
         CASE WHEN v.enterprise_id IS NOT NULL THEN d->'classes'->>greatest(v.cls_idx, COALESCE(v.veto_idx, 0)) END,
         CASE WHEN v.enterprise_id IS NULL THEN NULL
              WHEN v.veto_idx IS NOT NULL AND v.veto_idx > v.cls_idx THEN format('一票否决（%s）→ %s (veto)', v.veto_text, d->'classes'->>v.veto_idx)
              WHEN v.cr->>'type' = 'two_stage' AND v.cls_idx = 0 THEN
                format('综合得分第 %s/%s 名，在前 %s 名（%s%%）内；按 %s 重排第 %s 名，在前 %s 名（%s%% 的 %s 家）内 → %s',
                       v.rnk, v.n, v.top_n, round(COALESCE((v.cr->>'topShare')::numeric, 0.5) * 100), mujun_rank_by_text(v.cr->'aRankBy'), v.arank, v.n_a,
                       round((v.cr->>'aShare')::numeric * 100), v.n, d->'classes'->>0)
              WHEN v.cr->>'type' = 'two_stage' AND v.cls_idx = 2 THEN
                format('综合得分第 %s/%s 名，在后半部分（前 %s 名之外）；按 %s 升序第 %s 名，在最低 %s 名（%s%% 的 %s 家）内 → %s',
                       v.rnk, v.n, v.top_n, mujun_rank_by_text(v.cr->'cRankBy'), v.crank, v.n_c, round((v.cr->>'cShare')::numeric * 100), v.n, d->'classes'->>2)
              WHEN v.cr->>'type' = 'two_stage' THEN
                format('综合得分第 %s/%s 名；%s → %s', v.rnk, v.n,
                       CASE WHEN v.upper THEN format('在前 %s 名内，但按 %s 重排第 %s 名，未进前 %s 名', v.top_n, mujun_rank_by_text(v.cr->'aRankBy'), v.arank, v.n_a)
                            ELSE format('在后半部分，但按 %s 升序第 %s 名，不在最低 %s 名内', mujun_rank_by_text(v.cr->'cRankBy'), v.crank, v.n_c) END,
                       d->'classes'->>1)
              WHEN v.cr->>'type' = 'quotas' THEN format('综合得分第 %s/%s 名，按配额 %s（%s 取整）→ %s', v.rnk, v.n, v.cr->'shares', v.rounding, d->'classes'->>v.cls_idx)
              ELSE format('综合得分 %s，按分数线 %s → %s', v.score, v.cr->'min', d->'classes'->>v.cls_idx) END,
         CASE WHEN v.veto_idx IS NOT NULL THEN v.veto_text END
  FROM scoped s LEFT JOIN vetoed v ON v.enterprise_id = s.enterprise_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE evaluation_run SET output_sha256 = (SELECT encode(sha256(convert_to(COALESCE(string_agg(
      concat_ws('|', er.enterprise_id, er.group_code, er.evaluated, er.exclusion, round(er.land_mu::numeric, 4), er.indicators::text, er.bonus, er.score,
                er.rank, er.group_size, er.class, er.class_step, er.veto), E'\n' ORDER BY er.enterprise_id), ''), 'UTF8')), 'hex')
      FROM evaluation_result er WHERE er.run_id = run) WHERE id = run;
  RETURN n;
END $$;

-- Published runs never change: their results and inputs are frozen; the run itself may only become superseded.
CREATE OR REPLACE FUNCTION evaluation_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE st text;
BEGIN
  IF TG_TABLE_NAME = 'evaluation_run' THEN
    IF OLD.status IN ('published', 'superseded') AND NOT (OLD.status = 'published' AND NEW.status = 'superseded'
        AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status')) THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = format('Run %s is published and never changes; make a correcting run instead.', OLD.id), DETAIL = '{}';
    END IF;
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Evaluation runs are never deleted.', DETAIL = '{}';
    END IF;
    RETURN NEW;
  END IF;
  SELECT status INTO st FROM evaluation_run WHERE id = COALESCE(OLD.run_id, NEW.run_id);
  IF st IN ('published', 'superseded') THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = 'The results and inputs of a published run never change.', DETAIL = '{}';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

DROP TRIGGER IF EXISTS evaluation_run_guard ON evaluation_run;
CREATE TRIGGER evaluation_run_guard BEFORE UPDATE OR DELETE ON evaluation_run FOR EACH ROW EXECUTE FUNCTION evaluation_frozen_guard();
-- Inserts are checked once per statement (a run writes tens of thousands of rows); updates and deletes per row.
CREATE OR REPLACE FUNCTION evaluation_frozen_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM evaluation_run r WHERE r.status IN ('published', 'superseded') AND r.id IN (SELECT DISTINCT n.run_id FROM new_rows n)) THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = 'The results and inputs of a published run never change.', DETAIL = '{}';
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS evaluation_result_guard ON evaluation_result;
CREATE TRIGGER evaluation_result_guard BEFORE UPDATE OR DELETE ON evaluation_result FOR EACH ROW EXECUTE FUNCTION evaluation_frozen_guard();
DROP TRIGGER IF EXISTS evaluation_result_insert_guard ON evaluation_result;
CREATE TRIGGER evaluation_result_insert_guard AFTER INSERT ON evaluation_result REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_frozen_insert_guard();
DROP TRIGGER IF EXISTS evaluation_input_guard ON evaluation_input;
CREATE TRIGGER evaluation_input_guard BEFORE UPDATE OR DELETE ON evaluation_input FOR EACH ROW EXECUTE FUNCTION evaluation_frozen_guard();
DROP TRIGGER IF EXISTS evaluation_input_insert_guard ON evaluation_input;
CREATE TRIGGER evaluation_input_insert_guard AFTER INSERT ON evaluation_input REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_frozen_insert_guard();
DROP TRIGGER IF EXISTS evaluation_method_version_guard ON evaluation_method_version;
CREATE OR REPLACE FUNCTION evaluation_method_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = 'A method version never changes; save a new version.', DETAIL = '{}';
END $$;
CREATE TRIGGER evaluation_method_version_guard BEFORE UPDATE OR DELETE ON evaluation_method_version FOR EACH ROW EXECUTE FUNCTION evaluation_method_version_guard();
