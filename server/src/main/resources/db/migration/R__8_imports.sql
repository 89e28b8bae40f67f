-- Imports' dry run (repeatable): what is computed once per feature, as functions the dry run's set-based statements
-- call in the FROM list (one call per row, in parallel workers; see ImportSql). No exception blocks, so they are
-- parallel safe.

-- The outline shrunk by a distance so small that any overlap of more than tol m² with another outline must reach into
-- it: the band inside the boundary narrower than d holds at most perimeter × d m², so d = tol / perimeter / 2 (half,
-- for the zone's scale error), in degrees by the largest metres-per-degree (so never wider than d in metres). Touching
-- neighbours (a shared edge, the slivers of a reprojection) miss it, so an ST_Intersects with it filters the
-- pairs whose overlap area is worth computing: an exact necessary condition, not an approximation. An outline thinner
-- than 2d shrinks to nothing (its whole area is under tol). gk is the outline in its Gauss-Krüger zone (metres).
CREATE OR REPLACE FUNCTION mujun_overlap_core(g geometry, gk geometry, tol double precision)
RETURNS geometry LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT ST_Buffer(g, -(tol / 2 / float8larger(ST_Perimeter(gk), 1e-9)) / 111320, 'quad_segs=1') $$;

-- (COST: what a call costs, so that the planner runs these statements in parallel workers.)

-- A feature's outline as the register takes it: in CGCS2000 (a closed line made an area), repaired when invalid (with
-- the reason), degenerate parts under 0.01 m² dropped (counted), with the point that places it in a cluster, its
-- Gauss-Krüger zone, its area there and its overlap core for tolerance tol. A single-part outline, the usual case,
-- is measured once. Nothing but source_geom is set when no area is left (or none was given).
CREATE OR REPLACE FUNCTION mujun_import_outline(g geometry, tol double precision,
  OUT source_geom geometry, OUT invalid_reason text, OUT geom geometry, OUT dropped integer, OUT pos geometry, OUT srid integer,
  OUT area_m2 double precision, OUT overlap_core geometry)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 5000 AS $$
DECLARE src geometry; gk geometry; p geometry; single boolean := false;
BEGIN
  dropped := 0;
  IF g IS NULL OR ST_IsEmpty(g) THEN RETURN; END IF;
  IF ST_Dimension(g) = 2 THEN
    src := ST_Transform(ST_Force2D(g), 4490);
  ELSIF ST_Dimension(g) = 1 AND ST_IsClosed(ST_Force2D(g)) THEN
    src := ST_Transform(ST_BuildArea(ST_Force2D(g)), 4490);
  END IF;
  IF src IS NULL THEN RETURN; END IF;
  IF ST_IsValid(src) THEN
    source_geom := src;
  ELSE
    invalid_reason := ST_IsValidReason(src);
    source_geom := ST_CollectionExtract(ST_MakeValid(src), 3);
  END IF;
  IF ST_IsEmpty(source_geom) THEN RETURN; END IF;
  IF ST_NumGeometries(source_geom) = 1 AND ST_GeometryType(source_geom) IN ('ST_Polygon', 'ST_MultiPolygon') THEN
    p := ST_PointOnSurface(source_geom);
    srid := mujun_gk_srid_at(ST_X(p));
    gk := ST_Transform(source_geom, srid);
    single := ST_Area(gk) >= 0.01;
  END IF;
  IF single THEN
    geom := ST_Multi(source_geom);
    pos := p;
  ELSE
    SELECT ST_Multi(ST_Collect(d.geom) FILTER (WHERE d.a >= 0.01)), count(*) FILTER (WHERE d.a < 0.01) INTO geom, dropped
    FROM (SELECT x.geom, mujun_gk_area(x.geom) AS a FROM ST_Dump(source_geom) x WHERE ST_GeometryType(x.geom) = 'ST_Polygon') d;
    srid := NULL;
    IF geom IS NULL THEN RETURN; END IF;
    pos := ST_PointOnSurface(geom);
    srid := mujun_gk_srid_at(ST_X(pos));
    gk := ST_Transform(geom, srid);
  END IF;
  area_m2 := ST_Area(gk);
  overlap_core := mujun_overlap_core(geom, gk, tol);
END $$;

-- A feature's attributes (source_row: its row as JSON, kept as raw without fid) by the field mapping (target -> source
-- field name, as values: raw ->> name): the 宗地代码
-- without blanks, upper-cased, a 28-character 不动产单元代码 cut to its 19-character 宗地代码 (shortened); land use and
-- scheme with their defaults; the holder's credit code and name; the declared area in m² (factor: the area unit's);
-- the other fields read as dates and numbers into details. Empty text is no value.
CREATE OR REPLACE FUNCTION mujun_import_fields(source_row jsonb, mapping jsonb, default_land_use text, default_scheme text, area_factor double precision,
  OUT code text, OUT shortened boolean, OUT land_use text, OUT scheme text, OUT right_type text, OUT credit_code text,
  OUT holder_name text, OUT declared_area_m2 double precision, OUT details jsonb, OUT raw jsonb)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 2000 AS $$
DECLARE c text;
BEGIN
  raw := source_row - 'fid';
  c := NULLIF(upper(regexp_replace(coalesce(raw ->> (mapping ->> 'code'), ''), '\s', '', 'g')), '');
  shortened := coalesce(length(c) = 28, false);
  code := CASE WHEN shortened THEN left(c, 19) ELSE c END;
  land_use := coalesce(NULLIF(btrim(raw ->> (mapping ->> 'landUseCode')), ''), default_land_use);
  scheme := coalesce(NULLIF(btrim(raw ->> (mapping ->> 'landUseScheme')), ''), default_scheme);
  right_type := NULLIF(btrim(raw ->> (mapping ->> 'rightType')), '');
  credit_code := NULLIF(upper(btrim(raw ->> (mapping ->> 'holderCreditCode'))), '');
  holder_name := NULLIF(btrim(raw ->> (mapping ->> 'holderName')), '');
  declared_area_m2 := mujun_try_numeric(raw ->> (mapping ->> 'declaredArea')) * area_factor;
  details := jsonb_strip_nulls(jsonb_build_object(
    'supplyDate', mujun_try_date(raw ->> (mapping ->> 'supplyDate')),
    'transferPriceWan', mujun_try_numeric(raw ->> (mapping ->> 'transferPriceWan')),
    'agreedStartDate', mujun_try_date(raw ->> (mapping ->> 'agreedStartDate')),
    'agreedCompletionDate', mujun_try_date(raw ->> (mapping ->> 'agreedCompletionDate')),
    'contractedInvestmentWan', mujun_try_numeric(raw ->> (mapping ->> 'contractedInvestmentWan')),
    'floorAreaRatio', mujun_try_numeric(raw ->> (mapping ->> 'floorAreaRatio')),
    'remarks', NULLIF(btrim(raw ->> (mapping ->> 'remarks')), '')));
END $$;

-- (A feature's cluster is found by the dry run's statement itself, ImportSql.features: a lateral join costs a third of
-- a function call per feature.)
DROP FUNCTION IF EXISTS mujun_import_cluster(geometry, integer);
