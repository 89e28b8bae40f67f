-- The land-use palette after the colour families of planning and land-use maps (industry brown, warehousing purple,
-- residential yellow, public utilities blue, green space green, roads grey, water and salt pans pale blue), each
-- class of a scheme told apart from every other at a glance (CIE76 ΔE ≥ 15, LandUsePaletteTest): the three industrial
-- classes of 用地用海分类 light, middle and dark brown, and 工业用地 (1001, class not given) a red-brown between them.
UPDATE land_use_code SET color = v.color FROM (VALUES
  ('GB/T 21010-2017', '0601', '#c0703a'), ('GB/T 21010-2017', '0602', '#8a7a6e'), ('GB/T 21010-2017', '0603', '#cfe0e8'),
  ('GB/T 21010-2017', '0604', '#b8a2dc'), ('GB/T 21010-2017', '0508', '#6b3fa0'), ('GB/T 21010-2017', '0701', '#f5d94e'),
  ('GB/T 21010-2017', '0809', '#3f8fd0'), ('GB/T 21010-2017', '1004', '#9e9e9e'), ('GB/T 21010-2017', '0810', '#6cbf5f'),
  ('用地用海分类', '100101', '#efc9a0'), ('用地用海分类', '100102', '#d88945'), ('用地用海分类', '100103', '#6e3419'),
  ('用地用海分类', '1001', '#a65f3f'), ('用地用海分类', '1101', '#8e63c7'), ('用地用海分类', 'M0', '#00897b')
) v(scheme, code, color) WHERE land_use_code.scheme = v.scheme AND land_use_code.code = v.code;

-- A kept overview tile carries its colours: a change of the palette forgets them (they are rendered again when read).
CREATE TRIGGER land_use_code_changed AFTER UPDATE OR DELETE ON land_use_code FOR EACH STATEMENT EXECUTE FUNCTION parcel_overview_forget();
DELETE FROM parcel_overview_kept;
