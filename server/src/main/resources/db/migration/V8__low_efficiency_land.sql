-- Low-efficiency land (低效用地) and idle land (闲置土地): the survey's tags, the rules' proposals, disposal plans.
-- Functions and triggers: R__v8_low_efficiency_land.sql.

-- What the land-market patrol records on a parcel: how much is developed and invested, and since when work stopped.
ALTER TABLE parcel ADD COLUMN developed_area_m2 numeric(14,2) CHECK (developed_area_m2 >= 0);
ALTER TABLE parcel ADD COLUMN invested_wan numeric(14,2) CHECK (invested_wan >= 0);
ALTER TABLE parcel ADD COLUMN suspended_since date;
COMMENT ON COLUMN parcel.developed_area_m2 IS '已开发面积 m² (for the idle-land rule: under 1/3 of the area due)';
COMMENT ON COLUMN parcel.invested_wan IS '已投资额 万元, land price and taxes excluded (idle-land rule: under 25 % of the total)';
COMMENT ON COLUMN parcel.suspended_since IS 'Development suspended since (中止开发建设之日)';

CREATE TABLE low_eff_kind (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,40}$'),
  name    text NOT NULL,
  name_en text NOT NULL,
  color   text NOT NULL,
  sort    integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE low_eff_kind IS 'Kinds of low-efficiency land (configuration): the seed''s three and the local kinds.';
INSERT INTO low_eff_kind VALUES
  ('idle', '闲置土地', 'Idle land', '#d32f2f', 1),
  ('stopped', '停产', 'Production stopped', '#5d4037', 2),
  ('half_stopped', '半停产', 'Production half stopped', '#8d6e63', 3),
  ('stalled', '停建', 'Construction stalled', '#ef6c00', 4),
  ('slowed', '缓建', 'Construction slowed', '#ffb300', 5),
  ('approved_unsupplied', '批而未供', 'Approved, not supplied', '#7b1fa2', 6),
  ('supplied_unused', '供而未用', 'Supplied, not used', '#5e35b1', 7),
  ('built_not_invested', '建而未投', 'Built, not in production', '#1e88e5', 8),
  ('invested_below', '投而未达标', 'In production, below standard', '#00897b', 9);

CREATE TABLE disposal_method (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,40}$'),
  name    text NOT NULL,
  name_en text NOT NULL,
  sort    integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE disposal_method IS 'Ways of disposing of low-efficiency land (configuration).';
INSERT INTO disposal_method VALUES
  ('recovery', '无偿收回', 'Recovery without compensation', 1),
  ('negotiated_recovery', '协议收回/收购储备', 'Negotiated recovery / land reserve', 2),
  ('merger', '兼并重组', 'Merger and restructuring', 3),
  ('grafting', '嫁接改造/合作开发', 'Grafting / joint development', 4),
  ('redevelopment', '二次开发', 'Secondary development', 5),
  ('transfer', '二级市场转让', 'Transfer on the secondary market', 6),
  ('relocation', '退城入园/腾笼换鸟', 'Relocation / replacing the occupant', 7),
  ('other', '其他', 'Other', 9);

