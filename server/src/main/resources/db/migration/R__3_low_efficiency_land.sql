-- Functions and triggers of low-efficiency land (repeatable). Numbered "3_" so that Flyway, which applies repeatables in
-- the order of their descriptions, runs it after R__1_register_functions and R__2_standard_land, whose helpers it uses
-- (mujun_record_change, mujun_versioned_row).

-- A threshold for a city: the city's own value, else the province's.
CREATE OR REPLACE FUNCTION mujun_low_eff_threshold(city text, k text) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT value FROM low_eff_threshold WHERE scope_code = city AND key = k),
                  (SELECT value FROM low_eff_threshold WHERE scope_code = '' AND key = k))
$$;

-- The day from which a period of `years` years and `months` months counted from `start` is full — the land is idle,
-- the fee due, the land recoverable from that day — under the city's reading of "满 N 年" (threshold full_year_reading:
-- 0 = on the corresponding day; 1 = at the end of it, i.e. the day after, 民法典 arts. 201–203) and with the days of the
-- parcel's clock pauses (令第53号 art. 8) that fall inside the period added. A start of 29 February has no corresponding
-- day in a common year: the period ends on 28 February (art. 202), as PostgreSQL's date arithmetic gives.
CREATE OR REPLACE FUNCTION low_eff_period_full(city text, parcel bigint, start date, years numeric, months numeric DEFAULT 0)
RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE
  base date;
  full_on date;
  paused integer := 0;
  prev integer := -1;
  pauses datemultirange;
BEGIN
  IF start IS NULL OR years IS NULL THEN RETURN NULL; END IF;
  base := (start + make_interval(years => years::int, months => months::int))::date;
  IF mujun_low_eff_threshold(city, 'full_year_reading') >= 1 THEN base := base + 1; END IF;
  IF parcel IS NOT NULL THEN
    SELECT range_agg(daterange(x.starts_on, x.ends_on, '[]')) INTO pauses FROM low_eff_clock_pause x WHERE x.parcel_id = parcel AND x.status = 'active';
  END IF;
  full_on := base;
  -- A pause inside the period moves its end, which may bring a later pause inside it: repeat until nothing moves.
  WHILE pauses IS NOT NULL AND paused <> prev LOOP
    prev := paused;
    SELECT COALESCE(sum(upper(r) - lower(r)), 0) INTO paused
    FROM unnest(pauses * datemultirange(daterange(start, full_on, '(]'))) r;
    full_on := base + paused;
  END LOOP;
  RETURN full_on;
END $$;

-- A share written as a percentage with as many decimals as it takes to stay on its side of the threshold (24.99 %, not
-- 25.0 %, for a share below 25 %), at least one and at most six.
CREATE OR REPLACE FUNCTION mujun_pct_text(x double precision, threshold double precision) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE d integer := 1; v numeric;
BEGIN
  IF x IS NULL THEN RETURN '—'; END IF;
  LOOP
    v := round((x * 100)::numeric, d);
    EXIT WHEN d >= 6 OR threshold IS NULL OR ((x < threshold) = (v < (threshold * 100)::numeric) AND v <> (threshold * 100)::numeric);
    d := d + 1;
  END LOOP;
  RETURN v::text || '%';
END $$;

