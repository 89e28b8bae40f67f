-- The parcel register: clusters, enterprises, parcels with full history; users and sessions.
-- Versioned migration: never edit once landed. Functions and triggers live in R__register_functions.sql.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE setting (
  key         text PRIMARY KEY,
  value       text NOT NULL,
  description text NOT NULL
);
COMMENT ON TABLE setting IS 'Configurable rules (tolerances, thresholds); read by SQL functions and the server.';

CREATE TABLE city (
  code    char(6) PRIMARY KEY,
  name    text NOT NULL,
  name_en text NOT NULL,
  kind    text NOT NULL CHECK (kind IN ('prefecture', 'county', 'demonstration'))
);
COMMENT ON TABLE city IS 'Cities: 省辖市, 济源示范区 and 省直管县(市), keyed by 行政区划代码.';
COMMENT ON COLUMN city.code IS '行政区划代码 (6 digits)';

CREATE TABLE land_use_code (
  scheme     text NOT NULL,
  code       text NOT NULL,
  name       text NOT NULL,
  name_en    text NOT NULL,
  color      text NOT NULL DEFAULT '#9e9e9e',
  industrial boolean NOT NULL DEFAULT false,
  PRIMARY KEY (scheme, code)
);
COMMENT ON TABLE land_use_code IS 'Land-use classes as data: GB/T 21010-2017 and the 用地用海分类 scheme.';

CREATE TABLE cluster (
  id               serial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name             text NOT NULL,
  name_en          text NOT NULL,
  city_code        char(6) NOT NULL REFERENCES city(code),
  level            text NOT NULL DEFAULT 'provincial' CHECK (level IN ('national', 'provincial', 'other')),
  planned_area_km2 numeric(10,2),
  boundary         geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(boundary) AND NOT ST_IsEmpty(boundary))
);
CREATE INDEX cluster_boundary_gix ON cluster USING gist (boundary);
COMMENT ON TABLE cluster IS '产业集聚区 (industrial clusters) with their planned boundary, EPSG:4490.';
COMMENT ON COLUMN cluster.code IS 'Cluster code';
COMMENT ON COLUMN cluster.name IS 'Name (Chinese)';
COMMENT ON COLUMN cluster.name_en IS 'Name (English)';
COMMENT ON COLUMN cluster.city_code IS '行政区划代码 of the city or county it belongs to';
COMMENT ON COLUMN cluster.level IS 'national / provincial / other';
COMMENT ON COLUMN cluster.planned_area_km2 IS 'Planned area in km²';
COMMENT ON COLUMN cluster.boundary IS 'Planned boundary, MultiPolygon, EPSG:4490';

CREATE TABLE enterprise (
  id            bigserial PRIMARY KEY,
  credit_code   char(18) NOT NULL UNIQUE,
  name          text NOT NULL CHECK (length(btrim(name)) > 0),
  industry_code text NOT NULL CHECK (industry_code ~ '^[A-T]([0-9]{2,4})?$'),
  size_class    text NOT NULL CHECK (size_class IN ('above', 'below')),
  cluster_id    integer NOT NULL REFERENCES cluster(id),
  founded_on    date,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_cluster_idx ON enterprise (cluster_id);
CREATE INDEX enterprise_name_trgm_idx ON enterprise (lower(name) text_pattern_ops);
COMMENT ON TABLE enterprise IS 'Enterprises keyed by 统一社会信用代码 (GB 32100).';
COMMENT ON COLUMN enterprise.credit_code IS '统一社会信用代码, 18 characters with a verified check character';
COMMENT ON COLUMN enterprise.industry_code IS '国民经济行业分类 code (section letter + up to 4 digits)';
COMMENT ON COLUMN enterprise.size_class IS 'above = 规上 (above designated size), below = 规下';

CREATE TABLE app_user (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_user IS 'Staff accounts; passwords are bcrypt hashes.';

CREATE TABLE user_role (
  user_id    bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('admin', 'resources', 'park', 'coordinator', 'viewer')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('province', 'city', 'cluster')),
  scope_code text NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, role, scope_kind, scope_code)
);
COMMENT ON TABLE user_role IS 'A role held in a scope: the whole province, a city (行政区划代码) or a cluster (code).';