-- Thresholds of the rules: the province's ('' scope) and a city's own (scope = 行政区划代码), the city's winning.
CREATE TABLE low_eff_threshold (
  scope_code text NOT NULL DEFAULT '' CHECK (scope_code = '' OR scope_code ~ '^[0-9]{6}$'),
  key        text NOT NULL,
  value      numeric NOT NULL CHECK (value >= 0),
  PRIMARY KEY (scope_code, key)
);
COMMENT ON TABLE low_eff_threshold IS 'Thresholds of the low-efficiency rules, per province ('''') or city.';
INSERT INTO low_eff_threshold (scope_code, key, value) VALUES
  ('', 'idle_not_started_years', 1),
  ('', 'idle_developed_share', 0.3333333333),
  ('', 'idle_invested_share', 0.25),
  ('', 'idle_suspended_years', 1),
  ('', 'not_completed_years', 2),
  ('', 'no_tax_years', 2),
  ('', 'low_output_share', 0.5),
  ('', 'low_output_months', 12),
  ('', 'idle_fee_pct', 20),
  ('', 'recovery_years', 2);

CREATE TABLE low_eff_tag (
  id            bigserial PRIMARY KEY,
  cluster_id    integer NOT NULL REFERENCES cluster(id),
  parcel_id     bigint NOT NULL REFERENCES parcel(id),
  kind          text NOT NULL REFERENCES low_eff_kind(code),
  geom          geometry(MultiPolygon, 4490) NOT NULL,
  whole_parcel  boolean NOT NULL DEFAULT true,
  gk_srid       integer NOT NULL,
  area_m2       double precision NOT NULL,
  area_mu       double precision NOT NULL,
  survey_date   date NOT NULL,
  criteria      text[] NOT NULL DEFAULT '{}',
  notes         text NOT NULL DEFAULT '',
  enterprise_id bigint REFERENCES enterprise(id),
  idle_fee_wan  numeric(14,2),
  recovery_date date,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cleared')),
  cleared_reason text NOT NULL DEFAULT '',
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  valid_from    timestamptz NOT NULL DEFAULT now(),
  changed_by    text NOT NULL,
  change_reason text NOT NULL DEFAULT ''
);
CREATE INDEX low_eff_tag_geom_gix ON low_eff_tag USING gist (geom);
CREATE INDEX low_eff_tag_cluster_idx ON low_eff_tag (cluster_id, status);
CREATE INDEX low_eff_tag_parcel_idx ON low_eff_tag (parcel_id);
COMMENT ON TABLE low_eff_tag IS 'A surveyed low-efficiency area: a whole parcel or a part of it, its kind, survey date, criteria met and notes.';
COMMENT ON COLUMN low_eff_tag.idle_fee_wan IS '闲置费: idle_fee_pct (20 %) of the transfer or allocation price, for idle land';
COMMENT ON COLUMN low_eff_tag.recovery_date IS 'Idle land: the date from which it may be recovered without compensation (agreed start + 2 years)';

CREATE TABLE low_eff_proposal (
  id              bigserial PRIMARY KEY,
  parcel_id       bigint NOT NULL REFERENCES parcel(id),
  cluster_id      integer NOT NULL REFERENCES cluster(id),
  kind            text NOT NULL REFERENCES low_eff_kind(code),
  rule            text NOT NULL,
  reason          text NOT NULL,
  details         jsonb NOT NULL DEFAULT '{}',
  as_of           date NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL,
  decided_at      timestamptz,
  decided_by      text,
  decision_reason text NOT NULL DEFAULT '',
  tag_id          bigint REFERENCES low_eff_tag(id)
);
CREATE UNIQUE INDEX low_eff_proposal_open_uix ON low_eff_proposal (parcel_id, rule) WHERE status IN ('open', 'accepted');
CREATE INDEX low_eff_proposal_cluster_idx ON low_eff_proposal (cluster_id, status);
COMMENT ON TABLE low_eff_proposal IS 'What the rules propose to tag, with the reason; a manager accepts (a tag is made) or dismisses it with a reason.';

CREATE TABLE disposal_plan (
  id                bigserial PRIMARY KEY,
  tag_id            bigint NOT NULL REFERENCES low_eff_tag(id),
  method            text NOT NULL REFERENCES disposal_method(code),
  responsible_unit  text NOT NULL CHECK (length(btrim(responsible_unit)) > 0),
  deadline          date NOT NULL,
  status            text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  notes             text NOT NULL DEFAULT '',
  revived_mu        numeric(12,2) CHECK (revived_mu >= 0),
  new_enterprise_id bigint REFERENCES enterprise(id),
  new_tax_wan       numeric(14,2) CHECK (new_tax_wan >= 0),
  completed_on      date,
  outcome_note      text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  changed_by        text NOT NULL DEFAULT '',
  changed_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'done' OR completed_on IS NOT NULL)
);
CREATE UNIQUE INDEX disposal_plan_tag_uix ON disposal_plan (tag_id) WHERE status <> 'cancelled';
COMMENT ON TABLE disposal_plan IS 'The disposal plan of a tagged area: method, responsible unit, deadline, status and outcome (revived 亩, new enterprise, new tax).';

CREATE TABLE disposal_step (
  id          bigserial PRIMARY KEY,
  plan_id     bigint NOT NULL REFERENCES disposal_plan(id),
  title       text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  due_date    date NOT NULL,
  done_on     date,
  note        text NOT NULL DEFAULT '',
  version     integer NOT NULL DEFAULT 1,
  changed_by  text NOT NULL DEFAULT '',
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disposal_step_plan_idx ON disposal_step (plan_id, due_date);
COMMENT ON TABLE disposal_step IS 'Dated steps and progress notes of a disposal plan.';

INSERT INTO data_version (name) VALUES ('low-efficiency-land') ON CONFLICT DO NOTHING;