-- The legal dates of idle land on a parcel (令第53号): from which day it is idle (art. 2), the fee is due (art. 14(一))
-- and it may be recovered without compensation (art. 14(二)), each counted from the right start — the agreed start
-- for land never started, the suspension for land started and then suspended — with the reading and the pauses used.
CREATE OR REPLACE FUNCTION low_eff_idle_dates(parcel bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
  WITH q AS (
    SELECT x.*, k.city_code,
           CASE WHEN x.actual_start_date IS NULL AND x.agreed_start_date IS NOT NULL THEN 'not_started'
                WHEN x.actual_start_date IS NOT NULL AND x.suspended_since IS NOT NULL THEN 'suspended' END AS basis
    FROM parcel x JOIN cluster k ON k.id = x.cluster_id WHERE x.id = parcel
  ), d AS (
    SELECT q.*, CASE q.basis WHEN 'not_started' THEN q.agreed_start_date ELSE q.suspended_since END AS start,
           CASE q.basis WHEN 'not_started' THEN 'idle_not_started_years' ELSE 'idle_suspended_years' END AS idle_key
    FROM q
  ), t AS (
    -- Each date once: the recovery date also bounds the paused days counted.
    SELECT d.*, low_eff_period_full(d.city_code, d.id, d.start, mujun_low_eff_threshold(d.city_code, d.idle_key)) AS idle_from,
           low_eff_period_full(d.city_code, d.id, d.start, mujun_low_eff_threshold(d.city_code, 'fee_years')) AS fee_from,
           low_eff_period_full(d.city_code, d.id, d.start, mujun_low_eff_threshold(d.city_code, 'recovery_years')) AS recovery_from,
           (SELECT range_agg(daterange(x.starts_on, x.ends_on, '[]')) FROM low_eff_clock_pause x WHERE x.parcel_id = d.id AND x.status = 'active') AS pauses
    FROM d
  )
  SELECT CASE WHEN t.basis IS NULL THEN jsonb_build_object('basis', 'none') ELSE jsonb_build_object(
    'basis', t.basis,
    'startDate', t.start,
    'startField', CASE t.basis WHEN 'not_started' THEN 'agreedStartDate' ELSE 'suspendedSince' END,
    'idleFrom', t.idle_from,
    'idleYears', mujun_low_eff_threshold(t.city_code, t.idle_key),
    'idleRule', '令第53号第二条',
    'feeFrom', t.fee_from,
    'feeYears', mujun_low_eff_threshold(t.city_code, 'fee_years'),
    'feeRule', '令第53号第十四条第（一）项',
    'recoveryFrom', t.recovery_from,
    'recoveryYears', mujun_low_eff_threshold(t.city_code, 'recovery_years'),
    'recoveryRule', '令第53号第十四条第（二）项',
    'reading', CASE WHEN mujun_low_eff_threshold(t.city_code, 'full_year_reading') >= 1 THEN 'civil_code' ELSE 'anniversary' END,
    'pausedDays', COALESCE((SELECT sum(upper(r) - lower(r)) FROM unnest(t.pauses * datemultirange(daterange(t.start, t.recovery_from, '(]'))) r), 0),
    'pauses', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', x.id, 'cause', x.cause, 'startsOn', x.starts_on, 'endsOn', x.ends_on,
        'evidence', x.evidence, 'version', x.version) ORDER BY x.starts_on, x.id) FROM low_eff_clock_pause x WHERE x.parcel_id = t.id AND x.status = 'active'), '[]'))
  END
  FROM t
$$;