CREATE TABLE user_session (
  token_hash  bytea PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  remote_addr text
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
COMMENT ON TABLE user_session IS 'Signed-in sessions; only the SHA-256 of the cookie value is stored.';

CREATE TABLE parcel (
  id                     bigserial PRIMARY KEY,
  code                   varchar(19) NOT NULL CHECK (code ~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$'),
  cluster_id             integer NOT NULL REFERENCES cluster(id),
  geom                   geometry(MultiPolygon, 4490) NOT NULL,
  land_use_scheme        text NOT NULL,
  land_use_code          text NOT NULL,
  right_type             text CHECK (right_type IN ('transfer', 'allocation', 'lease')),
  holder_id              bigint REFERENCES enterprise(id),
  registered_area_m2     numeric(14,2) CHECK (registered_area_m2 > 0),
  supply_date            date,
  transfer_price_wan     numeric(14,2) CHECK (transfer_price_wan >= 0),
  agreed_start_date      date,
  agreed_completion_date date,
  actual_start_date      date,
  actual_completion_date date,
  contracted_investment_wan numeric(14,2) CHECK (contracted_investment_wan >= 0),
  floor_area_ratio       numeric(6,2) CHECK (floor_area_ratio >= 0 AND floor_area_ratio <= 20),
  building_coverage_pct  numeric(5,2) CHECK (building_coverage_pct >= 0 AND building_coverage_pct <= 100),
  remarks                text NOT NULL DEFAULT '',
  gk_srid                integer NOT NULL,
  area_m2                double precision NOT NULL,
  area_mu                double precision NOT NULL,
  status                 text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'retired')),
  origin                 text NOT NULL DEFAULT 'create' CHECK (origin IN ('create', 'split', 'merge', 'import')),
  predecessor_ids        bigint[] NOT NULL DEFAULT '{}',
  version                integer NOT NULL DEFAULT 1,
  valid_from             timestamptz NOT NULL DEFAULT now(),
  changed_by             text NOT NULL,
  change_reason          text NOT NULL DEFAULT '',
  FOREIGN KEY (land_use_scheme, land_use_code) REFERENCES land_use_code(scheme, code),
  CHECK (agreed_completion_date IS NULL OR agreed_start_date IS NULL OR agreed_completion_date >= agreed_start_date),
  CHECK (actual_completion_date IS NULL OR actual_start_date IS NULL OR actual_completion_date >= actual_start_date)
);
CREATE UNIQUE INDEX parcel_code_current_uix ON parcel (code) WHERE status = 'current';
CREATE INDEX parcel_geom_gix ON parcel USING gist (geom);
CREATE INDEX parcel_cluster_idx ON parcel (cluster_id) WHERE status = 'current';
CREATE INDEX parcel_holder_idx ON parcel (holder_id);
COMMENT ON TABLE parcel IS '宗地 (parcels): the current state of every parcel, current or retired; never deleted.';
COMMENT ON COLUMN parcel.code IS '宗地代码: first 19 characters of the 不动产单元代码';
COMMENT ON COLUMN parcel.cluster_id IS 'Industrial cluster';
COMMENT ON COLUMN parcel.geom IS 'Outline, MultiPolygon, EPSG:4490';
COMMENT ON COLUMN parcel.land_use_scheme IS 'Land-use classification scheme';
COMMENT ON COLUMN parcel.land_use_code IS 'Land-use code in that scheme';
COMMENT ON COLUMN parcel.right_type IS 'transfer = 出让, allocation = 划拨, lease = 租赁';
COMMENT ON COLUMN parcel.holder_id IS 'Right holder (enterprise)';
COMMENT ON COLUMN parcel.registered_area_m2 IS '登记面积 from the certificate, m²';
COMMENT ON COLUMN parcel.supply_date IS 'Date of supply (供地日期)';
COMMENT ON COLUMN parcel.transfer_price_wan IS 'Transfer or allocation price, 万元';
COMMENT ON COLUMN parcel.agreed_start_date IS '约定动工日期';
COMMENT ON COLUMN parcel.agreed_completion_date IS '约定竣工日期';
COMMENT ON COLUMN parcel.actual_start_date IS 'Actual start of construction';
COMMENT ON COLUMN parcel.actual_completion_date IS 'Actual completion';
COMMENT ON COLUMN parcel.contracted_investment_wan IS 'Contracted total investment, 万元';
COMMENT ON COLUMN parcel.floor_area_ratio IS '容积率';
COMMENT ON COLUMN parcel.building_coverage_pct IS '建筑密度, %';
COMMENT ON COLUMN parcel.gk_srid IS 'EPSG code of the 3-degree Gauss-Krüger zone (no prefix) used for the area';
COMMENT ON COLUMN parcel.area_m2 IS 'Plane area in the parcel''s Gauss-Krüger zone, m² (kept by the database)';
COMMENT ON COLUMN parcel.area_mu IS 'The same area in 亩 (1 亩 = 10000/15 m²)';
COMMENT ON COLUMN parcel.version IS 'Row version for optimistic locking (ETag)';

-- Every version of every parcel, written only by triggers. valid_to is NULL for the version in force.
CREATE TABLE parcel_history (
  history_id    bigserial PRIMARY KEY,
  parcel_id     bigint NOT NULL REFERENCES parcel(id),
  version       integer NOT NULL,
  operation     text NOT NULL CHECK (operation IN ('create', 'update', 'split', 'merge', 'retire', 'import')),
  valid_from    timestamptz NOT NULL,
  valid_to      timestamptz,
  changed_by    text NOT NULL,
  change_reason text NOT NULL,
  row_data      jsonb NOT NULL,
  geom          geometry(MultiPolygon, 4490) NOT NULL,
  UNIQUE (parcel_id, version)
);
CREATE INDEX parcel_history_asof_idx ON parcel_history (valid_from, valid_to);
CREATE INDEX parcel_history_geom_gix ON parcel_history USING gist (geom);
COMMENT ON TABLE parcel_history IS 'Every version of every parcel (who, when, why, attributes, outline); written by triggers only.';

CREATE TABLE data_version (
  name    text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE data_version IS 'A counter per layer, bumped by triggers on every commit that changes it (cache keys).';
INSERT INTO data_version (name) VALUES ('parcels'), ('clusters'), ('enterprises');
