-- The province's work plan (issue 19): tasks with deadlines per year, for every city or one; their status is computed
-- from the data itself (R__7_work_plan.sql), never typed in.

CREATE TABLE plan_task_kind (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,40}$'),
  name        text NOT NULL,
  name_en     text NOT NULL,
  measure     text NOT NULL CHECK (measure IN ('evaluation_published', 'low_eff_surveyed', 'disposal_planned', 'offering_announced')),
  per_cluster boolean NOT NULL,
  done_when   text NOT NULL,
  done_when_en text NOT NULL,
  sort        integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE plan_task_kind IS 'Kinds of work-plan task and how the data shows each done.';
INSERT INTO plan_task_kind VALUES
  ('evaluation', '企业分类综合评价', 'Enterprise evaluation', 'evaluation_published', true,
   '集聚区上一年度的企业评价已发布（以首次发布时间计）', 'the cluster''s evaluation of the previous year is published (first publication counts)', 1),
  ('low_eff_survey', '低效用地评估', 'Low-efficiency land survey', 'low_eff_surveyed', true,
   '本年度已调查（有本年度调查的低效用地或规则识别结果），且本年度识别结果均已处理', 'surveyed this year (tags surveyed or rules run this year) and every proposal of the year decided', 2),
  ('disposal_plans', '低效用地处置方案', 'Disposal plans', 'disposal_planned', true,
   '每处在册低效用地都有处置方案', 'every active low-efficiency tag has a disposal plan', 3),
  ('standard_land', '“标准地”出让试点', 'Standard-land pilot', 'offering_announced', false,
   '本年度至少公告一宗“标准地”', 'at least one standard-land offering announced this year', 4);

CREATE TABLE plan_task (
  id         serial PRIMARY KEY,
  kind       text NOT NULL REFERENCES plan_task_kind(code),
  year       smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  city_code  char(6) REFERENCES city(code),
  due_on     date NOT NULL,
  basis      text NOT NULL DEFAULT '',
  note       text NOT NULL DEFAULT '',
  active     boolean NOT NULL DEFAULT true,
  version    integer NOT NULL DEFAULT 1,
  changed_by text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now(),
  CHECK (extract(year FROM due_on) BETWEEN year AND year + 1)
);
CREATE UNIQUE INDEX plan_task_uix ON plan_task (kind, year, COALESCE(city_code, '')) WHERE active;
COMMENT ON TABLE plan_task IS 'A task of a year''s work plan with its deadline, for every city (city_code empty) or one city (which then replaces the general one).';
COMMENT ON COLUMN plan_task.year IS '年度 | Year: the work year (an evaluation of that year evaluates the previous year''s figures)';

-- The 2020 plan (豫集聚办〔2020〕2号, 十三): evaluation by the end of June, the low-efficiency assessment and its disposal
-- plans by the end of August, the standard-land pilot within the year.
INSERT INTO plan_task (kind, year, due_on, basis, changed_by) VALUES
  ('evaluation', 2020, '2020-06-30', '豫集聚办〔2020〕2号（十三）：各地6月底前完成企业评价工作', 'plan'),
  ('low_eff_survey', 2020, '2020-08-31', '豫集聚办〔2020〕2号（十三）：各地8月底前完成产业集聚区低效用地评估', 'plan'),
  ('disposal_plans', 2020, '2020-08-31', '豫集聚办〔2020〕2号（十三）：制定实施低效用地处置方案', 'plan'),
  ('standard_land', 2020, '2020-12-31', '豫集聚办〔2020〕2号（十三）：开展“标准地”出让和新型产业用地供应试点', 'plan');