CREATE OR REPLACE FUNCTION low_eff_tag_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
  tol double precision := mujun_setting_num('overlap_tolerance_m2', 1.0);
  c record;
  geom_changed boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ007', MESSAGE = 'Tags are never deleted: clear the tag instead (its history is kept).', DETAIL = '{}';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status = 'cleared' THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ006', MESSAGE = 'This tag was cleared and can no longer be changed.', DETAIL = json_build_object('id', OLD.id)::text;
    END IF;
    NEW.id := OLD.id;
    NEW.created_at := OLD.created_at;
    NEW.version := OLD.version + 1;
    NEW.parcel_id := OLD.parcel_id;
    geom_changed := NEW.geom IS DISTINCT FROM OLD.geom OR NEW.kind <> OLD.kind OR NEW.status <> OLD.status;
  ELSE
    NEW.version := 1;
    geom_changed := true;
  END IF;
  NEW.valid_from := now();
  NEW.changed_by := mujun_actor();
  NEW.change_reason := COALESCE(current_setting('mujun.reason', true), '');

  -- FOR SHARE: a concurrent change of the parcel's outline waits for this tag's transaction, or this read waits for it
  -- and sees the new outline (READ COMMITTED re-reads the row), so "inside its parcel" holds for concurrent writers.
  SELECT q.*, k.city_code INTO p FROM parcel q JOIN cluster k ON k.id = q.cluster_id WHERE q.id = NEW.parcel_id FOR SHARE OF q;
  IF p.id IS NULL OR p.status <> 'current' THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ006', MESSAGE = 'Only current parcels can be tagged.', DETAIL = json_build_object('field', 'parcelId')::text;
  END IF;
  NEW.cluster_id := p.cluster_id;
  IF TG_OP = 'INSERT' THEN
    NEW.enterprise_id := p.holder_id;
  END IF;
  IF NEW.whole_parcel OR NEW.geom IS NULL THEN
    NEW.geom := p.geom;
    NEW.whole_parcel := true;
  END IF;
  IF NEW.survey_date > current_date THEN
    RAISE EXCEPTION USING ERRCODE = 'MJ012', MESSAGE = 'The survey date cannot be in the future.', DETAIL = json_build_object('field', 'surveyDate')::text;
  END IF;
  -- Idle land: the fee (a share of the price) and the date from which it may be recovered.
  IF NEW.kind = 'idle' THEN
    NEW.idle_fee_wan := round(p.transfer_price_wan * mujun_low_eff_threshold(p.city_code, 'idle_fee_pct') / 100, 2);
    -- From the right start (the agreed start, or the suspension), under the reading in force, after the pauses.
    NEW.recovery_date := (low_eff_idle_dates(p.id) ->> 'recoveryFrom')::date;
  ELSE
    NEW.idle_fee_wan := NULL;
    NEW.recovery_date := NULL;
  END IF;

  IF geom_changed THEN
    PERFORM mujun_check_geometry(NEW.geom);
    NEW.gk_srid := mujun_gk_srid(NEW.geom);
    NEW.area_m2 := ST_Area(ST_Transform(NEW.geom, NEW.gk_srid));
    NEW.area_mu := NEW.area_m2 * 15 / 10000;
    IF NOT NEW.whole_parcel THEN
      PERFORM mujun_require_inside(NEW.geom, p.geom, NEW.gk_srid, tol, 'the tagged area', 'parcel ' || p.code,
                                   ' Draw inside the parcel.', jsonb_build_object('field', 'geometry'));
    END IF;
    IF NEW.status = 'active' THEN
      PERFORM mujun_lock_area(3, NEW.geom);
      FOR c IN
        SELECT t.id, ST_Area(ST_Transform(ST_Intersection(t.geom, NEW.geom), NEW.gk_srid)) AS a
        FROM low_eff_tag t
        WHERE t.status = 'active' AND t.kind = NEW.kind AND t.id <> NEW.id AND t.geom && NEW.geom
          AND mujun_boxes_overlap(t.geom, NEW.geom) AND ST_Relate(t.geom, NEW.geom, '2********')
      LOOP
        IF c.a > tol THEN
          RAISE EXCEPTION USING ERRCODE = 'MJ005',
            MESSAGE = format('This land is already tagged as the same kind (tag %s) over %s m²; edit that tag instead.', c.id, round(c.a::numeric, 1)),
            DETAIL = json_build_object('otherId', c.id, 'overlapAreaM2', round(c.a::numeric, 2))::text;
        END IF;
      END LOOP;
    END IF;
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS low_eff_tag_before_write ON low_eff_tag;
CREATE TRIGGER low_eff_tag_before_write BEFORE INSERT OR UPDATE OR DELETE ON low_eff_tag FOR EACH ROW EXECUTE FUNCTION low_eff_tag_before_write();
DROP TRIGGER IF EXISTS low_eff_tag_history ON low_eff_tag;
CREATE TRIGGER low_eff_tag_history AFTER INSERT OR UPDATE ON low_eff_tag FOR EACH ROW EXECUTE FUNCTION mujun_record_change('low_eff_tag');
DROP TRIGGER IF EXISTS low_eff_tag_no_truncate ON low_eff_tag;
CREATE TRIGGER low_eff_tag_no_truncate BEFORE TRUNCATE ON low_eff_tag FOR EACH STATEMENT EXECUTE FUNCTION mujun_refuse_truncate();
DROP TRIGGER IF EXISTS low_eff_tag_data_version ON low_eff_tag;
CREATE TRIGGER low_eff_tag_data_version AFTER INSERT OR UPDATE ON low_eff_tag FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('low-efficiency-land');

