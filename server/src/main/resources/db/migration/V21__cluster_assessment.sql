-- The yearly assessment of the clusters themselves (产业集聚区年度考核评价, issue 19): cluster-level indicators computed
-- from the register and the enterprises' figures where they can be (R__7 cluster_indicator_values), or entered with
-- their source where they cannot; methods as versioned data; runs with their results (score, ranks in the city and the
-- province, grade), published and then never changed.

CREATE TABLE cluster_indicator (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name        text NOT NULL,
  name_en     text NOT NULL,
  unit        text NOT NULL,
  computed    boolean NOT NULL,
  higher_better boolean NOT NULL DEFAULT true,
  formula     text NOT NULL,
  sort        integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE cluster_indicator IS 'Cluster-level indicators: computed from the data (formula says how) or entered per cluster and year with a source.';
INSERT INTO cluster_indicator VALUES
  ('tax_per_mu', '亩均税收', 'Tax per mu', '万元/亩', true, true, '集聚区企业当年实缴税金之和 ÷ 其用地（自有加租用，亩）之和', 1),
  ('va_per_mu', '亩均增加值', 'Value added per mu', '万元/亩', true, true, '企业工业增加值之和 ÷ 用地之和', 2),
  ('energy_intensity_change_pct', '单位工业增加值能耗变化', 'Change of energy per value added', '%', true, false, '（当年综合能耗 ÷ 增加值）÷（上年同口径）− 1', 3),
  ('va_growth_pct', '工业增加值增长', 'Value added growth', '%', true, true, '当年企业增加值之和 ÷ 上年 − 1', 4),
  ('revenue_total_yi', '主营业务收入', 'Revenue', '亿元', true, true, '企业营业收入之和 ÷ 10000', 5),
  ('low_eff_disposed_mu', '低效用地处置面积', 'Low-efficiency land disposed', '亩', true, true, '当年完成的处置方案盘活面积之和', 6),
  ('low_eff_disposed_share_pct', '低效用地处置率', 'Share of low-efficiency land disposed', '%', true, true, '当年盘活面积 ÷（在册低效用地 + 当年盘活面积）', 7),
  ('standard_land_share_pct', '“标准地”供地占比', 'Standard land in new industrial supply', '%', true, true, '当年成交的“标准地”面积 ÷ 当年新供工业用地面积', 8),
  ('above_va_share_pct', '规上工业增加值占县域比重', 'Share of the county''s above-size value added', '%', false, true, '填报：集聚区规上工业增加值 ÷ 所在县（市、区）规上工业增加值（统计部门）', 9);

CREATE TABLE cluster_figure (
  cluster_id integer NOT NULL REFERENCES cluster(id),
  year       smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  indicator  text NOT NULL REFERENCES cluster_indicator(code),
  value      numeric NOT NULL,
  source     text NOT NULL CHECK (length(btrim(source)) > 0),
  version    integer NOT NULL DEFAULT 1,
  changed_by text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cluster_id, year, indicator)
);
COMMENT ON TABLE cluster_figure IS 'An entered cluster-level figure for a year, with its source (e.g. 统计部门); history kept.';

CREATE TABLE cluster_assessment_method (
  id      serial PRIMARY KEY,
  code    text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{2,40}$'),
  name    text NOT NULL,
  name_en text NOT NULL
);
CREATE TABLE cluster_assessment_version (
  id         serial PRIMARY KEY,
  method_id  integer NOT NULL REFERENCES cluster_assessment_method(id),
  version    integer NOT NULL,
  definition jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (method_id, version)
);
COMMENT ON TABLE cluster_assessment_version IS 'A version of a cluster assessment method: indicators with weight, benchmark (the target, the mean or a value) and cap; grades by score.';

CREATE TABLE cluster_assessment_run (
  id                serial PRIMARY KEY,
  version_id        integer NOT NULL REFERENCES cluster_assessment_version(id),
  year              smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded', 'discarded')),
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  published_by      text,
  published_at      timestamptz
);
CREATE TABLE cluster_assessment_result (
  run_id        integer NOT NULL REFERENCES cluster_assessment_run(id),
  cluster_id    integer NOT NULL REFERENCES cluster(id),
  city_code     char(6) NOT NULL,
  indicators    jsonb NOT NULL,
  score         numeric,
  province_rank integer,
  city_rank     integer,
  grade         text,
  PRIMARY KEY (run_id, cluster_id)
);
COMMENT ON TABLE cluster_assessment_result IS 'A cluster''s assessment: each indicator''s value, source, benchmark and points; the score, ranks in the province and its city, the grade.';

INSERT INTO cluster_assessment_method (code, name, name_en) VALUES ('henan-cluster-2020', '河南省产业集聚区年度考核评价（2020 年工作方案口径）', 'Henan cluster assessment (2020 plan)');
INSERT INTO cluster_assessment_version (method_id, version, definition, created_by)
SELECT id, 1, '{
  "indicators": [
    {"code": "tax_per_mu", "weight": 30, "benchmark": {"type": "fixed", "value": 11}, "cap": 1.5},
    {"code": "va_per_mu", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5},
    {"code": "energy_intensity_change_pct", "weight": 15, "benchmark": {"type": "fixed", "value": -4}, "cap": 1.5},
    {"code": "va_growth_pct", "weight": 10, "benchmark": {"type": "mean"}, "cap": 1.5},
    {"code": "low_eff_disposed_share_pct", "weight": 15, "benchmark": {"type": "mean"}, "cap": 1.5},
    {"code": "standard_land_share_pct", "weight": 10, "benchmark": {"type": "mean"}, "cap": 1.5}],
  "grades": [{"name": "五星", "min": 110}, {"name": "四星", "min": 95}, {"name": "三星", "min": 80}, {"name": "二星", "min": 60}, {"name": "一星", "min": 0}]
}'::jsonb, 'preset' FROM cluster_assessment_method WHERE code = 'henan-cluster-2020';
