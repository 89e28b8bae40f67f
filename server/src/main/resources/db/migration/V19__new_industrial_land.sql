-- 新型产业用地 (M0) beside industrial 标准地 (issue 19): its own land-use code; per-city rules as data (floor-area-ratio
-- range, the share of supporting floor space, dividing and selling); an offering states its own conditions and they are
-- checked against the city's rules like the national floors (LandRepository, Rules).

INSERT INTO land_use_code (scheme, code, name, name_en, color, industrial) VALUES
  ('用地用海分类', 'M0', '新型产业用地（M0）', 'New-type industrial land (M0)', '#00897b', true);

ALTER TABLE standard_land
  ADD COLUMN supporting_floor_max_pct numeric(5,2) CHECK (supporting_floor_max_pct BETWEEN 0 AND 100),
  ADD COLUMN divisible boolean NOT NULL DEFAULT false,
  ADD COLUMN sellable_floor_max_pct numeric(5,2) CHECK (sellable_floor_max_pct BETWEEN 0 AND 100);
COMMENT ON COLUMN standard_land.supporting_floor_max_pct IS '配套用房比例上限 | Supporting floor space: the most of the above-ground floor area for supporting uses (%)';
COMMENT ON COLUMN standard_land.divisible IS '可分割转让 | Divisible: whether the buildings may be divided and transferred';
COMMENT ON COLUMN standard_land.sellable_floor_max_pct IS '可转让比例上限 | Sellable share: the most of the floor area that may be transferred (%)';

-- A land use's rules in a city ('' for the province's default); an empty value sets no limit.
CREATE TABLE land_use_rule (
  scheme                   text NOT NULL,
  code                     text NOT NULL,
  city_code                text NOT NULL DEFAULT '' CHECK (city_code = '' OR city_code ~ '^[0-9]{6}$'),
  far_min                  numeric(6,2) CHECK (far_min > 0),
  far_max                  numeric(6,2) CHECK (far_max > 0),
  supporting_floor_max_pct numeric(5,2) CHECK (supporting_floor_max_pct BETWEEN 0 AND 100),
  divisible                boolean,
  sellable_floor_max_pct   numeric(5,2) CHECK (sellable_floor_max_pct BETWEEN 0 AND 100),
  basis                    text NOT NULL,
  PRIMARY KEY (scheme, code, city_code),
  FOREIGN KEY (scheme, code) REFERENCES land_use_code(scheme, code),
  CHECK (far_max IS NULL OR far_min IS NULL OR far_max >= far_min)
);
COMMENT ON TABLE land_use_rule IS 'Rules of a land use per city (M0: 容积率 range, supporting floor space, dividing and selling), checked on each offering.';
INSERT INTO land_use_rule (scheme, code, city_code, supporting_floor_max_pct, basis) VALUES
  ('用地用海分类', 'M0', '410100', 30, '郑州市新型产业用地（M0）试点（2018）：配套用房不超过地上总建筑面积的 30 %');