-- Plans and steps: versioned, in history, never deleted, never dated before the survey.
CREATE OR REPLACE FUNCTION disposal_dates_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE survey date;
BEGIN
  IF TG_TABLE_NAME = 'disposal_plan' THEN
    IF TG_OP = 'INSERT' OR NEW.new_enterprise_id IS DISTINCT FROM OLD.new_enterprise_id THEN
      PERFORM mujun_require_enterprise(NEW.new_enterprise_id, 'newEnterpriseCreditCode');
    END IF;
    SELECT survey_date INTO survey FROM low_eff_tag WHERE id = NEW.tag_id;
    IF NEW.deadline < survey OR NEW.completed_on < survey THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ012',
        MESSAGE = format('The plan is dated before the survey (%s): the deadline and completion must come after it.', survey),
        DETAIL = json_build_object('field', CASE WHEN NEW.deadline < survey THEN 'deadline' ELSE 'completedOn' END, 'surveyDate', survey)::text;
    END IF;
  ELSE
    SELECT t.survey_date INTO survey FROM disposal_plan p JOIN low_eff_tag t ON t.id = p.tag_id WHERE p.id = NEW.plan_id;
    IF NEW.due_date < survey OR NEW.done_on < survey THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ012',
        MESSAGE = format('The step "%s" is dated before the survey (%s).', NEW.title, survey),
        DETAIL = json_build_object('field', CASE WHEN NEW.due_date < survey THEN 'dueDate' ELSE 'doneOn' END, 'surveyDate', survey)::text;
    END IF;
    IF NEW.done_on > current_date THEN
      RAISE EXCEPTION USING ERRCODE = 'MJ012', MESSAGE = 'A step cannot be done in the future.', DETAIL = json_build_object('field', 'doneOn')::text;
    END IF;
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS disposal_plan_versioned ON disposal_plan;
CREATE TRIGGER disposal_plan_versioned BEFORE INSERT OR UPDATE OR DELETE ON disposal_plan FOR EACH ROW EXECUTE FUNCTION mujun_versioned_row();
DROP TRIGGER IF EXISTS disposal_plan_dates ON disposal_plan;
CREATE TRIGGER disposal_plan_dates BEFORE INSERT OR UPDATE ON disposal_plan FOR EACH ROW EXECUTE FUNCTION disposal_dates_check();
DROP TRIGGER IF EXISTS disposal_plan_history ON disposal_plan;
CREATE TRIGGER disposal_plan_history AFTER INSERT OR UPDATE ON disposal_plan FOR EACH ROW EXECUTE FUNCTION mujun_record_change('disposal_plan');
DROP TRIGGER IF EXISTS disposal_step_versioned ON disposal_step;
CREATE TRIGGER disposal_step_versioned BEFORE INSERT OR UPDATE OR DELETE ON disposal_step FOR EACH ROW EXECUTE FUNCTION mujun_versioned_row();
DROP TRIGGER IF EXISTS disposal_step_dates ON disposal_step;
CREATE TRIGGER disposal_step_dates BEFORE INSERT OR UPDATE ON disposal_step FOR EACH ROW EXECUTE FUNCTION disposal_dates_check();
DROP TRIGGER IF EXISTS disposal_step_history ON disposal_step;
CREATE TRIGGER disposal_step_history AFTER INSERT OR UPDATE ON disposal_step FOR EACH ROW EXECUTE FUNCTION mujun_record_change('disposal_step');
-- Plans and steps change how tags look on the map (disposal status).
DROP TRIGGER IF EXISTS disposal_plan_data_version ON disposal_plan;
CREATE TRIGGER disposal_plan_data_version AFTER INSERT OR UPDATE ON disposal_plan FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('low-efficiency-land');
DROP TRIGGER IF EXISTS disposal_step_data_version ON disposal_step;
CREATE TRIGGER disposal_step_data_version AFTER INSERT OR UPDATE ON disposal_step FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('low-efficiency-land');

