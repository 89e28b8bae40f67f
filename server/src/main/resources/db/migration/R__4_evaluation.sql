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

-- The SQL of an indicator's value for the row "s" of evaluation_scoped: numerator × scale ÷ denominator, where the
-- denominator is "land" (the enterprise's 亩), another figure, or none. A figure is the number column f_<code> that
-- evaluation_compute reads once from the figures of each enterprise (MethodCheck allows only the figures of the
-- catalogue; the names are quoted all the same).
CREATE OR REPLACE FUNCTION mujun_value_sql(num text, den text, scale double precision) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN num IS NULL THEN 'NULL::float8' ELSE format('s.%I * %L::float8 / NULLIF(%s, 0)', 'f_' || num, COALESCE(scale, 1),
    CASE WHEN den IS NULL THEN '1::float8' WHEN den = 'land' THEN 's.land' ELSE format('s.%I', 'f_' || den) END) END
$$;

-- An exclusion's reason as the run's record writes it (the text in evaluation_result.exclusion, which the run's hash
-- covers; the reason itself is data the interface writes in the reader's language).
CREATE OR REPLACE FUNCTION mujun_exclusion_text(r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE r->>'rule'
    WHEN 'no_group' THEN 'no group of the method covers this size class'
    WHEN 'no_figures' THEN format('no figures for %s (缺少当年数据)', r->>'year')
    WHEN 'no_land' THEN 'no land held or rented (无用地)'
    WHEN 'below_min' THEN format('规下企业用地 %s 亩，不足 %s 亩 (below-size with under %s mu)', r->>'land', r->>'minMu', r->>'minMu')
    WHEN 'industry' THEN format('行业 %s 不在评价范围（%s）内 (industry outside the method''s scope)', COALESCE(r->>'industry', '—'),
                                (SELECT string_agg(x, '、') FROM jsonb_array_elements_text(r->'scope') x))
    WHEN 'newly_above' THEN format('新纳入规上不满 %s 年（%s 年纳规）(newly above size for under %s years)', r->>'years', r->>'since', r->>'years')
    WHEN 'young' THEN format('投产不满 %s 年（%s 投产）(in production under %s years)', r->>'years', r->>'founded', r->>'years')
    WHEN 'excluded_item' THEN format('%s，不定等级 (not classified)', r->>'items')
  END
$$;

-- Computes a run's results from its input snapshot and its method version, set-based, in statements written for the
-- method (its groups, indicators and items are read once, never per row):
--  1. Each group's statement is written first, and with it the list of figures the groups read.
--  2. One pass over the inputs puts every enterprise's figures (as numbers), group, ranking field, items (bonus
--     points, veto, protection, exclusion: a few columns per item) and exclusion into a temporary table.
--  3. The excluded are written with their reason.
--  4. Each group's statement: each indicator is a column, so the values, benchmarks (window averages over the ranking
--     field), capped points, the missing-value rule, the score and the re-rank keys are computed on one row per
--     enterprise; then the ranks, the class rule (two-stage, quotas or thresholds), vetoes and protections, and the
--     step that decided each class.
CREATE OR REPLACE FUNCTION evaluation_compute(run integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  yr integer;
  n integer := 0;
  k integer;
  items jsonb;
  cls text[];
  gdef jsonb;
  cr jsonb;
  ind record;
  ni integer;
  f jsonb;
  w text;
  cap text;
  rtype text;
  rounding text;
  vals text; bms text; q0 text; pts text; total text; detail text; akey text; ckey text; cls_expr text; step text; stepj text; two2 text;
  a_by jsonb; c_by jsonb; refill boolean;
  stmt text;
  stmts text[] := '{}';
  gdefs jsonb[] := '{}';
  gi integer;
  fkeys text[] := '{}';
  fv text; fcols text;
  icols jsonb; tcols text; tk text; ekeys text[] := '{}';
  it record;
  ev text; hv text; bonus_sql text; veto_sql text; vtext text; ptext text; xtext text; list_sql text; held text; why text; ipts text;
BEGIN
  SELECT v.definition, r.year INTO d, yr FROM evaluation_run r JOIN evaluation_method_version v ON v.id = r.method_version_id WHERE r.id = run;
  items := mujun_method_items(d);
  cls := ARRAY(SELECT jsonb_array_elements_text(d->'classes'));
  rounding := COALESCE(d->>'rounding', 'half_up');
  DELETE FROM evaluation_result WHERE run_id = run;
  -- 1. The groups' statements (the first group of a size class is the one that evaluates it).
  FOR gdef IN SELECT DISTINCT ON (e.value->>'sizeClass') e.value FROM jsonb_array_elements(d->'groups') WITH ORDINALITY e(value, ord) ORDER BY e.value->>'sizeClass', e.ord LOOP
    cr := gdef->'classRule';
    rtype := cr->>'type';
    a_by := cr->'aRankBy';
    c_by := cr->'cRankBy';
    vals := ''; bms := ''; q0 := ''; pts := ''; total := '0'; detail := ''; akey := NULL; ckey := NULL;
    ni := 0;
    FOR ind IN SELECT e.value AS spec FROM jsonb_array_elements(gdef->'indicators') WITH ORDINALITY e(value, ord) ORDER BY e.ord LOOP
      ni := ni + 1;
      f := mujun_indicator_formula(ind.spec->>'code');
      w := quote_literal((ind.spec->>'weight')::float8) || '::float8';
      cap := quote_literal(COALESCE((ind.spec->>'cap')::float8, 'Infinity')) || '::float8';
      vals := vals || ', ' || mujun_value_sql(COALESCE(ind.spec->>'numerator', f->>'numerator'), COALESCE(ind.spec->>'denominator', f->>'denominator'),
                                             COALESCE((ind.spec->>'scale')::float8, (f->>'scale')::float8, 1)) || ' AS v' || ni;
      fkeys := fkeys || ARRAY[COALESCE(ind.spec->>'numerator', f->>'numerator'), COALESCE(ind.spec->>'denominator', f->>'denominator')];
      bms := bms || ', ' || CASE COALESCE(ind.spec->'benchmark'->>'type', 'mean')
        WHEN 'fixed' THEN quote_literal((ind.spec->'benchmark'->>'value')::float8) || '::float8'
        WHEN 'mean_multiple' THEN format('avg(v%s) OVER w * %L::float8', ni, (ind.spec->'benchmark'->>'value')::float8)
        ELSE format('avg(v%s) OVER w', ni) END || ' AS b' || ni;
      q0 := q0 || format(', CASE WHEN v%1$s IS NULL THEN NULL WHEN v%1$s <= 0 OR b%1$s IS NULL OR b%1$s <= 0 THEN 0 ELSE least(v%1$s / b%1$s, %2$s) * %3$s END AS q%1$s', ni, cap, w);
      -- A missing value scores 0, or with missing = mean the mean of the points the others of its field got.
      pts := pts || CASE WHEN ind.spec->>'missing' = 'mean' THEN format(', COALESCE(q%1$s, COALESCE(avg(q%1$s) OVER w, 0)) AS p%1$s', ni)
                         ELSE format(', COALESCE(q%1$s, 0) AS p%1$s', ni) END;
      total := total || ' + p' || ni;
      -- Stored flat, in the group's order: value, benchmark and points of each indicator, as computed (float8). The
      -- explanation reads codes, weights and caps from the method version and rounds for display.
      detail := detail || CASE WHEN ni > 1 THEN ', ' ELSE '' END || format('v.v%1$s, v.b%1$s, v.p%1$s', ni);
      IF jsonb_typeof(a_by) = 'object' AND a_by ? (ind.spec->>'code') THEN akey := COALESCE(akey, '0') || format(' + p%s * %L::float8', ni, (a_by->>(ind.spec->>'code'))::float8); END IF;
      IF jsonb_typeof(c_by) = 'object' AND c_by ? (ind.spec->>'code') THEN ckey := COALESCE(ckey, '0') || format(' + p%s * %L::float8', ni, (c_by->>(ind.spec->>'code'))::float8); END IF;
      IF jsonb_typeof(a_by) = 'string' AND a_by #>> '{}' = ind.spec->>'code' THEN akey := 't.v' || ni; END IF;
      IF jsonb_typeof(c_by) = 'string' AND c_by #>> '{}' = ind.spec->>'code' THEN ckey := 't.v' || ni; END IF;
    END LOOP;
    -- A re-rank indicator the group does not score is read as a value of its own (va, vc); the default key is the score.
    IF jsonb_typeof(a_by) = 'string' AND a_by #>> '{}' <> 'score' AND akey IS NULL THEN
      f := mujun_indicator_formula(a_by #>> '{}');
      vals := vals || ', ' || mujun_value_sql(f->>'numerator', f->>'denominator', COALESCE((f->>'scale')::float8, 1)) || ' AS va';
      fkeys := fkeys || ARRAY[f->>'numerator', f->>'denominator'];
      akey := 't.va';
    END IF;
    IF jsonb_typeof(c_by) = 'string' AND c_by #>> '{}' <> 'score' AND ckey IS NULL THEN
      f := mujun_indicator_formula(c_by #>> '{}');
      vals := vals || ', ' || mujun_value_sql(f->>'numerator', f->>'denominator', COALESCE((f->>'scale')::float8, 1)) || ' AS vc';
      fkeys := fkeys || ARRAY[f->>'numerator', f->>'denominator'];
      ckey := 't.vc';
    END IF;
    akey := COALESCE(akey, 't.score::float8');
    ckey := COALESCE(ckey, 't.score::float8');
    -- With refillVetoed, vetoed enterprises leave the competition for class slots, so the slot a veto frees passes to
    -- the next one (and the vetoed fill the lowest class from below).
    refill := COALESCE((cr->>'refillVetoed')::boolean, false);
    IF rtype = 'two_stage' THEN
      -- One rank serves both re-ranks: in the upper half by the A key (descending, missing last), in the lower half by
      -- the C key (ascending, missing first).
      two2 := 'SELECT two.*, two.qrnk <= two.top_n AS upper, rank() OVER (PARTITION BY two.part, two.qrnk <= two.top_n, two.left_out '
        || 'ORDER BY CASE WHEN two.qrnk <= two.top_n THEN two.akey IS NULL ELSE two.ckey IS NOT NULL END, '
        || 'CASE WHEN two.qrnk <= two.top_n THEN two.akey ELSE -two.ckey END DESC) AS rerank FROM two';
      cls_expr := 'CASE WHEN t.upper AND t.rerank <= t.n_a THEN 0 WHEN NOT t.upper AND t.rerank <= t.n_c THEN 2 ELSE 1 END';
      step := $s$CASE WHEN v.cls_idx = 0 THEN
          format('综合得分第 %s/%s 名，在前 %s 名（%s%%）内；按 %s 重排第 %s 名，在前 %s 名（%s%% 的 %s 家）内 → %s',
                 v.rnk, v.n, v.top_n, round($7 * 100), $3, v.rerank, v.n_a, round($8 * 100), v.n, $2[1])
        WHEN v.cls_idx = 2 THEN
          format('综合得分第 %s/%s 名，在后半部分（前 %s 名之外）；按 %s 升序第 %s 名，在最低 %s 名（%s%% 的 %s 家）内 → %s',
                 v.rnk, v.n, v.top_n, $4, v.rerank, v.n_c, round($9 * 100), v.n, $2[3])
        ELSE format('综合得分第 %s/%s 名；%s → %s', v.rnk, v.n,
                 CASE WHEN v.upper THEN format('在前 %s 名内，但按 %s 重排第 %s 名，未进前 %s 名', v.top_n, $3, v.rerank, v.n_a)
                      ELSE format('在后半部分，但按 %s 升序第 %s 名，不在最低 %s 名内', $4, v.rerank, v.n_c) END, $2[2]) END$s$;
      stepj := $s$json_build_object('rule', 'two_stage', 'at', CASE WHEN v.cls_idx = 0 THEN 'a' WHEN v.cls_idx = 2 THEN 'c' WHEN v.upper THEN 'upper' ELSE 'lower' END,
          'rank', v.rnk, 'n', v.n, 'topN', v.top_n, 'topPct', round($7 * 100), 'aBy', $15, 'rerank', v.rerank, 'nA', v.n_a, 'aPct', round($8 * 100),
          'cBy', $16, 'nC', v.n_c, 'cPct', round($9 * 100), 'class', $2[v.fin_idx + 1])$s$;
    ELSE
      two2 := 'SELECT two.* FROM two';
      IF rtype = 'quotas' THEN
        cls_expr := 'COALESCE((SELECT min(q) - 1 FROM generate_subscripts($12, 1) q WHERE t.qrnk <= mujun_round_count(t.n * ($12)[q], $11)), cardinality($12) - 1)::int';
        step := $s$format('综合得分第 %s/%s 名，按名额比例 %s（%s）→ %s', v.rnk, v.n, $5,
                  CASE $11 WHEN 'floor' THEN '向下取整' WHEN 'ceil' THEN '向上取整' ELSE '四舍五入' END, $2[v.cls_idx + 1])$s$;
        stepj := $s$json_build_object('rule', 'quotas', 'rank', v.rnk, 'n', v.n, 'shares', $5::jsonb, 'rounding', $11, 'class', $2[v.fin_idx + 1])$s$;
      ELSE
        cls_expr := 'COALESCE((SELECT min(q) - 1 FROM generate_subscripts($13, 1) q WHERE t.score >= ($13)[q]), cardinality($13) - 1)::int';
        step := $s$format('综合得分 %s，按分数线 %s → %s', v.score, $6, $2[v.cls_idx + 1])$s$;
        stepj := $s$json_build_object('rule', 'thresholds', 'score', v.score, 'min', $6::jsonb, 'class', $2[v.fin_idx + 1])$s$;
      END IF;
    END IF;
    -- The group's rows flow through as few sorts as the rule needs: the field in enterprise order (benchmarks and
    -- counts: a fixed order, so that float sums are the same in every run), the score, the slots' rank when vetoed
    -- enterprises leave the competition, and the re-rank of a two-stage rule.
    stmt := 'INSERT INTO evaluation_result (run_id, enterprise_id, cluster_id, group_code, evaluated, exclusion, land_mu, indicators, bonus, score, rank, '
      || 'group_size, class, class_step, veto, items, reason) '
      || 'WITH l1 AS (SELECT s.enterprise_id, s.cluster_id, s.land, s.part, s.bonus, s.veto_idx, s.veto_text, s.protect_text, s.item_list, '
      || CASE WHEN refill THEN 's.veto_idx IS NOT NULL' ELSE 'false' END || ' AS left_out' || vals
      || '  FROM evaluation_scoped s WHERE s.gcode = $14 AND s.exclusion IS NULL), '
      || 'l2 AS (SELECT l1.*' || bms || ', count(*) OVER w AS n, count(*) FILTER (WHERE l1.left_out) OVER w AS n_vetoed '
      || '  FROM l1 WINDOW w AS (PARTITION BY l1.part ORDER BY l1.enterprise_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)), '
      || 'l3 AS (SELECT l2.*' || q0 || ' FROM l2), '
      || 'l4 AS (SELECT l3.*' || pts || ' FROM l3 WINDOW w AS (PARTITION BY l3.part ORDER BY l3.enterprise_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)), '
      || 't AS (SELECT l4.*, round((' || total || ')::numeric + l4.bonus, 2) AS score FROM l4), '
      || 'kk AS (SELECT t.*, ' || akey || ' AS akey, ' || ckey || ' AS ckey FROM t), '
      -- qrnk: the rank that competes for class slots (the vetoed leave it with refillVetoed): its rank among those
      -- that stay (or among the left out, for one of them), from the same sort as the rank itself. With lo_up the
      -- left-out rows scoring at least as high and lo_eq those scoring the same, lo_up − lo_eq score higher, so the
      -- rank among the left out is 1 + lo_up − lo_eq and among the others rnk − (lo_up − lo_eq).
      || CASE WHEN refill THEN 'rk AS (SELECT kk.*, rank() OVER wr AS rnk, count(*) FILTER (WHERE kk.left_out) OVER wr AS lo_up, '
                               || 'count(*) FILTER (WHERE kk.left_out) OVER (wr RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS lo_eq '
                               || 'FROM kk WINDOW wr AS (PARTITION BY kk.part ORDER BY kk.score DESC)), '
                               || 'rq AS (SELECT rk.*, CASE WHEN rk.left_out THEN 1 + rk.lo_up - rk.lo_eq ELSE rk.rnk - (rk.lo_up - rk.lo_eq) END AS qrnk FROM rk), '
              ELSE 'rk AS (SELECT kk.*, rank() OVER (PARTITION BY kk.part ORDER BY kk.score DESC) AS rnk FROM kk), '
                   || 'rq AS (SELECT rk.*, rk.rnk AS qrnk FROM rk), ' END
      -- The half has a rounding rule of its own (halfRounding; the quotas' rounding when not given).
      || 'two AS (SELECT rq.*, mujun_round_count(rq.n * $7, $10) AS top_n, mujun_round_count(rq.n * $8, $11) AS n_a, '
      || '  greatest(0, mujun_round_count(rq.n * $9, $11) - rq.n_vetoed) AS n_c FROM rq), '
      || 'two2 AS (' || two2 || '), '
      || 'decided AS (SELECT t.*, ' || cls_expr || ' AS cls_idx FROM two2 t), '
      -- A veto sets the class no better than its own; a protection lifts an enterprise out of the lowest class (not a vetoed one).
      || 'fin AS (SELECT dd.*, CASE WHEN dd.veto_idx IS NOT NULL AND dd.veto_idx > dd.cls_idx THEN dd.veto_idx '
      || '  WHEN dd.veto_idx IS NULL AND dd.protect_text IS NOT NULL AND dd.cls_idx = cardinality($2) - 1 THEN dd.cls_idx - 1 ELSE dd.cls_idx END AS fin_idx FROM decided dd) '
      || 'SELECT $1, v.enterprise_id, v.cluster_id, $14, true, NULL, v.land, json_build_array(' || detail || '), v.bonus, v.score, v.rnk, v.n, $2[v.fin_idx + 1], '
      || $s$CASE WHEN v.fin_idx > v.cls_idx THEN format('一票否决（%s）→ %s (veto)', v.veto_text, $2[v.fin_idx + 1])
             WHEN v.fin_idx < v.cls_idx THEN format('按规则应列 %s；%s，不列入最低类 → %s (protected from the lowest class)', $2[v.cls_idx + 1], v.protect_text, $2[v.fin_idx + 1])
             ELSE $s$ || step || ' END, CASE WHEN v.veto_idx IS NOT NULL THEN v.veto_text END, v.item_list, '
      -- The same step as data (reason), which the interface writes in the reader's language: json, built as text (a
      -- jsonb value prints and re-reads every number, V34).
      || $s$CASE WHEN v.fin_idx > v.cls_idx THEN json_build_object('rule', 'veto', 'veto', v.veto_text, 'class', $2[v.fin_idx + 1])
             WHEN v.fin_idx < v.cls_idx THEN json_build_object('rule', 'protected', 'would', $2[v.cls_idx + 1], 'protect', v.protect_text, 'class', $2[v.fin_idx + 1])
             ELSE $s$ || stepj || $s$ END FROM fin v$s$;
    stmts := stmts || stmt;
    gdefs := gdefs || gdef;
  END LOOP;
  -- 2. One pass puts every enterprise's inputs (figures frozen by reference: read from the figures' own row while it
  -- holds that version, V34, else from the history row, V22), group, ranking field, items and exclusion into a
  -- temporary table: a fresh table is planned from its size (planned against evaluation_input, a new run id is
  -- estimated at one row). Each item is a few columns of the row (its evidence figure read once), so no enterprise is
  -- joined to the list of items.
  DROP TABLE IF EXISTS evaluation_scoped;
  -- The figures of enterprise_indicator that are numbers ('n') or flags ('b'): a figure frozen by reference to the
  -- history row its enterprise-year still holds (history_id, V34) is read from that row's own columns, typed, instead of
  -- out of the history row's JSON (fetched and decompressed per enterprise: a third of this step). Any other input
  -- (copied figures, a later version since) reads the JSON as before, with the same values: both hold the same numbers.
  SELECT jsonb_object_agg(attname, CASE WHEN atttypid = 'boolean'::regtype THEN 'b' ELSE 'n' END) INTO icols
    FROM pg_attribute WHERE attrelid = 'enterprise_indicator'::regclass AND attnum > 0 AND NOT attisdropped
      AND atttypid IN ('boolean'::regtype, 'numeric'::regtype, 'integer'::regtype, 'smallint'::regtype, 'bigint'::regtype, 'double precision'::regtype);
  ev := ''; hv := ''; bonus_sql := '0::numeric'; veto_sql := ''; vtext := ''; ptext := ''; xtext := ''; list_sql := ''; held := 'false';
  FOR it IN SELECT e.value AS spec, e.ord FROM jsonb_array_elements(items) WITH ORDINALITY e(value, ord) ORDER BY e.ord LOOP
    ev := ev || format(', a.figures->%L AS e%s', it.spec->>'evidence', it.ord);
    -- An item holds on yes for a flag, or on a count of at least its min (1 when not given).
    tk := icols->>(it.spec->>'evidence');
    hv := hv || format(', CASE %3$s WHEN b.e%1$s = ''true''::jsonb THEN true WHEN jsonb_typeof(b.e%1$s) = ''number'' THEN (b.e%1$s)::numeric >= %2$L::numeric ELSE false END AS h%1$s, '
                       'CASE %4$s WHEN jsonb_typeof(b.e%1$s) = ''number'' THEN (b.e%1$s)::numeric END AS m%1$s', it.ord, COALESCE((it.spec->>'min')::numeric, 1),
                       CASE tk WHEN 'b' THEN format('WHEN b.typed THEN COALESCE(b.%I, false)', 't_' || (it.spec->>'evidence'))
                               WHEN 'n' THEN format('WHEN b.typed THEN COALESCE(b.%I >= %L::numeric, false)', 't_' || (it.spec->>'evidence'), COALESCE((it.spec->>'min')::numeric, 1))
                               ELSE '' END,
                       CASE tk WHEN 'b' THEN 'WHEN b.typed THEN NULL::numeric' WHEN 'n' THEN format('WHEN b.typed THEN b.%I::numeric', 't_' || (it.spec->>'evidence')) ELSE '' END);
    IF tk IS NOT NULL THEN ekeys := ekeys || (it.spec->>'evidence'); END IF;
    ipts := CASE WHEN it.spec->>'effect' <> 'bonus' THEN 'NULL::numeric'
                WHEN jsonb_exists(it.spec, 'pointsPer') THEN format('least(COALESCE(c.m%s, 0) * %L::numeric, %L::numeric)', it.ord, (it.spec->>'pointsPer')::numeric, COALESCE((it.spec->>'maxPoints')::numeric, 'Infinity'))
                ELSE format('%L::numeric', (it.spec->>'points')::numeric) END;
    IF it.spec->>'effect' = 'bonus' THEN bonus_sql := bonus_sql || format(' + CASE WHEN c.h%s THEN COALESCE(%s, 0) ELSE 0 END', it.ord, ipts); END IF;
    why := quote_literal(COALESCE(it.spec->>'reason', it.spec->>'name', it.spec->>'code'));
    CASE it.spec->>'effect'
      WHEN 'veto' THEN
        veto_sql := veto_sql || format(', CASE WHEN c.h%s THEN %s END', it.ord, COALESCE((array_position(cls, it.spec->>'class') - 1)::text, 'NULL::int'));
        vtext := vtext || format(', CASE WHEN c.h%s THEN %s END', it.ord, why);
      WHEN 'protect' THEN ptext := ptext || format(', CASE WHEN c.h%s THEN %s END', it.ord, why);
      WHEN 'exclude' THEN xtext := xtext || format(', CASE WHEN c.h%s THEN %s END', it.ord, why);
      ELSE NULL;
    END CASE;
    -- What held, per item: its code, the amount read and the points given (its name, evidence, class and reason are
    -- the method version's, which the explanation adds). Where none held (most rows) no list is built.
    held := held || format(' OR c.h%s', it.ord);
    list_sql := list_sql || CASE WHEN list_sql = '' THEN '' ELSE ', ' END
      || format('CASE WHEN c.h%1$s THEN jsonb_build_object(''code'', %2$L::text, ''effect'', %3$L::text, ''amount'', c.m%1$s, ''points'', %4$s) END',
                it.ord, it.spec->>'code', it.spec->>'effect', ipts);
  END LOOP;
  -- The figures the groups' indicators read, as number columns f_<code> (the groups never read the figures' JSON).
  -- tcols: the typed columns read from the figures' row, for the groups' figures and the items' evidence (ekeys).
  SELECT COALESCE(string_agg(format(', CASE WHEN a.typed THEN a.%I::float8 ELSE (a.figures->>%L)::float8 END AS %I', 't_' || x, x, 'f_' || x), '' ORDER BY x)
                    FILTER (WHERE icols->>x = 'n' AND x = ANY (fkeys)), '')
         || COALESCE(string_agg(format(', (a.figures->>%L)::float8 AS %I', x, 'f_' || x), '' ORDER BY x) FILTER (WHERE (icols->>x IS DISTINCT FROM 'n') AND x = ANY (fkeys)), ''),
         COALESCE(string_agg(format(', b.%I', 'f_' || x), '' ORDER BY x) FILTER (WHERE x = ANY (fkeys)), ''),
         COALESCE(string_agg(format(', ei.%I AS %I', x, 't_' || x), '' ORDER BY x) FILTER (WHERE icols ? x), '')
    INTO fv, fcols, tcols
    FROM (SELECT DISTINCT x FROM unnest(fkeys || ekeys) x WHERE x IS NOT NULL AND x <> 'land') y;
  stmt := 'CREATE TEMP TABLE evaluation_scoped ON COMMIT DROP AS '
    || 'WITH firstgrp AS (SELECT DISTINCT ON (g.value->>''sizeClass'') g.value->>''sizeClass'' AS size_class, g.value->>''code'' AS gcode, '
    || '    COALESCE(g.value->''classRule''->>''per'', ''cluster'') AS per '
    || '  FROM jsonb_array_elements($2->''groups'') WITH ORDINALITY g(value, ord) ORDER BY g.value->>''sizeClass'', g.ord), '
    -- The figures are read once out of their stored (compressed) form: "|| '{}'" gives the value itself, so each of the
    -- figures and evidence the next step reads does not decompress the history row again (3–4× faster there).
    || 'a AS (SELECT i.enterprise_id, i.cluster_id, i.size_class, i.founded_on, i.industry_code, i.above_since, '
    || '    CASE WHEN ei.enterprise_id IS NULL THEN COALESCE(i.figures, ch.row_data) || ''{}''::jsonb END AS figures, ei.enterprise_id IS NOT NULL AS typed' || tcols || ', '
    || '    i.held_mu + CASE WHEN $2->>''landBasis'' = ''held'' THEN 0 ELSE i.rented_mu END AS land, fg.gcode, '
    -- The field a class rule ranks in: the cluster (default), the cluster's city (its six-digit code, negated), or
    -- every enterprise of the run (0); a number, which sorts faster than text.
    || '    CASE fg.per WHEN ''city'' THEN -COALESCE(i.city_code::int, 0) WHEN ''province'' THEN 0 ELSE i.cluster_id END AS part '
    || '  FROM evaluation_input i LEFT JOIN enterprise_indicator ei ON i.figures IS NULL AND ei.enterprise_id = i.enterprise_id AND ei.year = $3 '
    || '    AND ei.history_id = i.figures_history_id '
    || '  LEFT JOIN LATERAL (SELECT h.row_data FROM change_history h WHERE ei.enterprise_id IS NULL AND h.id = i.figures_history_id OFFSET 0) ch ON true '
    || '  LEFT JOIN firstgrp fg ON fg.size_class = i.size_class WHERE i.run_id = $1 OFFSET 0), '
    || 'b AS (SELECT a.*' || ev || fv || ' FROM a OFFSET 0), '
    || 'c AS (SELECT b.*' || hv || ' FROM b OFFSET 0), '
    || 'h AS (SELECT c.*, '
    || '    ' || bonus_sql || ' AS bonus, '
    || '    ' || CASE WHEN veto_sql = '' THEN 'NULL::int' ELSE 'greatest(NULL::int' || veto_sql || ')' END || ' AS veto_idx, '
    || '    ' || CASE WHEN vtext = '' THEN 'NULL::text' ELSE 'NULLIF(concat_ws(''；''' || vtext || '), '''')' END || ' AS veto_text, '
    || '    ' || CASE WHEN ptext = '' THEN 'NULL::text' ELSE 'NULLIF(concat_ws(''；''' || ptext || '), '''')' END || ' AS protect_text, '
    || '    ' || CASE WHEN xtext = '' THEN 'NULL::text' ELSE 'NULLIF(concat_ws(''；''' || xtext || '), '''')' END || ' AS exclude_text, '
    || '    ' || CASE WHEN list_sql = '' THEN 'NULL::jsonb' ELSE 'CASE WHEN ' || held || ' THEN to_jsonb(array_remove(ARRAY[' || list_sql || ']::jsonb[], NULL)) END' END || ' AS item_list '
    || '  FROM c) '
    || $s$SELECT b.enterprise_id, b.cluster_id, b.land, b.gcode, b.part, b.bonus, b.veto_idx, b.veto_text, b.protect_text, b.item_list$s$
    || fcols || $s$, x.why AS exclusion_reason, CASE WHEN x.why IS NOT NULL THEN mujun_exclusion_text(x.why) END AS exclusion
  FROM h b CROSS JOIN LATERAL (SELECT CASE
      WHEN b.gcode IS NULL THEN jsonb_build_object('rule', 'no_group', 'sizeClass', b.size_class)
      WHEN b.figures IS NULL AND NOT b.typed THEN jsonb_build_object('rule', 'no_figures', 'year', $3)
      WHEN b.land <= 0 THEN jsonb_build_object('rule', 'no_land')
      WHEN b.size_class = 'below' AND b.land < COALESCE(($2->'scope'->>'belowMinMu')::float8, 0)
        THEN jsonb_build_object('rule', 'below_min', 'land', round(b.land::numeric, 2), 'minMu', $2->'scope'->'belowMinMu')
      WHEN jsonb_typeof($2->'scope'->'industries') = 'array' AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text($2->'scope'->'industries') x
             WHERE COALESCE(b.industry_code, '') LIKE x || '%')
        THEN jsonb_build_object('rule', 'industry', 'industry', b.industry_code, 'scope', $2->'scope'->'industries')
      WHEN b.size_class = 'above' AND b.above_since IS NOT NULL AND COALESCE(($2->'scope'->>'excludeNewlyAboveYears')::int, 0) > 0
           AND b.above_since > $3 - ($2->'scope'->>'excludeNewlyAboveYears')::int
        THEN jsonb_build_object('rule', 'newly_above', 'years', $2->'scope'->'excludeNewlyAboveYears', 'since', b.above_since)
      WHEN b.founded_on IS NOT NULL AND COALESCE(($2->'scope'->>'excludeYoungerThanYears')::int, 0) > 0
           AND b.founded_on > make_date($3 - ($2->'scope'->>'excludeYoungerThanYears')::int, 12, 31)
        THEN jsonb_build_object('rule', 'young', 'years', $2->'scope'->'excludeYoungerThanYears', 'founded', b.founded_on)
      WHEN b.exclude_text IS NOT NULL THEN jsonb_build_object('rule', 'excluded_item', 'items', b.exclude_text)
      END AS why) x$s$;
  EXECUTE stmt USING run, d, yr;
  -- 3. The excluded, with their reason.
  INSERT INTO evaluation_result (run_id, enterprise_id, cluster_id, group_code, evaluated, exclusion, land_mu, indicators, bonus, score, rank,
                                 group_size, class, class_step, veto, items, reason)
  SELECT run, s.enterprise_id, s.cluster_id, s.gcode, false, s.exclusion, s.land, '[]'::json, 0, NULL, NULL, NULL, NULL, NULL, NULL, s.item_list, s.exclusion_reason
  FROM evaluation_scoped s WHERE s.exclusion IS NOT NULL;
  GET DIAGNOSTICS k = ROW_COUNT;
  n := n + k;

  -- 4. The groups.
  FOR gi IN 1..cardinality(stmts) LOOP
    gdef := gdefs[gi];
    cr := gdef->'classRule';
    a_by := cr->'aRankBy';
    c_by := cr->'cRankBy';
    EXECUTE stmts[gi] USING run, cls, mujun_rank_by_text(a_by), mujun_rank_by_text(c_by), (cr->'shares')::text, (cr->'min')::text,
      COALESCE((cr->>'topShare')::numeric, 0.5), COALESCE((cr->>'aShare')::numeric, 0), COALESCE((cr->>'cShare')::numeric, 0),
      COALESCE(cr->>'halfRounding', rounding), rounding,
      ARRAY(SELECT sum(s.share::numeric) OVER (ORDER BY s.ord) FROM jsonb_array_elements_text(cr->'shares') WITH ORDINALITY s(share, ord)),
      ARRAY(SELECT m::numeric FROM jsonb_array_elements_text(cr->'min') m), gdef->>'code', COALESCE(a_by, '"score"'), COALESCE(c_by, '"score"');
    GET DIAGNOSTICS k = ROW_COUNT;
    n := n + k;
  END LOOP;
  RETURN n;
END $$;

-- The SHA-256 of a run's output, every result row in a fixed form (computed when a run is published or verified; a
-- draft needs none).
CREATE OR REPLACE FUNCTION evaluation_hash(run integer) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(COALESCE(string_agg(
      concat_ws('|', er.enterprise_id, er.group_code, er.evaluated, er.exclusion, round(er.land_mu::numeric, 4), er.indicators::text, er.bonus, er.score,
                er.rank, er.group_size, er.class, er.class_step, er.veto, er.items::text), E'\n' ORDER BY er.enterprise_id), ''), 'UTF8')), 'hex')
  FROM evaluation_result er WHERE er.run_id = run
$$;

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

