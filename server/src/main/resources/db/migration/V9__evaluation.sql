-- Enterprise comprehensive evaluation (亩均论英雄): methods as versioned data, runs with their input snapshot and
-- results, differentiated policies, indicator imports and the dashboard's targets. Functions: R__v9_evaluation.sql.

CREATE TABLE evaluation_method (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{2,40}$'),
  name        text NOT NULL,
  name_en     text NOT NULL,
  description text NOT NULL DEFAULT ''
);
COMMENT ON TABLE evaluation_method IS 'An evaluation method (Henan 2019, Zhejiang, Shandong, local ones); its rules live in versions.';

CREATE TABLE evaluation_method_version (
  id         serial PRIMARY KEY,
  method_id  integer NOT NULL REFERENCES evaluation_method(id),
  version    integer NOT NULL,
  definition jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (method_id, version)
);
COMMENT ON TABLE evaluation_method_version IS 'A version of a method''s rules (scope, groups, indicators, benchmarks, caps, bonuses, vetoes, class rules, rounding); never changed once written.';

CREATE TABLE evaluation_run (
  id                serial PRIMARY KEY,
  method_version_id integer NOT NULL REFERENCES evaluation_method_version(id),
  year              smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  clusters          integer[] NOT NULL,
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded', 'discarded')),
  corrects_run_id   integer REFERENCES evaluation_run(id),
  note              text NOT NULL DEFAULT '',
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  published_by      text,
  published_at      timestamptz,
  duration_ms       integer,
  output_sha256     text
);
CREATE INDEX evaluation_run_year_idx ON evaluation_run (year, status);
COMMENT ON TABLE evaluation_run IS 'One evaluation of a year over some clusters with a method version: draft, then published (then never changed; a correction is a new run referencing it).';

-- What the run read: one row per enterprise, frozen, so a run can be re-computed and explained years later.
-- enterprise_id is copied from the enterprise table in the same statement that writes it; no foreign key is checked per
-- row (tens of thousands per run), and enterprises are never deleted.
CREATE TABLE evaluation_input (
  run_id          integer NOT NULL REFERENCES evaluation_run(id),
  enterprise_id   bigint NOT NULL,
  cluster_id      integer NOT NULL,
  size_class      text NOT NULL,
  founded_on      date,
  held_mu         double precision NOT NULL,
  rented_mu       double precision NOT NULL,
  figures         jsonb,
  PRIMARY KEY (run_id, enterprise_id)
);
COMMENT ON TABLE evaluation_input IS 'The inputs of a run per enterprise: held and rented land (亩) and the year''s figures, as they were.';

CREATE TABLE evaluation_result (
  run_id          integer NOT NULL REFERENCES evaluation_run(id),
  enterprise_id   bigint NOT NULL,
  cluster_id      integer NOT NULL,
  group_code      text,
  evaluated       boolean NOT NULL,
  exclusion       text,
  land_mu         double precision,
  indicators      json NOT NULL DEFAULT '[]',
  bonus           numeric NOT NULL DEFAULT 0,
  score           numeric,
  rank            integer,
  group_size      integer,
  class           text,
  class_step      text,
  veto            text,
  PRIMARY KEY (run_id, enterprise_id)
);
CREATE INDEX evaluation_result_cluster_idx ON evaluation_result (run_id, cluster_id);
COMMENT ON TABLE evaluation_result IS 'Each enterprise''s result: indicators (value, unit, benchmark, score, cap), bonus, total, rank in its group, class and the step of the class rule that decided it, veto or exclusion.';

