-- A province's own data: clusters and their boundaries with history, parks inside clusters (区中园), enterprises with
-- the roster's fields, and every yearly figure with the department, file and row it came from.
-- Versioned migration: never edit once landed. Functions and triggers: R__6_province_data.sql.

-- Clusters (产业集聚区): what the province's list says of each, versioned like every register row.
ALTER TABLE cluster
  ADD COLUMN leading_industries text[] NOT NULL DEFAULT '{}'
    CHECK (array_to_string(leading_industries, ',') ~ '^([A-T]([0-9]{2,4})?(,[A-T]([0-9]{2,4})?)*)?$'),
  ADD COLUMN chemical_led boolean NOT NULL DEFAULT false,
  ADD COLUMN chemical_park boolean NOT NULL DEFAULT false,
  ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'revoked')),
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN changed_by text NOT NULL DEFAULT '',
  ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE cluster ADD CONSTRAINT cluster_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$');
ALTER TABLE cluster ADD CONSTRAINT cluster_name_given CHECK (length(btrim(name)) > 0);
ALTER TABLE cluster ADD CONSTRAINT cluster_area_positive CHECK (planned_area_km2 IS NULL OR planned_area_km2 > 0);

-- Parcels that a boundary change accepted "with flags" left outside their cluster: kept until the parcel is fixed.
CREATE TABLE cluster_outside_parcel (
  cluster_id       integer NOT NULL REFERENCES cluster(id),
  parcel_id        bigint NOT NULL REFERENCES parcel(id),
  boundary_version integer NOT NULL,
  outside_m2       double precision NOT NULL,
  flagged_by       text NOT NULL,
  flagged_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cluster_id, parcel_id, boundary_version)
);
COMMENT ON TABLE cluster_outside_parcel IS 'Current parcels left outside their cluster by an accepted boundary change, with how much lies outside.';

-- Parks inside a cluster (区中园, seed §十八): the kinds are data.
CREATE TABLE park_kind (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
  name    text NOT NULL,
  name_en text NOT NULL,
  sort    smallint NOT NULL DEFAULT 0
);
COMMENT ON TABLE park_kind IS 'Kinds of parks inside clusters (区中园): 高端产业园, 专业园, 孵化园, 返乡创业园, 中小微企业园 …';
INSERT INTO park_kind (code, name, name_en, sort) VALUES
  ('high_end', '高端产业园', 'High-end industry park', 1),
  ('specialized', '专业园', 'Specialised park', 2),
  ('incubator', '孵化园', 'Incubator park', 3),
  ('returnee', '返乡创业园', 'Returnee entrepreneurship park', 4),
  ('sme', '中小微企业园', 'Small and micro enterprise park', 5),
  ('other', '其他园区', 'Other park', 9);

CREATE TABLE park (
  id          serial PRIMARY KEY,
  cluster_id  integer NOT NULL REFERENCES cluster(id),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  name_en     text NOT NULL DEFAULT '',
  kind        text NOT NULL REFERENCES park_kind(code),
  operator    text NOT NULL DEFAULT '',
  boundary    geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(boundary) AND NOT ST_IsEmpty(boundary)),
  area_mu     double precision NOT NULL DEFAULT 0,
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  version     integer NOT NULL DEFAULT 1,
  changed_by  text NOT NULL DEFAULT '',
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX park_cluster_idx ON park (cluster_id);
CREATE INDEX park_boundary_gix ON park USING gist (boundary);
COMMENT ON TABLE park IS 'Parks inside a cluster (区中园) with their boundary (inside the cluster''s), kind and operator; versioned.';

