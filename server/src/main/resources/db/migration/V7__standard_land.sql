-- Standard land (标准地): offerings with their standards fixed in advance, their lifecycle, documents, and the yearly
-- enterprise figures the check after construction (and the evaluation) reads. Functions and triggers: R__standard_land.sql.

-- Generic, append-only history for the tables added from here on (parcels keep their own, richer history table).
CREATE TABLE change_history (
  id            bigserial PRIMARY KEY,
  entity        text NOT NULL,
  entity_id     text NOT NULL,
  version       integer NOT NULL,
  operation     text NOT NULL,
  changed_at    timestamptz NOT NULL DEFAULT now(),
  changed_by    text NOT NULL,
  change_reason text NOT NULL DEFAULT '',
  row_data      jsonb NOT NULL
);
CREATE INDEX change_history_entity_idx ON change_history (entity, entity_id, version);
COMMENT ON TABLE change_history IS 'Every version of every row of the versioned tables (who, when, why, the whole row as JSON); written by triggers only.';

-- Files (documents of offerings, evidence photos) kept in the database: checked type, size and SHA-256.
CREATE TABLE stored_file (
  id           bigserial PRIMARY KEY,
  owner_kind   text NOT NULL,
  owner_id     bigint NOT NULL,
  kind         text NOT NULL DEFAULT 'document',
  file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL,
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  sha256       text NOT NULL,
  is_public    boolean NOT NULL DEFAULT false,
  bytes        bytea NOT NULL,
  uploaded_by  text NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz
);
CREATE INDEX stored_file_owner_idx ON stored_file (owner_kind, owner_id);
COMMENT ON TABLE stored_file IS 'Uploaded files, type-checked by their content; withdrawn files are kept, never deleted.';

-- Yearly figures per enterprise (统计年度), keyed by enterprise and year.
CREATE TABLE enterprise_indicator (
  enterprise_id       bigint NOT NULL REFERENCES enterprise(id),
  year                smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  tax_wan             numeric(14,2),
  revenue_wan         numeric(14,2),
  value_added_wan     numeric(14,2),
  output_wan          numeric(14,2),
  profit_wan          numeric(14,2),
  energy_tce          numeric(14,2) CHECK (energy_tce >= 0),
  electricity_wan_kwh numeric(14,2) CHECK (electricity_wan_kwh >= 0),
  emissions_t         numeric(14,3) CHECK (emissions_t >= 0),
  employees           integer CHECK (employees >= 0),
  rd_wan              numeric(14,2) CHECK (rd_wan >= 0),
  investment_wan      numeric(14,2) CHECK (investment_wan >= 0),
  rented_area_m2      numeric(14,2) NOT NULL DEFAULT 0 CHECK (rented_area_m2 >= 0),
  safety_accident     boolean NOT NULL DEFAULT false,
  env_accident        boolean NOT NULL DEFAULT false,
  high_tech           boolean NOT NULL DEFAULT false,
  listed              boolean NOT NULL DEFAULT false,
  version             integer NOT NULL DEFAULT 1,
  changed_by          text NOT NULL DEFAULT '',
  changed_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, year)
);
COMMENT ON TABLE enterprise_indicator IS 'An enterprise''s figures for one year: 万元, tce, 万kWh, t, persons; investment_wan is cumulative fixed-asset investment.';

-- Configuration: the control indicators an offering can fix (kinds are data, not code).
CREATE TABLE standard_indicator_kind (
  code      text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name      text NOT NULL,
  name_en   text NOT NULL,
  unit      text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('min', 'max')),
  low       numeric NOT NULL,
  high      numeric NOT NULL,
  actual    text CHECK (actual IN ('investment_per_mu', 'tax_per_mu', 'output_per_mu', 'value_added_per_mu', 'energy_per_output')),
  sort      integer NOT NULL DEFAULT 0,
  CHECK (low < high)
);
COMMENT ON TABLE standard_indicator_kind IS 'Control indicators of standard land: unit, whether the value is a floor (min) or a ceiling (max), the plausible range, and which actual figure checks it.';
INSERT INTO standard_indicator_kind (code, name, name_en, unit, direction, low, high, actual, sort) VALUES
  ('investment_intensity', '固定资产投资强度', 'Fixed-asset investment intensity', '万元/亩', 'min', 10, 5000, 'investment_per_mu', 1),
  ('tax_per_mu', '亩均税收', 'Tax per mu', '万元/亩', 'min', 1, 500, 'tax_per_mu', 2),
  ('output_per_mu', '亩均产值', 'Output per mu', '万元/亩', 'min', 10, 20000, 'output_per_mu', 3),
  ('value_added_per_mu', '亩均增加值', 'Value added per mu', '万元/亩', 'min', 5, 5000, 'value_added_per_mu', 4),
  ('energy_per_output', '单位产值能耗', 'Energy per output', '吨标准煤/万元', 'max', 0.001, 10, 'energy_per_output', 5);