-- Differentiated policies per class (configuration), with the year-count escalation of the lowest class.
CREATE TABLE evaluation_policy (
  id          serial PRIMARY KEY,
  class       text NOT NULL,
  kind        text NOT NULL,
  description text NOT NULL,
  value       numeric,
  unit        text NOT NULL DEFAULT '',
  min_consecutive_years integer NOT NULL DEFAULT 1,
  max_consecutive_years integer,
  sort        integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE evaluation_policy IS 'Differentiated policies by class; an escalation applies from min to max consecutive years in that class.';
INSERT INTO evaluation_policy (class, kind, description, value, unit, min_consecutive_years, max_consecutive_years, sort) VALUES
  ('A', 'land_priority', '优先保障用地指标、优先安排新增建设用地', NULL, '', 1, NULL, 1),
  ('A', 'credit_priority', '金融机构优先授信支持', NULL, '', 1, NULL, 2),
  ('A', 'subsidy_priority', '优先享受财政奖补、评优评先', NULL, '', 1, NULL, 3),
  ('B', 'guidance', '鼓励技术改造、提升亩均效益', NULL, '', 1, NULL, 1),
  ('C', 'electricity_surcharge', '差别电价：每千瓦时加价', 0.05, '元/kWh', 1, 1, 1),
  ('C', 'electricity_surcharge', '差别电价：连续两年 C 类，每千瓦时加价', 0.10, '元/kWh', 2, 2, 1),
  ('C', 'electricity_surcharge', '差别电价：连续三年及以上 C 类，每千瓦时加价', 0.15, '元/kWh', 3, NULL, 1),
  ('C', 'water_surcharge', '差别水价：加价', 15, '%', 1, 1, 2),
  ('C', 'water_surcharge', '差别水价：连续两年及以上 C 类，加价', 30, '%', 2, NULL, 2),
  ('C', 'land_restriction', '原则上不再新增供地', NULL, '', 1, NULL, 3),
  ('C', 'credit_restriction', '限制新增授信、不享受奖补政策', NULL, '', 1, NULL, 4),
  ('D', 'electricity_surcharge', '差别电价：每千瓦时加价', 0.15, '元/kWh', 1, NULL, 1),
  ('D', 'land_restriction', '不再新增供地，依法依规推动整治或退出', NULL, '', 1, NULL, 2);

-- Targets the dashboards compare with (the seed plan's, and later ones), per province ('') or city.
CREATE TABLE dashboard_target (
  scope_code text NOT NULL DEFAULT '',
  key        text NOT NULL,
  value      numeric NOT NULL,
  label      text NOT NULL,
  PRIMARY KEY (scope_code, key)
);
COMMENT ON TABLE dashboard_target IS 'Targets: tax per 亩 11 万元 (2020 plan), 15 万元 (百园增效); energy per unit value added −4 % a year.';
INSERT INTO dashboard_target VALUES
  ('', 'tax_per_mu', 11, '工业用地亩均税收 11 万元/亩（豫集聚办〔2020〕2号）'),
  ('', 'tax_per_mu_later', 15, '亩均税收 15 万元/亩（百园增效）'),
  ('', 'energy_per_va_change_pct', -4, '单位工业增加值能耗下降 ≥ 4 %');

CREATE TABLE indicator_import (
  id          serial PRIMARY KEY,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  file_name   text NOT NULL,
  file_sha256 text NOT NULL,
  year        smallint,
  rows        jsonb NOT NULL,
  counts      jsonb NOT NULL,
  status      text NOT NULL CHECK (status IN ('checked', 'committed')),
  committed_at timestamptz,
  mode        text
);
COMMENT ON TABLE indicator_import IS 'A file of yearly enterprise figures: every row with its errors (dry run), then committed in one transaction.';

-- Presets (version 1 of each; edit by saving a new version). The weights of the Henan preset are a local choice
-- (the 2019 rules fix the class mechanics, not the weights): change them in a new version.
INSERT INTO evaluation_method (code, name, name_en, description) VALUES
  ('henan-2019', '河南省产业集聚区企业分类综合评价（2019）', 'Henan 2019 (A/B/C, two-stage)',
   '规上：综合得分前 50% 按亩均税收重排，前 15% 为 A；后 50% 按单位能耗总产值升序，最低 10% 为 C；其余 B。规下（≥5 亩）按实缴税收同样办法。按集聚区分组。'),
  ('zhejiang', '浙江亩均效益综合评价', 'Zhejiang (A/B/C/D, scores)',
   '规上 6 项指标权重 30/20/20/10/10/10，规下 2 项 50/50；得分封顶 1.5 倍权重；加分项；按分数线分 A/B/C/D。'),
  ('shandong', '山东亩产效益评价', 'Shandong (A/B/C/D, quotas 20/55/20/5)',
   '按综合得分排序，前 20% 为 A，其后 55% 为 B，其后 20% 为 C，最后 5% 为 D。');

INSERT INTO evaluation_method_version (method_id, version, definition, created_by)
SELECT m.id, 1, d.definition::jsonb, 'preset' FROM evaluation_method m JOIN (VALUES
  ('henan-2019', '{
    "landBasis": "held_plus_rented", "rounding": "half_up", "classes": ["A", "B", "C"],
    "scope": {"belowMinMu": 5, "excludeYoungerThanYears": 2},
    "groups": [
      {"code": "above", "name": "规上", "sizeClass": "above",
       "indicators": [
         {"code": "tax_per_mu", "weight": 40, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "va_per_mu", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "va_per_energy", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "rd_intensity", "weight": 10, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "labour_productivity", "weight": 10, "benchmark": {"type": "mean"}, "cap": 1.5}],
       "classRule": {"type": "two_stage", "topShare": 0.5, "aShare": 0.15, "aRankBy": "tax_per_mu", "cShare": 0.10, "cRankBy": "output_per_energy"}},
      {"code": "below", "name": "规下", "sizeClass": "below",
       "indicators": [{"code": "tax_total", "weight": 100, "benchmark": {"type": "mean"}}],
       "classRule": {"type": "two_stage", "topShare": 0.5, "aShare": 0.15, "aRankBy": "tax_total", "cShare": 0.10, "cRankBy": "tax_total"}}],
    "bonus": [],
    "vetoes": [{"flag": "safety_accident", "class": "C", "reason": "重大安全事故"}, {"flag": "env_accident", "class": "C", "reason": "重大环境污染事故"}]}'),
  ('zhejiang', '{
    "landBasis": "held_plus_rented", "rounding": "half_up", "classes": ["A", "B", "C", "D"],
    "scope": {"belowMinMu": 5, "excludeYoungerThanYears": 2},
    "groups": [
      {"code": "above", "name": "规上", "sizeClass": "above",
       "indicators": [
         {"code": "tax_per_mu", "weight": 30, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "va_per_mu", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "va_per_energy", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "va_per_emission", "weight": 10, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "labour_productivity", "weight": 10, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "rd_intensity", "weight": 10, "benchmark": {"type": "mean"}, "cap": 1.5}],
       "classRule": {"type": "thresholds", "min": [90, 60, 40, 0]}},
      {"code": "below", "name": "规下", "sizeClass": "below",
       "indicators": [
         {"code": "tax_per_mu", "weight": 50, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "tax_per_electricity", "weight": 50, "benchmark": {"type": "mean"}, "cap": 1.5}],
       "classRule": {"type": "thresholds", "min": [90, 60, 40, 0]}}],
    "bonus": [{"flag": "listed", "points": 3}, {"flag": "high_tech", "points": 3}],
    "vetoes": [{"flag": "safety_accident", "class": "C", "reason": "重大安全事故"}, {"flag": "env_accident", "class": "C", "reason": "重大环境污染事故"}]}'),
  ('shandong', '{
    "landBasis": "held_plus_rented", "rounding": "half_up", "classes": ["A", "B", "C", "D"],
    "scope": {"belowMinMu": 5, "excludeYoungerThanYears": 2},
    "groups": [
      {"code": "above", "name": "规上", "sizeClass": "above",
       "indicators": [
         {"code": "tax_per_mu", "weight": 40, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "va_per_mu", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "va_per_energy", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5},
         {"code": "rd_intensity", "weight": 20, "benchmark": {"type": "mean"}, "cap": 1.5}],
       "classRule": {"type": "quotas", "shares": [0.20, 0.55, 0.20, 0.05]}},
      {"code": "below", "name": "规下", "sizeClass": "below",
       "indicators": [{"code": "tax_per_mu", "weight": 100, "benchmark": {"type": "mean"}, "cap": 1.5}],
       "classRule": {"type": "quotas", "shares": [0.20, 0.55, 0.20, 0.05]}}],
    "bonus": [],
    "vetoes": [{"flag": "safety_accident", "class": "D", "reason": "重大安全事故"}, {"flag": "env_accident", "class": "D", "reason": "重大环境污染事故"}]}')
) d(code, definition) ON d.code = m.code;
