-- An import's commit at the speed of its rows (issue 21).
-- Every spatial query on parcel reads current parcels (parcel_geom_current_gix); past outlines are read from
-- parcel_history, which has its own index. The index over every row served no query and cost each write its upkeep.
DROP INDEX parcel_geom_gix;
-- What the dry run measured of each outline and the cluster version it was checked against: the commit writes the
-- first into the register (the outline is the same, so is its area), and re-checks a feature against its cluster's
-- boundary only when the cluster changed since.
ALTER TABLE import_feature ADD COLUMN gk_srid integer, ADD COLUMN cluster_version integer;
COMMENT ON COLUMN import_feature.gk_srid IS 'The Gauss-Krüger zone (EPSG code) in which the dry run measured area_m2';
COMMENT ON COLUMN import_feature.cluster_version IS 'The version of the feature''s cluster when the dry run placed it there';
