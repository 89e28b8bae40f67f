-- Evaluation methods as cities write them (issue 16): owners and a lifecycle for methods, the evidence figures that
-- bonus and veto items read, the city each evaluated enterprise belonged to, and policies as data per method with the
-- department that applies them and their legal basis. Functions and guards: R__4_evaluation.sql.

-- A method belongs to the province (owner_city_code NULL) or to one city, whose coordinators (and the province's) edit it.
ALTER TABLE evaluation_method ADD COLUMN owner_city_code char(6) REFERENCES city(code);
ALTER TABLE evaluation_method ADD COLUMN created_by text NOT NULL DEFAULT '';
ALTER TABLE evaluation_method ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
COMMENT ON COLUMN evaluation_method.owner_city_code IS '所属城市 | Owner: the city whose method this is; empty for the province''s';

-- A version is a draft (edited and previewed, never run for real), in force (from a year, or from the start when the
-- year is empty) or retired. The versions saved before this migration were all run: they are in force.
ALTER TABLE evaluation_method_version ADD COLUMN status text NOT NULL DEFAULT 'in_force' CHECK (status IN ('draft', 'in_force', 'retired'));
ALTER TABLE evaluation_method_version ADD COLUMN in_force_from smallint CHECK (in_force_from BETWEEN 2000 AND 2100);
ALTER TABLE evaluation_method_version ADD COLUMN note text NOT NULL DEFAULT '';
ALTER TABLE evaluation_method_version ADD COLUMN changed_by text;
ALTER TABLE evaluation_method_version ADD COLUMN changed_at timestamptz;
COMMENT ON COLUMN evaluation_method_version.status IS '状态 | Status: draft (草稿), in_force (施行), retired (废止)';
COMMENT ON COLUMN evaluation_method_version.in_force_from IS '施行年度 | In force from: the first evaluation year the version applies to';

-- Evidence the bonus and veto items of published methods read (郑州's seven 加分项, food-safety and energy-task vetoes,
-- the "not in the lowest class" protections, the not-classified utilities). Flags are yes/no; patents are a count.
ALTER TABLE enterprise_indicator
  ADD COLUMN food_safety_accident boolean NOT NULL DEFAULT false,
  ADD COLUMN energy_task_missed   boolean NOT NULL DEFAULT false,
  ADD COLUMN serious_dishonesty   boolean NOT NULL DEFAULT false,
  ADD COLUMN rd_platform          boolean NOT NULL DEFAULT false,
  ADD COLUMN specialised_sme      boolean NOT NULL DEFAULT false,
  ADD COLUMN quality_award        boolean NOT NULL DEFAULT false,
  ADD COLUMN standard_setter      boolean NOT NULL DEFAULT false,
  ADD COLUMN smart_factory        boolean NOT NULL DEFAULT false,
  ADD COLUMN green_factory        boolean NOT NULL DEFAULT false,
  ADD COLUMN major_project        boolean NOT NULL DEFAULT false,
  ADD COLUMN public_utility       boolean NOT NULL DEFAULT false,
  ADD COLUMN invention_patents    integer CHECK (invention_patents >= 0);

INSERT INTO figure_source (code, name, name_en, figures, sort) VALUES
  ('market', '市场监督管理部门', 'Market regulation bureau', '{food_safety_accident,quality_award,standard_setter,invention_patents}', 8),
  ('science', '科技部门', 'Science and technology bureau', '{rd_platform}', 8);
UPDATE figure_source SET figures = figures || '{energy_task_missed,serious_dishonesty,specialised_sme,smart_factory,green_factory,major_project,public_utility}'
 WHERE code = 'industry';

-- The city of the enterprise's cluster when the run read it (a class rule may rank per city).
ALTER TABLE evaluation_input ADD COLUMN city_code char(6);

-- A run writes tens of thousands of input and result rows: the run they belong to is checked once per statement by
-- the insert guards (R__4), not by a foreign-key trigger per row.
ALTER TABLE evaluation_input DROP CONSTRAINT evaluation_input_run_id_fkey;
ALTER TABLE evaluation_result DROP CONSTRAINT evaluation_result_run_id_fkey;

-- The departments that apply differentiated policies, and the kinds of policy (data: a province adds its own).
CREATE TABLE policy_department (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
  name    text NOT NULL,
  name_en text NOT NULL,
  sort    integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE policy_department IS 'The departments a policy list is sent to (电力, 税务, 金融机构, 生态环境, ...).';
INSERT INTO policy_department VALUES
  ('resources', '自然资源部门', 'Natural resources bureau', 1),
  ('development', '发展改革部门', 'Development and reform commission', 2),
  ('power', '电力公司', 'Power supply company', 3),
  ('water', '供水和水务部门', 'Water supply', 4),
  ('ecology', '生态环境部门', 'Ecology and environment bureau', 5),
  ('bank', '金融机构和金融监管部门', 'Banks and financial regulator', 6),
  ('tax', '税务部门', 'Tax bureau', 7),
  ('finance', '财政部门', 'Finance bureau', 8),
  ('industry', '工业和信息化部门', 'Industry and information bureau', 9);

CREATE TABLE policy_kind (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name       text NOT NULL,
  name_en    text NOT NULL,
  department text NOT NULL REFERENCES policy_department(code),
  sort       integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE policy_kind IS 'Kinds of differentiated policy, each applied by one department.';
INSERT INTO policy_kind VALUES
  ('land_priority', '用地优先保障', 'Land supply priority', 'resources', 1),
  ('land_restriction', '用地限制', 'Land supply restriction', 'resources', 2),
  ('energy_quota', '用能指标', 'Energy-use quota', 'development', 3),
  ('electricity_surcharge', '差别电价', 'Electricity surcharge', 'power', 4),
  ('water_surcharge', '差别水价', 'Water surcharge', 'water', 5),
  ('emission_rights', '排污权', 'Emission rights', 'ecology', 6),
  ('credit_priority', '信贷支持', 'Credit support', 'bank', 7),
  ('credit_restriction', '信贷限制', 'Credit restriction', 'bank', 8),
  ('tax_relief', '税收减免', 'Tax relief', 'tax', 9),
  ('subsidy_priority', '财政奖补', 'Subsidies', 'finance', 10),
  ('subsidy_restriction', '奖补限制', 'Subsidies withheld', 'finance', 11),
  ('guidance', '引导提升', 'Guidance', 'industry', 12);

-- Policies become editable data: per method (NULL: every method with these classes), with their legal basis, active
-- or withdrawn (never deleted), versioned with history like the register.
ALTER TABLE evaluation_policy
  ADD COLUMN method_id   integer REFERENCES evaluation_method(id),
  ADD COLUMN legal_basis text NOT NULL DEFAULT '',
  ADD COLUMN active      boolean NOT NULL DEFAULT true,
  ADD COLUMN version     integer NOT NULL DEFAULT 1,
  ADD COLUMN changed_by  text NOT NULL DEFAULT '',
  ADD COLUMN changed_at  timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT evaluation_policy_kind_fkey FOREIGN KEY (kind) REFERENCES policy_kind(code),
  ADD CONSTRAINT evaluation_policy_years CHECK (min_consecutive_years >= 1 AND (max_consecutive_years IS NULL OR max_consecutive_years >= min_consecutive_years));
UPDATE evaluation_policy SET legal_basis = '豫集聚办〔2020〕2号（十三）：完善差别化用地、用能、排放、信贷等政策';
INSERT INTO evaluation_policy (class, kind, description, value, unit, min_consecutive_years, max_consecutive_years, sort, legal_basis) VALUES
  ('A', 'energy_quota', '新增用能指标优先保障', NULL, '', 1, NULL, 4, '豫集聚办〔2020〕2号（十三）：完善差别化用地、用能、排放、信贷等政策'),
  ('A', 'emission_rights', '新增排污权指标优先保障', NULL, '', 1, NULL, 5, '豫集聚办〔2020〕2号（十三）：完善差别化用地、用能、排放、信贷等政策'),
  ('C', 'energy_quota', '原则上不新增用能指标', NULL, '', 1, NULL, 5, '豫集聚办〔2020〕2号（十三）：完善差别化用地、用能、排放、信贷等政策'),
  ('C', 'emission_rights', '原则上不新增排污权指标，有偿使用从严', NULL, '', 1, NULL, 6, '豫集聚办〔2020〕2号（十三）：完善差别化用地、用能、排放、信贷等政策');
COMMENT ON COLUMN evaluation_policy.legal_basis IS '政策依据 | Legal basis: the document and article the measure rests on';

-- The items (bonus, veto, protection, exclusion) that held for an enterprise in a run, with their points or effect.
ALTER TABLE evaluation_result ADD COLUMN items jsonb;
COMMENT ON COLUMN evaluation_result.items IS 'The method''s items that held: code, effect, evidence figure and amount, points or class, reason';