-- Configuration: the national floor of 容积率 by industry (国土资发〔2008〕24号, mapped to GB/T 4754-2017 divisions).
CREATE TABLE industry_far_minimum (
  division text PRIMARY KEY CHECK (division ~ '^C[0-9]{2}$'),
  name     text NOT NULL,
  far_min  numeric(4,2) NOT NULL CHECK (far_min > 0)
);
COMMENT ON TABLE industry_far_minimum IS '容积率 minimum per manufacturing division (国土资发〔2008〕24号 工业项目建设用地控制指标).';
INSERT INTO industry_far_minimum VALUES
  ('C13', '农副食品加工业', 1.0), ('C14', '食品制造业', 1.0), ('C15', '酒、饮料和精制茶制造业', 1.0), ('C16', '烟草制品业', 1.0),
  ('C17', '纺织业', 0.8), ('C18', '纺织服装、服饰业', 1.0), ('C19', '皮革、毛皮、羽毛及其制品和制鞋业', 1.0),
  ('C20', '木材加工和木、竹、藤、棕、草制品业', 0.8), ('C21', '家具制造业', 0.8), ('C22', '造纸和纸制品业', 0.8),
  ('C23', '印刷和记录媒介复制业', 0.8), ('C24', '文教、工美、体育和娱乐用品制造业', 1.0),
  ('C25', '石油、煤炭及其他燃料加工业', 0.5), ('C26', '化学原料和化学制品制造业', 0.6), ('C27', '医药制造业', 0.7),
  ('C28', '化学纤维制造业', 0.8), ('C29', '橡胶和塑料制品业', 0.8), ('C30', '非金属矿物制品业', 0.7),
  ('C31', '黑色金属冶炼和压延加工业', 0.6), ('C32', '有色金属冶炼和压延加工业', 0.6), ('C33', '金属制品业', 0.7),
  ('C34', '通用设备制造业', 0.7), ('C35', '专用设备制造业', 0.7), ('C36', '汽车制造业', 0.7),
  ('C37', '铁路、船舶、航空航天和其他运输设备制造业', 0.7), ('C38', '电气机械和器材制造业', 0.7),
  ('C39', '计算机、通信和其他电子设备制造业', 1.0), ('C40', '仪器仪表制造业', 1.0), ('C41', '其他制造业', 1.0),
  ('C42', '废弃资源综合利用业', 0.7), ('C43', '金属制品、机械和设备修理业', 0.7);

-- Configuration: a cluster's own standards for offerings (e.g. investment ≥ 250 万元/亩 in one cluster).
CREATE TABLE cluster_standard (
  cluster_id integer NOT NULL REFERENCES cluster(id),
  kind       text NOT NULL REFERENCES standard_indicator_kind(code),
  value      numeric NOT NULL,
  PRIMARY KEY (cluster_id, kind)
);
COMMENT ON TABLE cluster_standard IS 'A cluster''s own floor (or ceiling, by the kind''s direction) for its offerings'' control indicators.';

INSERT INTO setting (key, value, description) VALUES
  ('national_building_coefficient_min_pct', '30', '国家下限: 工业项目建筑系数 ≥ 30 %'),
  ('national_office_living_max_pct', '7', '国家上限: 行政办公及生活服务设施用地 ≤ 7 %'),
  ('national_green_ratio_max_pct', '20', '国家上限: 工业项目绿地率 ≤ 20 %')
ON CONFLICT (key) DO NOTHING;