-- Enterprises: the roster's fields (发改/工信), versioned.
ALTER TABLE enterprise
  ADD COLUMN above_since smallint CHECK (above_since BETWEEN 1949 AND 2100),
  ADD COLUMN production_started_on date,
  ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  ADD COLUMN status text NOT NULL DEFAULT 'operating' CHECK (status IN ('operating', 'suspended', 'deregistered', 'merged')),
  ADD COLUMN merged_into char(18),
  ADD COLUMN location geometry(Point, 4490),
  ADD COLUMN premises_parcel_code varchar(19) CHECK (premises_parcel_code ~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$'),
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN changed_by text NOT NULL DEFAULT '',
  ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT enterprise_merged_into CHECK ((status = 'merged') = (merged_into IS NOT NULL) AND merged_into IS DISTINCT FROM credit_code),
  ADD CONSTRAINT enterprise_above_since CHECK (above_since IS NULL OR size_class = 'above');
CREATE INDEX enterprise_location_gix ON enterprise USING gist (location);

-- Where figures come from: the departments (and the app's own form and the summary template), as data.
CREATE TABLE figure_source (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
  name    text NOT NULL,
  name_en text NOT NULL,
  figures text[] NOT NULL,
  sort    smallint NOT NULL DEFAULT 0
);
COMMENT ON TABLE figure_source IS 'Sources of enterprise figures: each department with the figures it is the authority for (its file''s template).';
INSERT INTO figure_source (code, name, name_en, figures, sort) VALUES
  ('form', '人工录入', 'Entered in the app', '{}', 0),
  ('tax', '税务部门', 'Tax bureau', '{tax_wan}', 1),
  ('stats', '统计部门', 'Statistics bureau', '{revenue_wan,value_added_wan,output_wan,profit_wan,energy_tce,employees,rd_wan}', 2),
  ('power', '电力部门', 'Power supply company', '{electricity_wan_kwh}', 3),
  ('ecology', '生态环境部门', 'Ecology and environment bureau', '{emissions_t,env_accident}', 4),
  ('industry', '发展改革和工业信息化部门', 'Development-reform and industry bureaus', '{investment_wan,high_tech,listed}', 5),
  ('emergency', '应急管理部门', 'Emergency management bureau', '{safety_accident}', 6),
  ('resources', '自然资源部门', 'Natural resources bureau', '{rented_area_m2}', 7),
  ('summary', '汇总表', 'Summary template (all figures)', '{}', 9);

-- Every figure as each source gave it, one row per enterprise, year and source: for each figure its value (null: the
-- source withdrew it), the file and row it came from, the import, who and when. The effective value is in
-- enterprise_indicator, with every source's beside it.
CREATE TABLE enterprise_figure (
  enterprise_id bigint NOT NULL REFERENCES enterprise(id),
  year          smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  source        text NOT NULL REFERENCES figure_source(code),
  figures       jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  PRIMARY KEY (enterprise_id, year, source)
);
COMMENT ON TABLE enterprise_figure IS 'What each source said of an enterprise''s year: {figure: {value, file, line, importId, by, at}} (value null: withdrawn).';

ALTER TABLE enterprise_indicator ADD COLUMN sources jsonb NOT NULL DEFAULT '{}';
COMMENT ON COLUMN enterprise_indicator.sources IS 'Per figure, every source''s value with its file, row, who and when; the one used is marked';

ALTER TABLE indicator_import
  ADD COLUMN source text NOT NULL DEFAULT 'summary' REFERENCES figure_source(code),
  ADD COLUMN mapping jsonb NOT NULL DEFAULT '{}';
COMMENT ON COLUMN indicator_import.source IS 'The department (figure_source) whose file this is';

-- Roster files (企业名录) from the development-reform / industry offices: checked row by row, then committed.
CREATE TABLE roster_import (
  id           serial PRIMARY KEY,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  file_name    text NOT NULL,
  file_sha256  text NOT NULL,
  rows         jsonb NOT NULL,
  counts       jsonb NOT NULL,
  status       text NOT NULL CHECK (status IN ('checked', 'committed')),
  committed_at timestamptz,
  mode         text
);
COMMENT ON TABLE roster_import IS 'An enterprise roster file: every row with what it would change (new, changed fields, unchanged, rejected), then committed in one transaction.';

-- The fields described, in the form the server reads at start ('中文名 | English name: description', see V14).
COMMENT ON COLUMN cluster.code IS '集聚区代码 | Cluster code: the cluster''s code (capitals, digits and hyphens, 2–20 characters)';
COMMENT ON COLUMN cluster.name IS '集聚区名称 | Cluster: the cluster''s name';
COMMENT ON COLUMN cluster.name_en IS '集聚区英文名 | Cluster (English): the cluster''s name in English';
COMMENT ON COLUMN cluster.city_code IS '所属市县 | City or county: the 行政区划代码 of the city or county the cluster belongs to';
COMMENT ON COLUMN cluster.level IS '级别 | Level: national, provincial or other';
COMMENT ON COLUMN cluster.planned_area_km2 IS '核准面积（平方千米） | Approved area (km²): the approved (核准) area, km²';
COMMENT ON COLUMN cluster.leading_industries IS '主导产业 | Leading industries: 国民经济行业分类 codes (GB/T 4754), e.g. C39';
COMMENT ON COLUMN cluster.chemical_led IS '化工主导 | Chemical-led: chemicals are a leading industry (seed §十五)';
COMMENT ON COLUMN cluster.chemical_park IS '含化工园区 | Holds a chemical park: the cluster holds a recognised chemical park (化工园区)';
COMMENT ON COLUMN cluster.status IS '状态 | Status: active, merged (into another cluster) or revoked (撤销)';
COMMENT ON COLUMN cluster.boundary IS '四至范围 | Boundary: the approved boundary, MultiPolygon, EPSG:4490';
COMMENT ON COLUMN cluster.version IS '版本 | Version: increases with every change';
COMMENT ON COLUMN cluster.changed_by IS '修改人 | Changed by: who made the last change';
COMMENT ON COLUMN cluster.changed_at IS '修改时间 | Changed at: when the last change was made';

COMMENT ON COLUMN park.cluster_id IS '所属集聚区 | Cluster: the cluster the park lies in';
COMMENT ON COLUMN park.code IS '园区代码 | Park code: capitals, digits and hyphens, 2–20 characters';
COMMENT ON COLUMN park.name IS '园区名称 | Park: the park''s name';
COMMENT ON COLUMN park.name_en IS '园区英文名 | Park (English): the park''s name in English';
COMMENT ON COLUMN park.kind IS '园区类型 | Kind: 高端产业园, 专业园, 孵化园, 返乡创业园, 中小微企业园 or other (park_kind)';
COMMENT ON COLUMN park.operator IS '运营主体 | Operator: the unit that runs the park';
COMMENT ON COLUMN park.boundary IS '园区范围 | Boundary: inside the cluster''s boundary, MultiPolygon, EPSG:4490';
COMMENT ON COLUMN park.area_mu IS '面积（亩） | Area (mu): area of the boundary in 亩, computed by the database';
COMMENT ON COLUMN park.status IS '状态 | Status: active or closed';
COMMENT ON COLUMN park.version IS '版本 | Version: increases with every change';
COMMENT ON COLUMN park.changed_by IS '修改人 | Changed by: who made the last change';
COMMENT ON COLUMN park.changed_at IS '修改时间 | Changed at: when the last change was made';

COMMENT ON COLUMN enterprise.credit_code IS '统一社会信用代码 | Credit code: the 18-character unified social credit code (GB 32100) with its check character';
COMMENT ON COLUMN enterprise.name IS '企业名称 | Name: the enterprise''s registered name';
COMMENT ON COLUMN enterprise.industry_code IS '行业代码 | Industry: the 国民经济行业分类 code (GB/T 4754): a section letter and up to 4 digits, e.g. C3670';
COMMENT ON COLUMN enterprise.size_class IS '规模 | Size class: above (规上, above designated size) or below (规下)';
COMMENT ON COLUMN enterprise.above_since IS '纳规年份 | Above size since: the year the enterprise became 规上';
COMMENT ON COLUMN enterprise.cluster_id IS '所属集聚区 | Cluster: the cluster the enterprise belongs to';
COMMENT ON COLUMN enterprise.founded_on IS '成立日期 | Founded: the founding date';
COMMENT ON COLUMN enterprise.production_started_on IS '投产日期 | Production start: the date production started (the evaluation''s age rule reads it before the founding date)';
COMMENT ON COLUMN enterprise.address IS '地址 | Address: the enterprise''s address';
COMMENT ON COLUMN enterprise.status IS '经营状态 | Status: operating (在营), suspended (停产), deregistered (注销) or merged (被兼并)';
COMMENT ON COLUMN enterprise.merged_into IS '兼并方信用代码 | Merged into: the credit code of the enterprise it merged into';
COMMENT ON COLUMN enterprise.location IS '位置 | Location: address point for enterprises on rented premises, EPSG:4490';
COMMENT ON COLUMN enterprise.premises_parcel_code IS '租用宗地代码 | Rented parcel: the 宗地代码 of the landlord''s parcel it rents, when it holds none';
COMMENT ON COLUMN enterprise.version IS '版本 | Version: increases with every change';
COMMENT ON COLUMN enterprise.changed_by IS '修改人 | Changed by: who made the last change';
COMMENT ON COLUMN enterprise.changed_at IS '修改时间 | Changed at: when the last change was made';
COMMENT ON COLUMN enterprise.created_at IS '登记时间 | Registered at: when the enterprise was added to Mujun';
COMMENT ON COLUMN city.name IS '市县名称 | City or county: the city''s or county''s name';
