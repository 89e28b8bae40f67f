-- Functions and triggers of the enterprise evaluation (repeatable; numbered "4_" so that Flyway runs it after the
-- helpers of R__1_register_functions and R__2_standard_land).

-- The formula of a known indicator: numerator and denominator figures ("land" for the enterprise's 亩; none for a
-- plain figure) and a scale. A method may also give its own {numerator, denominator, scale, unit} (MethodCheck).
CREATE OR REPLACE FUNCTION mujun_indicator_formula(code text) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE code
    WHEN 'tax_per_mu' THEN '{"numerator": "tax_wan", "denominator": "land"}'
    WHEN 'va_per_mu' THEN '{"numerator": "value_added_wan", "denominator": "land"}'
    WHEN 'revenue_per_mu' THEN '{"numerator": "revenue_wan", "denominator": "land"}'
    WHEN 'output_per_mu' THEN '{"numerator": "output_wan", "denominator": "land"}'
    WHEN 'profit_per_mu' THEN '{"numerator": "profit_wan", "denominator": "land"}'
    WHEN 'va_per_energy' THEN '{"numerator": "value_added_wan", "denominator": "energy_tce"}'
    WHEN 'output_per_energy' THEN '{"numerator": "output_wan", "denominator": "energy_tce"}'
    WHEN 'va_per_emission' THEN '{"numerator": "value_added_wan", "denominator": "emissions_t"}'
    WHEN 'tax_per_emission' THEN '{"numerator": "tax_wan", "denominator": "emissions_t"}'
    WHEN 'tax_per_electricity' THEN '{"numerator": "tax_wan", "denominator": "electricity_wan_kwh"}'
    WHEN 'labour_productivity' THEN '{"numerator": "value_added_wan", "denominator": "employees"}'
    WHEN 'rd_intensity' THEN '{"numerator": "rd_wan", "denominator": "revenue_wan", "scale": 100}'
    WHEN 'tax_total' THEN '{"numerator": "tax_wan"}'
  END)::jsonb
$$;
DROP FUNCTION IF EXISTS mujun_eval_indicator(text, jsonb, double precision);
DROP FUNCTION IF EXISTS mujun_rank_key(jsonb, numeric, json, jsonb, double precision);

