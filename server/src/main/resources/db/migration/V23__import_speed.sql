-- Imports at the speed of the database (issue 21). The dry run now computes each feature once, in set-based
-- statements over work tables, and writes its report row once; the overlap checks test a feature's shrunk outline
-- (mujun_overlap_core) before any overlap area is computed, and the commit re-check uses the one kept here. The index
-- on the report's outlines served the old in-file overlap statement only; it cost every dry run its upkeep.
ALTER TABLE import_feature ADD COLUMN overlap_core geometry(Geometry, 4490);
COMMENT ON COLUMN import_feature.overlap_core IS 'The outline shrunk so that any overlap over the tolerance reaches into it (mujun_overlap_core), for the commit''s re-check';
DROP INDEX import_feature_geom_gix;
ALTER TABLE import_job ADD COLUMN overlap_tolerance_m2 double precision;
COMMENT ON COLUMN import_job.overlap_tolerance_m2 IS 'The overlap tolerance of the dry run; a commit under another one is refused (run the dry run again)';