CREATE TABLE standard_land (
  id                           bigserial PRIMARY KEY,
  plot_no                      text NOT NULL CHECK (length(btrim(plot_no)) BETWEEN 1 AND 40),
  name                         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  location                     text NOT NULL DEFAULT '',
  cluster_id                   integer NOT NULL REFERENCES cluster(id),
  geom                         geometry(MultiPolygon, 4490) NOT NULL,
  parcel_ids                   bigint[] NOT NULL DEFAULT '{}',
  gk_srid                      integer NOT NULL,
  area_m2                      double precision NOT NULL,
  area_mu                      double precision NOT NULL,
  land_use_scheme              text NOT NULL,
  land_use_code                text NOT NULL,
  term_years                   integer NOT NULL DEFAULT 50 CHECK (term_years BETWEEN 1 AND 50),
  reserve_price_wan            numeric(14,2) CHECK (reserve_price_wan >= 0),
  deposit_wan                  numeric(14,2) CHECK (deposit_wan >= 0),
  far_min                      numeric(5,2) CHECK (far_min > 0),
  far_max                      numeric(5,2) CHECK (far_max > 0),
  building_coefficient_min_pct numeric(5,2) CHECK (building_coefficient_min_pct BETWEEN 0 AND 100),
  building_density_max_pct     numeric(5,2) CHECK (building_density_max_pct BETWEEN 0 AND 100),
  height_max_m                 numeric(6,1) CHECK (height_max_m > 0),
  green_ratio_max_pct          numeric(5,2) CHECK (green_ratio_max_pct BETWEEN 0 AND 100),
  office_living_max_pct        numeric(5,2) CHECK (office_living_max_pct BETWEEN 0 AND 100),
  industries                   text[] NOT NULL DEFAULT '{}',
  indicators                   jsonb NOT NULL DEFAULT '{}',
  env_standard                 text NOT NULL DEFAULT '',
  assessments                  text[] NOT NULL DEFAULT '{}',
  status                       text NOT NULL DEFAULT 'planned'
                               CHECK (status IN ('planned', 'announced', 'transferred', 'construction', 'accepted', 'failed', 'supervision', 'withdrawn')),
  announced_on                 date,
  listing_ends_on              date,
  enterprise_id                bigint REFERENCES enterprise(id),
  contract_date                date,
  transaction_price_wan        numeric(14,2) CHECK (transaction_price_wan >= 0),
  commitments                  jsonb NOT NULL DEFAULT '{}',
  remedies                     text NOT NULL DEFAULT '',
  agreed_start_date            date,
  agreed_completion_date       date,
  construction_started_on      date,
  checked_on                   date,
  internal_notes               text NOT NULL DEFAULT '',
  version                      integer NOT NULL DEFAULT 1,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  valid_from                   timestamptz NOT NULL DEFAULT now(),
  changed_by                   text NOT NULL,
  change_reason                text NOT NULL DEFAULT '',
  FOREIGN KEY (land_use_scheme, land_use_code) REFERENCES land_use_code(scheme, code),
  CHECK (far_max IS NULL OR far_min IS NULL OR far_max >= far_min),
  CHECK (listing_ends_on IS NULL OR announced_on IS NULL OR listing_ends_on >= announced_on),
  CHECK (agreed_completion_date IS NULL OR agreed_start_date IS NULL OR agreed_completion_date >= agreed_start_date)
);
CREATE UNIQUE INDEX standard_land_plot_uix ON standard_land (plot_no) WHERE status <> 'withdrawn';
CREATE INDEX standard_land_geom_gix ON standard_land USING gist (geom);
CREATE INDEX standard_land_status_idx ON standard_land (status, cluster_id);
COMMENT ON TABLE standard_land IS '标准地 offerings: the plot, its planning conditions and control indicators fixed before the announcement, and its lifecycle.';
COMMENT ON COLUMN standard_land.indicators IS 'Control indicators fixed by the offering: kind code → value in the kind''s unit';
COMMENT ON COLUMN standard_land.commitments IS 'Values the winning enterprise committed to (kind code → value); never below the standard';
COMMENT ON COLUMN standard_land.industries IS '准入行业: 国民经济行业分类 codes (GB/T 4754-2017)';
COMMENT ON COLUMN standard_land.assessments IS '区域评估 done: energy, environment, flood, soil_water, water_resources, mineral, geohazard';
COMMENT ON COLUMN standard_land.internal_notes IS 'Staff notes; never public';

-- The dated steps of each offering's lifecycle (the business date, who recorded it, and a note).
CREATE TABLE standard_land_step (
  id          bigserial PRIMARY KEY,
  offering_id bigint NOT NULL REFERENCES standard_land(id),
  status      text NOT NULL,
  on_date     date NOT NULL,
  note        text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX standard_land_step_offering_idx ON standard_land_step (offering_id, id);
COMMENT ON TABLE standard_land_step IS 'Lifecycle steps: planned → announced → transferred → construction → accepted / failed → supervision.';

INSERT INTO data_version (name) VALUES ('standard-land') ON CONFLICT DO NOTHING;