-- A count from a share of a group (n × share) by the method's rounding rule: half_up (default), floor or ceil.
CREATE OR REPLACE FUNCTION mujun_round_count(x numeric, rule text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE rule WHEN 'floor' THEN floor(x) WHEN 'ceil' THEN ceil(x) ELSE round(x) END::int
$$;

-- How a re-rank key reads in a class step: score, an indicator's code, or "a + b×2 得分之和 (sum of points)".
CREATE OR REPLACE FUNCTION mujun_rank_by_text(rank_by jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(rank_by) = 'object'
    THEN (SELECT string_agg(key || CASE WHEN value::numeric <> 1 THEN '×' || value ELSE '' END, ' + ' ORDER BY key) FROM jsonb_each_text(rank_by)) || ' 得分之和 (sum of points)'
    ELSE COALESCE(rank_by #>> '{}', 'score') END
$$;

-- The bonus, veto, protection and exclusion items of a method: its own list (items), and the bonus and vetoes lists of
-- methods written before items existed, read as items of the same meaning (flag = the evidence figure).
CREATE OR REPLACE FUNCTION mujun_method_items(d jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(d->'items', '[]'::jsonb)
    || COALESCE((SELECT jsonb_agg(b || jsonb_build_object('code', b->>'flag', 'evidence', b->>'flag', 'effect', 'bonus'))
                 FROM jsonb_array_elements(d->'bonus') b), '[]'::jsonb)
    || COALESCE((SELECT jsonb_agg(v || jsonb_build_object('code', v->>'flag', 'evidence', v->>'flag', 'effect', 'veto'))
                 FROM jsonb_array_elements(d->'vetoes') v), '[]'::jsonb)
$$;

-- Computes a run's results from its input snapshot and its method version, set-based, in one statement: scope and
-- exclusions, indicator values, benchmarks, capped weighted scores, items (bonus points, vetoes, protection from the
-- lowest class, exclusions), ranks per cluster, city or the whole run, the class rule (two-stage, quotas or
-- thresholds) with the step that decided each class. Everything a row needs from the method is read once per group
-- (firstgrp, spec) or per item (hit), never per enterprise.
CREATE OR REPLACE FUNCTION evaluation_compute(run integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  yr integer;
  n integer;
  items jsonb;
  cls text[];
BEGIN
  SELECT v.definition, r.year INTO d, yr FROM evaluation_run r JOIN evaluation_method_version v ON v.id = r.method_version_id WHERE r.id = run;
  items := mujun_method_items(d);
  cls := ARRAY(SELECT jsonb_array_elements_text(d->'classes'));
  DELETE FROM evaluation_result WHERE run_id = run;
  -- The run's inputs in a temporary table: planned against the shared table, a new run id (absent from its statistics)
  -- is estimated at one row and the joins below degrade into nested loops; a fresh table is estimated from its size.
  DROP TABLE IF EXISTS evaluation_input_run;
  CREATE TEMP TABLE evaluation_input_run ON COMMIT DROP AS SELECT * FROM evaluation_input WHERE run_id = run;
  ANALYZE evaluation_input_run;
  INSERT INTO evaluation_result (run_id, enterprise_id, cluster_id, group_code, evaluated, exclusion, land_mu, indicators, bonus, score, rank,
                                 group_size, class, class_step, veto, items)
  WITH grp AS (
    SELECT g.value AS g, g.ord FROM jsonb_array_elements(d->'groups') WITH ORDINALITY g(value, ord)
  ),
  -- Per group (the first one of each size class): its rule, read and typed once.
  firstgrp AS (
    SELECT DISTINCT ON (grp.g->>'sizeClass') grp.g->>'sizeClass' AS size_class, grp.g->>'code' AS gcode, grp.g, grp.g->'classRule' AS cr,
           COALESCE(grp.g->'classRule'->>'per', 'cluster') AS per,
           mujun_rank_by_text(grp.g->'classRule'->'aRankBy') AS a_text, mujun_rank_by_text(grp.g->'classRule'->'cRankBy') AS c_text,
           COALESCE(jsonb_typeof(grp.g->'classRule'->'aRankBy'), 'score') AS a_kind, COALESCE(jsonb_typeof(grp.g->'classRule'->'cRankBy'), 'score') AS c_kind,
           ARRAY(SELECT sum(s.share::numeric) OVER (ORDER BY s.ord) FROM jsonb_array_elements_text(grp.g->'classRule'->'shares') WITH ORDINALITY s(share, ord)) AS cum,
           ARRAY(SELECT m::numeric FROM jsonb_array_elements_text(grp.g->'classRule'->'min') m) AS mins,
           COALESCE((grp.g->'classRule'->>'refillVetoed')::boolean, false) AS refill,
           grp.g->'classRule'->>'type' AS rtype, grp.g->'classRule'->>'aRankBy' AS a_by, grp.g->'classRule'->>'cRankBy' AS c_by,
           COALESCE((grp.g->'classRule'->>'topShare')::numeric, 0.5) AS top_share, COALESCE((grp.g->'classRule'->>'aShare')::numeric, 0) AS a_share,
           COALESCE((grp.g->'classRule'->>'cShare')::numeric, 0) AS c_share,
           COALESCE(grp.g->'classRule'->>'halfRounding', d->>'rounding', 'half_up') AS half_rounding,
           (grp.g->'classRule'->'shares')::text AS shares_text, (grp.g->'classRule'->'min')::text AS min_text
    FROM grp ORDER BY grp.g->>'sizeClass', grp.ord
  ),
  -- The indicators of every group with their formula and their weight in each re-rank key; an indicator a re-rank key
  -- names that the group does not score is read as a shadow (no points, not shown).
  spec AS (
    SELECT fg.gcode, x.ord, x.value->>'code' AS code, (x.value->>'weight')::float8 AS weight, (x.value->>'cap')::float8 AS cap,
           COALESCE(x.value->'benchmark'->>'type', 'mean') AS btype, (x.value->'benchmark'->>'value')::float8 AS bval,
           COALESCE(x.value->>'missing', 'zero') AS missing, false AS shadow,
           COALESCE(x.value->>'numerator', f.f->>'numerator') AS num, COALESCE(x.value->>'denominator', f.f->>'denominator') AS den,
           COALESCE((x.value->>'scale')::float8, (f.f->>'scale')::float8, 1) AS scale,
           CASE WHEN fg.a_kind = 'object' THEN COALESCE((fg.cr->'aRankBy'->>(x.value->>'code'))::float8, 0) ELSE 0 END AS aw,
           CASE WHEN fg.c_kind = 'object' THEN COALESCE((fg.cr->'cRankBy'->>(x.value->>'code'))::float8, 0) ELSE 0 END AS cw,
           fg.a_kind = 'string' AND fg.cr->>'aRankBy' = x.value->>'code' AS is_a, fg.c_kind = 'string' AND fg.cr->>'cRankBy' = x.value->>'code' AS is_c
    FROM firstgrp fg CROSS JOIN jsonb_array_elements(fg.g->'indicators') WITH ORDINALITY x(value, ord)
    CROSS JOIN LATERAL (SELECT mujun_indicator_formula(x.value->>'code') AS f) f
    UNION ALL
    SELECT fg.gcode, 1000 + k.n, k.code, 0, NULL, 'mean', NULL, 'zero', true, f.f->>'numerator', f.f->>'denominator', COALESCE((f.f->>'scale')::float8, 1),
           0, 0, k.n = 1, k.n = 2
    FROM firstgrp fg CROSS JOIN LATERAL (VALUES (1, fg.cr->>'aRankBy', fg.a_kind), (2, fg.cr->>'cRankBy', fg.c_kind)) k(n, code, kind)
    CROSS JOIN LATERAL (SELECT mujun_indicator_formula(k.code) AS f) f
    WHERE k.kind = 'string' AND k.code <> 'score' AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(fg.g->'indicators') y WHERE y->>'code' = k.code)
  ),
  base AS (
    SELECT i.enterprise_id, i.cluster_id, i.size_class, i.founded_on, i.figures, i.industry_code, i.above_since,
           i.held_mu + CASE WHEN d->>'landBasis' = 'held' THEN 0 ELSE i.rented_mu END AS land, fg.gcode,
           -- The field a class rule ranks in: the cluster (default), the cluster's city, or every enterprise of the run.
           CASE fg.per WHEN 'city' THEN COALESCE(i.city_code, '') WHEN 'province' THEN '' ELSE i.cluster_id::text END AS part
    FROM evaluation_input_run i LEFT JOIN firstgrp fg ON fg.size_class = i.size_class
  ),
  -- The items that hold for each enterprise: yes on a flag, or a count of at least the item's min (1 when not given).
  hit AS (
    SELECT b.enterprise_id, it.ord, it.value AS it, it.value->>'effect' AS effect,
           CASE WHEN jsonb_typeof(b.figures->(it.value->>'evidence')) = 'number' THEN (b.figures->>(it.value->>'evidence'))::numeric END AS amount
    FROM base b CROSS JOIN jsonb_array_elements(items) WITH ORDINALITY it(value, ord)
    WHERE b.figures IS NOT NULL AND CASE jsonb_typeof(b.figures->(it.value->>'evidence'))
      WHEN 'boolean' THEN (b.figures->>(it.value->>'evidence'))::boolean
      WHEN 'number' THEN (b.figures->>(it.value->>'evidence'))::numeric >= COALESCE((it.value->>'min')::numeric, 1)
      ELSE false END
  ),
  hit_points AS (
    SELECT h.*, CASE WHEN h.effect = 'bonus' THEN
             CASE WHEN jsonb_exists(h.it, 'pointsPer') THEN least(COALESCE(h.amount, 0) * (h.it->>'pointsPer')::numeric, COALESCE((h.it->>'maxPoints')::numeric, 'Infinity'))
                  ELSE (h.it->>'points')::numeric END END AS points,
           COALESCE(h.it->>'reason', h.it->>'name', h.it->>'code') AS why
    FROM hit h
  ),
  hits AS (
    SELECT h.enterprise_id, sum(h.points) AS bonus,
           max(array_position(cls, h.it->>'class')) FILTER (WHERE h.effect = 'veto') - 1 AS veto_idx,
           string_agg(h.why, '；' ORDER BY h.ord) FILTER (WHERE h.effect = 'veto') AS veto_text,
           string_agg(h.why, '；' ORDER BY h.ord) FILTER (WHERE h.effect = 'protect') AS protect_text,
           string_agg(h.why, '；' ORDER BY h.ord) FILTER (WHERE h.effect = 'exclude') AS exclude_text,
           jsonb_agg(jsonb_strip_nulls(jsonb_build_object('code', h.it->>'code', 'name', h.it->>'name', 'effect', h.effect, 'evidence', h.it->>'evidence',
             'amount', h.amount, 'points', h.points, 'class', h.it->>'class', 'reason', h.why)) ORDER BY h.ord) AS list
    FROM hit_points h GROUP BY h.enterprise_id
  ),
  scoped AS (
    SELECT b.enterprise_id, b.cluster_id, b.figures, b.land, b.gcode, b.part, COALESCE(h.bonus, 0) AS bonus, h.veto_idx, h.veto_text, h.protect_text, h.list AS item_list, CASE
      WHEN b.gcode IS NULL THEN 'no group of the method covers this size class'
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
      -- An exclusion item of the method (utilities, tax-exempt firms: 不定等级), with its reason.
      WHEN h.exclude_text IS NOT NULL THEN format('%s，不定等级 (not classified)', h.exclude_text)
      END AS exclusion
    FROM base b LEFT JOIN hits h ON h.enterprise_id = b.enterprise_id
  ),
  ind AS (
    SELECT s.enterprise_id, s.part, sp.gcode, sp.ord, sp.code, sp.weight, sp.cap, sp.btype, sp.bval, sp.missing, sp.shadow, sp.aw, sp.cw, sp.is_a, sp.is_c,
           (s.figures->>sp.num)::float8 * sp.scale
             / NULLIF(CASE WHEN sp.den IS NULL THEN 1 WHEN sp.den = 'land' THEN s.land ELSE (s.figures->>sp.den)::float8 END, 0) AS v
    FROM scoped s JOIN spec sp ON sp.gcode = s.gcode
    WHERE s.exclusion IS NULL
  ),
  means AS (
    SELECT ind.part, ind.gcode, ind.ord, avg(ind.v) AS mean FROM ind GROUP BY ind.part, ind.gcode, ind.ord
  ),
  sc0 AS (
    SELECT i.*, b.benchmark, CASE WHEN i.v IS NULL THEN NULL
                      WHEN i.v <= 0 OR b.benchmark IS NULL OR b.benchmark <= 0 THEN 0
                      ELSE least(i.v / b.benchmark, COALESCE(i.cap, 'Infinity')) * i.weight END AS p0
    FROM ind i JOIN means m ON m.part = i.part AND m.gcode = i.gcode AND m.ord = i.ord
    CROSS JOIN LATERAL (SELECT CASE i.btype WHEN 'fixed' THEN i.bval WHEN 'mean_multiple' THEN m.mean * i.bval ELSE m.mean END AS benchmark) b
  ),
  -- A missing value scores 0, or with missing = mean the mean of the points the group's others got for the indicator.
  sc AS (
    SELECT sc0.*, COALESCE(sc0.p0, CASE WHEN sc0.missing = 'mean'
                    THEN COALESCE(avg(sc0.p0) OVER (PARTITION BY sc0.part, sc0.gcode, sc0.ord), 0) ELSE 0 END) AS pts
    FROM sc0
  ),
  agg AS (
    SELECT sc.enterprise_id, sum(sc.pts) FILTER (WHERE NOT sc.shadow) AS pts,
           sum(sc.pts * sc.aw) AS a_sum, sum(sc.pts * sc.cw) AS c_sum,
           max(sc.v) FILTER (WHERE sc.is_a) AS a_val, max(sc.v) FILTER (WHERE sc.is_c) AS c_val,
           -- Values as computed (float8): no decimal conversion in this hot path; the explanation rounds for display.
           -- Missing (value null) and non-positive values are read from the value; cap and benchmark type from the method.
           json_agg(json_build_object('code', sc.code, 'weight', sc.weight, 'value', sc.v, 'benchmark', sc.benchmark, 'points', sc.pts,
             'capped', sc.v > 0 AND sc.benchmark > 0 AND sc.v / sc.benchmark >= COALESCE(sc.cap, 'Infinity')) ORDER BY sc.ord) FILTER (WHERE NOT sc.shadow) AS detail
    FROM sc GROUP BY sc.enterprise_id
  ),
  tot AS (
    -- Narrow rows through the window sorts below: the explanation's texts and the detail are joined at the end.
    SELECT s.enterprise_id, s.part, s.gcode, s.veto_idx, s.veto_idx IS NOT NULL AS veto_any, s.protect_text IS NOT NULL AS protected,
           round(COALESCE(a.pts, 0)::numeric + s.bonus, 2) AS score,
           fg.rtype, fg.refill, fg.top_share, fg.a_share, fg.c_share, fg.half_rounding,
           CASE fg.a_kind WHEN 'object' THEN a.a_sum WHEN 'string' THEN CASE WHEN fg.a_by = 'score' THEN NULL ELSE COALESCE(a.a_val, 'NaN') END END AS akey0,
           CASE fg.c_kind WHEN 'object' THEN a.c_sum WHEN 'string' THEN CASE WHEN fg.c_by = 'score' THEN NULL ELSE COALESCE(a.c_val, 'NaN') END END AS ckey0
    FROM scoped s JOIN firstgrp fg ON fg.gcode = s.gcode LEFT JOIN agg a ON a.enterprise_id = s.enterprise_id
    WHERE s.exclusion IS NULL
  ),
  rk AS (
    -- qrnk: the rank that competes for class slots. With refillVetoed, vetoed enterprises leave the competition, so the
    -- slot a veto frees passes to the next one (and the vetoed fill the lowest class from below); otherwise it is rnk.
    SELECT t.*, rank() OVER (PARTITION BY t.part, t.gcode ORDER BY t.score DESC) AS rnk,
           rank() OVER (PARTITION BY t.part, t.gcode, (t.refill AND t.veto_any) ORDER BY t.score DESC) AS qrnk,
           count(*) FILTER (WHERE t.refill AND t.veto_any) OVER (PARTITION BY t.part, t.gcode) AS n_vetoed,
           t.refill AND t.veto_any AS left_out,
           count(*) OVER (PARTITION BY t.part, t.gcode) AS n,
           COALESCE(d->>'rounding', 'half_up') AS rounding,
           -- A missing re-rank value (NaN above) sorts last for A and first for C, as NULLS LAST / FIRST did.
           CASE WHEN t.akey0 = 'NaN' THEN NULL ELSE COALESCE(t.akey0, t.score::float8) END AS akey,
           CASE WHEN t.ckey0 = 'NaN' THEN NULL ELSE COALESCE(t.ckey0, t.score::float8) END AS ckey
    FROM tot t
  ),
  two AS (
    SELECT rk.*,
           -- The half has a rounding rule of its own (halfRounding; the quotas' rounding when not given).
           mujun_round_count(rk.n * rk.top_share, rk.half_rounding) AS top_n,
           mujun_round_count(rk.n * rk.a_share, rk.rounding) AS n_a,
           greatest(0, mujun_round_count(rk.n * rk.c_share, rk.rounding) - rk.n_vetoed) AS n_c
    FROM rk
  ),
  two2 AS (
    SELECT two.*, two.qrnk <= two.top_n AS upper,
           rank() OVER (PARTITION BY two.part, two.gcode, two.qrnk <= two.top_n, two.left_out ORDER BY two.akey DESC NULLS LAST) AS arank,
           rank() OVER (PARTITION BY two.part, two.gcode, two.qrnk <= two.top_n, two.left_out ORDER BY two.ckey ASC NULLS FIRST) AS crank
    FROM two
  ),
  decided AS (
    SELECT t.*, CASE t.rtype
      WHEN 'two_stage' THEN CASE WHEN t.upper AND t.arank <= t.n_a THEN 0 WHEN NOT t.upper AND t.crank <= t.n_c THEN 2 ELSE 1 END
      WHEN 'quotas' THEN COALESCE((SELECT min(k) - 1 FROM generate_subscripts(fg.cum, 1) k WHERE t.qrnk <= mujun_round_count(t.n * fg.cum[k], t.rounding)),
                                  cardinality(fg.cum) - 1)::int
      WHEN 'thresholds' THEN COALESCE((SELECT min(k) - 1 FROM generate_subscripts(fg.mins, 1) k WHERE t.score >= fg.mins[k]), cardinality(fg.mins) - 1)::int
      END AS cls_idx
    FROM two2 t JOIN firstgrp fg ON fg.gcode = t.gcode
  ),
  final AS (
    -- A veto sets the class no better than its own; a protection lifts an enterprise out of the lowest class (not a vetoed one).
    SELECT dd.*, CASE WHEN dd.veto_idx IS NOT NULL AND dd.veto_idx > dd.cls_idx THEN dd.veto_idx
                      WHEN dd.veto_idx IS NULL AND dd.protected AND dd.cls_idx = cardinality(cls) - 1 THEN dd.cls_idx - 1
                      ELSE dd.cls_idx END AS fin_idx
    FROM decided dd
  )
  SELECT run, s.enterprise_id, s.cluster_id, s.gcode, s.exclusion IS NULL, s.exclusion, s.land,
         COALESCE(a.detail, '[]'::json), CASE WHEN v.enterprise_id IS NOT NULL THEN s.bonus ELSE 0 END, v.score, v.rnk, v.n,
         CASE WHEN v.enterprise_id IS NOT NULL THEN cls[v.fin_idx + 1] END,
         CASE WHEN v.enterprise_id IS NULL THEN NULL
              WHEN v.fin_idx > v.cls_idx THEN format('一票否决（%s）→ %s (veto)', s.veto_text, cls[v.fin_idx + 1])
              WHEN v.fin_idx < v.cls_idx THEN format('按规则应列 %s；%s，不列入最低类 → %s (protected from the lowest class)', cls[v.cls_idx + 1], s.protect_text, cls[v.fin_idx + 1])
              WHEN v.rtype = 'two_stage' AND v.cls_idx = 0 THEN
                format('综合得分第 %s/%s 名，在前 %s 名（%s%%）内；按 %s 重排第 %s 名，在前 %s 名（%s%% 的 %s 家）内 → %s',
                       v.rnk, v.n, v.top_n, round(v.top_share * 100), fg.a_text, v.arank, v.n_a,
                       round(v.a_share * 100), v.n, cls[1])
              WHEN v.rtype = 'two_stage' AND v.cls_idx = 2 THEN
                format('综合得分第 %s/%s 名，在后半部分（前 %s 名之外）；按 %s 升序第 %s 名，在最低 %s 名（%s%% 的 %s 家）内 → %s',
                       v.rnk, v.n, v.top_n, fg.c_text, v.crank, v.n_c, round(v.c_share * 100), v.n, cls[3])
              WHEN v.rtype = 'two_stage' THEN
                format('综合得分第 %s/%s 名；%s → %s', v.rnk, v.n,
                       CASE WHEN v.upper THEN format('在前 %s 名内，但按 %s 重排第 %s 名，未进前 %s 名', v.top_n, fg.a_text, v.arank, v.n_a)
                            ELSE format('在后半部分，但按 %s 升序第 %s 名，不在最低 %s 名内', fg.c_text, v.crank, v.n_c) END,
                       cls[2])
              WHEN v.rtype = 'quotas' THEN format('综合得分第 %s/%s 名，按名额比例 %s（%s）→ %s', v.rnk, v.n, fg.shares_text,
                CASE v.rounding WHEN 'floor' THEN '向下取整' WHEN 'ceil' THEN '向上取整' ELSE '四舍五入' END, cls[v.cls_idx + 1])
              ELSE format('综合得分 %s，按分数线 %s → %s', v.score, fg.min_text, cls[v.cls_idx + 1]) END,
         CASE WHEN v.veto_idx IS NOT NULL THEN s.veto_text END,
         s.item_list
  FROM scoped s LEFT JOIN final v ON v.enterprise_id = s.enterprise_id LEFT JOIN agg a ON a.enterprise_id = v.enterprise_id
  LEFT JOIN firstgrp fg ON fg.gcode = s.gcode;
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE evaluation_run SET output_sha256 = (SELECT encode(sha256(convert_to(COALESCE(string_agg(
      concat_ws('|', er.enterprise_id, er.group_code, er.evaluated, er.exclusion, round(er.land_mu::numeric, 4), er.indicators::text, er.bonus, er.score,
                er.rank, er.group_size, er.class, er.class_step, er.veto, er.items::text), E'\n' ORDER BY er.enterprise_id), ''), 'UTF8')), 'hex')
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
    IF NEW.status = 'published' AND OLD.status <> 'published'
       AND (SELECT v.status FROM evaluation_method_version v WHERE v.id = NEW.method_version_id) = 'draft' THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = 'The run was made with a draft of the method; put the version in force and run again.', DETAIL = '{}';
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
DECLARE
  missing integer;
BEGIN
  -- The run of every row exists (checked here once per statement instead of by a foreign key per row).
  SELECT n.run_id INTO missing FROM (SELECT DISTINCT run_id FROM new_rows) n WHERE NOT EXISTS (SELECT 1 FROM evaluation_run r WHERE r.id = n.run_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = '23503', MESSAGE = format('There is no evaluation run %s.', missing), DETAIL = '{}';
  END IF;
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
-- Method versions: a draft may be edited, put in force (from a year) or retired; a version in force may only be
-- retired; a retired one never changes. Nothing is deleted; every state is kept in change_history.
DROP TRIGGER IF EXISTS evaluation_method_version_guard ON evaluation_method_version;
CREATE OR REPLACE FUNCTION evaluation_method_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = 'A method version is never deleted; retire it instead.', DETAIL = '{}';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.method_id <> OLD.method_id OR NEW.version <> OLD.version OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at
       OR (OLD.status <> 'draft' AND (NEW.definition <> OLD.definition OR NEW.in_force_from IS DISTINCT FROM OLD.in_force_from OR NEW.status <> 'retired')) THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ013', MESSAGE = format('Version %s of the method is %s and never changes; save a new version (a version in force may only be retired).',
        OLD.version, CASE OLD.status WHEN 'in_force' THEN 'in force' ELSE OLD.status END), DETAIL = '{}';
    END IF;
  END IF;
  NEW.changed_by := mujun_actor();
  NEW.changed_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER evaluation_method_version_guard BEFORE INSERT OR UPDATE OR DELETE ON evaluation_method_version FOR EACH ROW EXECUTE FUNCTION evaluation_method_version_guard();
DROP TRIGGER IF EXISTS evaluation_method_version_history ON evaluation_method_version;
CREATE TRIGGER evaluation_method_version_history AFTER INSERT OR UPDATE ON evaluation_method_version
  FOR EACH ROW EXECUTE FUNCTION mujun_record_change('evaluation_method_version');

