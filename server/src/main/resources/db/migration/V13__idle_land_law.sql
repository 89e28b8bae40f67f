-- Idle-land law applied exactly (闲置土地处置办法, 国土资源部令第53号; 民法典 arts. 201–203): the reading of "满一年",
-- periods that stop the clock (art. 8), the decisions that answer a fee or recovery date, recorded stoppages.
-- Functions and rules: R__v8_low_efficiency_land.sql.

INSERT INTO low_eff_threshold (scope_code, key, value) VALUES
  ('', 'full_year_reading', 0),        -- 0: a period of N years is full on the corresponding day; 1: at its end (民法典), one day later
  ('', 'slowed_years', 1),             -- 缓建: N full years after the actual start ...
  ('', 'slowed_developed_share', 0.5), -- ... less than this share of the area due developed, not completed, not suspended
  ('', 'stopped_months', 12),          -- 停产 / 半停产 recorded for N full months
  ('', 'fee_years', 1)                 -- 闲置费: after N full years idle (art. 14(一))
ON CONFLICT DO NOTHING;
COMMENT ON COLUMN low_eff_threshold.value IS 'The threshold''s value; full_year_reading is 0 (full on the corresponding day) or 1 (full at its end, the day after, 民法典 arts. 201–203)';

ALTER TABLE parcel ADD COLUMN production_stopped_since date;
ALTER TABLE parcel ADD COLUMN production_halved_since date;
COMMENT ON COLUMN parcel.production_stopped_since IS '停产之日: production stopped since (as recorded by the survey)';
COMMENT ON COLUMN parcel.production_halved_since IS '半停产之日: production half stopped since (as recorded by the survey)';

-- Art. 8: delay caused by government action, planning changes, force majeure and the like does not count towards the
-- periods of the idle-land rule; each period is recorded with its cause and evidence, versioned, never deleted.
CREATE TABLE low_eff_clock_pause (
  id          bigserial PRIMARY KEY,
  parcel_id   bigint NOT NULL REFERENCES parcel(id),
  cause       text NOT NULL CHECK (cause IN ('government', 'planning', 'force_majeure', 'other')),
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  evidence    text NOT NULL CHECK (length(btrim(evidence)) BETWEEN 1 AND 2000),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  version     integer NOT NULL DEFAULT 1,
  changed_by  text NOT NULL DEFAULT '',
  changed_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX low_eff_clock_pause_parcel_idx ON low_eff_clock_pause (parcel_id) WHERE status = 'active';
COMMENT ON TABLE low_eff_clock_pause IS 'Periods that do not count towards the idle-land periods (令第53号 art. 8: government action, planning changes, force majeure), with cause and evidence.';
COMMENT ON COLUMN low_eff_clock_pause.cause IS 'government (政府原因), planning (规划调整), force_majeure (不可抗力), other';
COMMENT ON COLUMN low_eff_clock_pause.evidence IS 'What proves it: document number, issuing body, what it says';

-- The decisions that answer an idle tag's fee and recovery dates (a passed date without one is flagged).
ALTER TABLE low_eff_tag ADD COLUMN fee_decided_on date;
ALTER TABLE low_eff_tag ADD COLUMN fee_decision_ref text NOT NULL DEFAULT '';
ALTER TABLE low_eff_tag ADD COLUMN recovery_decided_on date;
ALTER TABLE low_eff_tag ADD COLUMN recovery_decision_ref text NOT NULL DEFAULT '';
COMMENT ON COLUMN low_eff_tag.fee_decided_on IS '征缴土地闲置费决定书 date, when recorded';
COMMENT ON COLUMN low_eff_tag.recovery_decided_on IS '收回国有建设用地使用权决定书 date (or a decision not to recover), when recorded';

ALTER TABLE low_eff_threshold ADD CONSTRAINT low_eff_threshold_reading_check CHECK (key <> 'full_year_reading' OR value IN (0, 1));