-- The candidates the rules find among current industrial parcels of the given clusters, as of a date: one row per
-- parcel and rule met, with the kind to propose, a reason a person can read, and the figures behind it.
-- Thresholds come from mujun_low_eff_threshold (the parcel's city, else the province).
CREATE OR REPLACE FUNCTION low_eff_candidates(clusters integer[], as_of date)
RETURNS TABLE (parcel_id bigint, cluster_id integer, kind text, rule text, reason text, details jsonb)
LANGUAGE sql STABLE AS $$
  WITH p AS (
    SELECT q.*, k.city_code, COALESCE(q.registered_area_m2::double precision, q.area_m2) AS due_m2
    FROM parcel q JOIN cluster k ON k.id = q.cluster_id
    JOIN land_use_code lu ON lu.scheme = q.land_use_scheme AND lu.code = q.land_use_code
    WHERE q.status = 'current' AND lu.industrial AND q.cluster_id = ANY (clusters)
  )
  -- Idle land, national rule 1: not started one full year after the agreed start date.
  SELECT p.id, p.cluster_id, 'idle', 'idle_not_started',
         format('约定动工日期 %s 满 %s 年未动工，自 %s 起闲置 (not started %s year(s) after the agreed start; idle from %s)', p.agreed_start_date,
                mujun_low_eff_threshold(p.city_code, 'idle_not_started_years'), d.full_on,
                mujun_low_eff_threshold(p.city_code, 'idle_not_started_years'), d.full_on),
         jsonb_build_object('agreedStartDate', p.agreed_start_date, 'idleFrom', d.full_on)
  FROM p
  JOIN LATERAL (SELECT low_eff_period_full(p.city_code, p.id, p.agreed_start_date, mujun_low_eff_threshold(p.city_code, 'idle_not_started_years')) AS full_on) d ON true
  WHERE p.agreed_start_date IS NOT NULL AND p.actual_start_date IS NULL AND d.full_on <= as_of
  UNION ALL
  -- Idle land, national rule 2: started, under 1/3 developed or under 25 % invested, suspended one full year.
  SELECT p.id, p.cluster_id, 'idle', 'idle_suspended',
         format('已动工，开发面积 %s / %s m²（%s）、投资 %s / %s 万元（%s），中止开发 %s 起满 %s 年，自 %s 起闲置 (under-developed or under-invested and suspended)',
                p.developed_area_m2, round(p.due_m2::numeric, 2), mujun_pct_text(p.developed_area_m2 / p.due_m2, mujun_low_eff_threshold(p.city_code, 'idle_developed_share')),
                p.invested_wan, p.contracted_investment_wan,
                mujun_pct_text(p.invested_wan / NULLIF(p.contracted_investment_wan, 0), mujun_low_eff_threshold(p.city_code, 'idle_invested_share')),
                p.suspended_since, mujun_low_eff_threshold(p.city_code, 'idle_suspended_years'), d.full_on),
         jsonb_build_object('developedShare', p.developed_area_m2 / p.due_m2, 'investedShare', p.invested_wan / NULLIF(p.contracted_investment_wan, 0),
                            'suspendedSince', p.suspended_since, 'idleFrom', d.full_on)
  FROM p
  JOIN LATERAL (SELECT low_eff_period_full(p.city_code, p.id, p.suspended_since, mujun_low_eff_threshold(p.city_code, 'idle_suspended_years')) AS full_on) d ON true
  WHERE p.actual_start_date IS NOT NULL AND p.actual_completion_date IS NULL AND p.suspended_since IS NOT NULL
    AND d.full_on <= as_of
    AND (p.developed_area_m2 / p.due_m2 < mujun_low_eff_threshold(p.city_code, 'idle_developed_share')
         OR p.invested_wan / NULLIF(p.contracted_investment_wan, 0) < mujun_low_eff_threshold(p.city_code, 'idle_invested_share'))
  UNION ALL
  -- Not completed N years after the agreed completion date.
  SELECT p.id, p.cluster_id, 'stalled', 'not_completed',
         format('约定竣工日期 %s 后满 %s 年未竣工 (not completed)', p.agreed_completion_date, mujun_low_eff_threshold(p.city_code, 'not_completed_years')),
         jsonb_build_object('agreedCompletionDate', p.agreed_completion_date)
  FROM p
  WHERE p.agreed_completion_date IS NOT NULL AND p.actual_completion_date IS NULL AND p.actual_start_date IS NOT NULL
    AND low_eff_period_full(p.city_code, NULL, p.agreed_completion_date, mujun_low_eff_threshold(p.city_code, 'not_completed_years')) <= as_of
  UNION ALL
  -- 缓建 (slowed construction): started N full years ago, not completed, not suspended, and the survey recorded under a
  -- share of the area developed (no record, no finding).
  SELECT p.id, p.cluster_id, 'slowed', 'slowed',
         format('动工日期 %s 满 %s 年，开发面积 %s / %s m²（%s）不足 %s，未竣工 (construction slowed)', p.actual_start_date,
                mujun_low_eff_threshold(p.city_code, 'slowed_years'), p.developed_area_m2, round(p.due_m2::numeric, 2),
                mujun_pct_text(p.developed_area_m2 / p.due_m2, mujun_low_eff_threshold(p.city_code, 'slowed_developed_share')),
                mujun_pct_text(mujun_low_eff_threshold(p.city_code, 'slowed_developed_share'), NULL)),
         jsonb_build_object('actualStartDate', p.actual_start_date, 'developedShare', p.developed_area_m2 / p.due_m2)
  FROM p
  WHERE p.actual_start_date IS NOT NULL AND p.actual_completion_date IS NULL AND p.suspended_since IS NULL AND p.developed_area_m2 IS NOT NULL
    AND low_eff_period_full(p.city_code, NULL, p.actual_start_date, mujun_low_eff_threshold(p.city_code, 'slowed_years')) <= as_of
    AND p.developed_area_m2 / p.due_m2 < mujun_low_eff_threshold(p.city_code, 'slowed_developed_share')
  UNION ALL
  -- 停产 / 半停产 recorded by the survey, for N full months.
  SELECT p.id, p.cluster_id, r.kind, r.rule,
         format('%s起%s满 %s 个月 (%s for %s months)', r.since, r.label, mujun_low_eff_threshold(p.city_code, 'stopped_months'), r.label_en,
                mujun_low_eff_threshold(p.city_code, 'stopped_months')),
         jsonb_build_object('since', r.since)
  FROM p
  JOIN LATERAL (VALUES ('stopped', 'stopped_recorded', p.production_stopped_since, '停产', 'production stopped'),
                       ('half_stopped', 'half_stopped_recorded', p.production_halved_since, '半停产', 'production half stopped')) r(kind, rule, since, label, label_en) ON true
  WHERE r.since IS NOT NULL
    AND low_eff_period_full(p.city_code, NULL, r.since, 0, mujun_low_eff_threshold(p.city_code, 'stopped_months')) <= as_of
  UNION ALL
  -- No tax for the last N full years (figures present and zero or less in each).
  SELECT p.id, p.cluster_id, 'stopped', 'no_tax',
         format('连续 %s 年未缴税 (%s–%s) (no tax for %s years)', n.years, n.first_year, n.last_year, n.years),
         jsonb_build_object('years', n.years, 'firstYear', n.first_year, 'lastYear', n.last_year)
  FROM p
  JOIN LATERAL (
    SELECT mujun_low_eff_threshold(p.city_code, 'no_tax_years')::int AS years,
           extract(year FROM as_of)::int - mujun_low_eff_threshold(p.city_code, 'no_tax_years')::int AS first_year,
           extract(year FROM as_of)::int - 1 AS last_year
  ) n ON true
  WHERE p.holder_id IS NOT NULL
    AND (SELECT count(*) FROM enterprise_indicator f WHERE f.enterprise_id = p.holder_id AND f.year BETWEEN n.first_year AND n.last_year AND COALESCE(f.tax_wan, 1) <= 0) = n.years
  UNION ALL
  -- Output or electricity below a share of normal for the last N full years (N = months ÷ 12, rounded up; the data
  -- are yearly), normal being the mean of the three years before that period.
  SELECT p.id, p.cluster_id, 'half_stopped', 'low_output',
         format('%s–%s 年产值或用电低于正常水平（产值 %s / 用电 %s）的 %s%% (output or electricity below normal)',
                o.first_year, o.last_year, round(o.normal_output, 2), round(o.normal_elec, 2), round(o.share * 100)),
         jsonb_build_object('firstYear', o.first_year, 'lastYear', o.last_year, 'normalOutput', round(o.normal_output, 2),
                            'normalElectricity', round(o.normal_elec, 2), 'share', o.share, 'latestOutput', o.latest_output,
                            'latestElectricity', o.latest_elec)
  FROM p
  JOIN LATERAL (
    SELECT w.*,
           (SELECT avg(f.output_wan) FROM enterprise_indicator f WHERE f.enterprise_id = p.holder_id AND f.year BETWEEN w.first_year - 3 AND w.first_year - 1) AS normal_output,
           (SELECT avg(f.electricity_wan_kwh) FROM enterprise_indicator f WHERE f.enterprise_id = p.holder_id AND f.year BETWEEN w.first_year - 3 AND w.first_year - 1) AS normal_elec,
           (SELECT f.output_wan FROM enterprise_indicator f WHERE f.enterprise_id = p.holder_id AND f.year = w.last_year) AS latest_output,
           (SELECT f.electricity_wan_kwh FROM enterprise_indicator f WHERE f.enterprise_id = p.holder_id AND f.year = w.last_year) AS latest_elec
    FROM (SELECT extract(year FROM as_of)::int - 1 AS last_year,
                 extract(year FROM as_of)::int - ceil(mujun_low_eff_threshold(p.city_code, 'low_output_months') / 12)::int AS first_year,
                 ceil(mujun_low_eff_threshold(p.city_code, 'low_output_months') / 12)::int AS n,
                 mujun_low_eff_threshold(p.city_code, 'low_output_share') AS share) w
  ) o ON true
  WHERE p.holder_id IS NOT NULL
    AND (SELECT count(*) FROM enterprise_indicator f WHERE f.enterprise_id = p.holder_id AND f.year BETWEEN o.first_year AND o.last_year
           AND (f.output_wan < o.share * o.normal_output OR f.electricity_wan_kwh < o.share * o.normal_elec)) = o.n
$$;

-- Gives the active idle tags of a parcel the recovery date its dates and pauses now give (each tag gets a new version, so
-- the shift is in the tag's history too). Called by the triggers below; TG_ARGV[0] names the column holding the parcel.
CREATE OR REPLACE FUNCTION low_eff_idle_tags_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE parcel bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
BEGIN
  UPDATE low_eff_tag SET recovery_date = (low_eff_idle_dates(parcel) ->> 'recoveryFrom')::date
  WHERE parcel_id = parcel AND status = 'active' AND kind = 'idle';
  RETURN NULL;
END $$;

-- Clock pauses: versioned, in history, never deleted; a change moves the dates of the parcel's active idle tags.
DROP TRIGGER IF EXISTS low_eff_clock_pause_versioned ON low_eff_clock_pause;
CREATE TRIGGER low_eff_clock_pause_versioned BEFORE INSERT OR UPDATE OR DELETE ON low_eff_clock_pause FOR EACH ROW EXECUTE FUNCTION mujun_versioned_row();
DROP TRIGGER IF EXISTS low_eff_clock_pause_history ON low_eff_clock_pause;
CREATE TRIGGER low_eff_clock_pause_history AFTER INSERT OR UPDATE ON low_eff_clock_pause FOR EACH ROW EXECUTE FUNCTION mujun_record_change('low_eff_clock_pause');
DROP TRIGGER IF EXISTS low_eff_clock_pause_dates ON low_eff_clock_pause;
CREATE TRIGGER low_eff_clock_pause_dates AFTER INSERT OR UPDATE ON low_eff_clock_pause FOR EACH ROW EXECUTE FUNCTION low_eff_idle_tags_follow('parcel_id');
DROP TRIGGER IF EXISTS low_eff_clock_pause_no_truncate ON low_eff_clock_pause;
CREATE TRIGGER low_eff_clock_pause_no_truncate BEFORE TRUNCATE ON low_eff_clock_pause FOR EACH STATEMENT EXECUTE FUNCTION mujun_refuse_truncate();
DROP TRIGGER IF EXISTS low_eff_clock_pause_data_version ON low_eff_clock_pause;
CREATE TRIGGER low_eff_clock_pause_data_version AFTER INSERT OR UPDATE ON low_eff_clock_pause FOR EACH STATEMENT EXECUTE FUNCTION mujun_bump_data_version('low-efficiency-land');

-- A change of the dates the idle-land periods count from (agreed start, actual start, suspension) moves the recovery
-- date of the parcel's active idle tags too.
DROP TRIGGER IF EXISTS parcel_idle_dates ON parcel;
CREATE TRIGGER parcel_idle_dates AFTER UPDATE OF agreed_start_date, actual_start_date, suspended_since ON parcel
  FOR EACH ROW WHEN (OLD.agreed_start_date IS DISTINCT FROM NEW.agreed_start_date OR OLD.actual_start_date IS DISTINCT FROM NEW.actual_start_date
                     OR OLD.suspended_since IS DISTINCT FROM NEW.suspended_since)
  EXECUTE FUNCTION low_eff_idle_tags_follow('id');
