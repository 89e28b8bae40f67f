-- Imports of parcel files: the job, its per-feature report, saved field mappings; staging tables live in schema staging.

CREATE SCHEMA IF NOT EXISTS staging;
COMMENT ON SCHEMA staging IS 'Raw layers loaded by ogr2ogr for an import; dropped once checked.';

CREATE TABLE import_job (
  id           bigserial PRIMARY KEY,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  file_name    text NOT NULL,
  file_sha256  text NOT NULL,
  file_size    bigint NOT NULL,
  format       text NOT NULL,
  layer        text,
  source_crs   integer,
  crs_source   text,
  encoding     text,
  cluster_id   integer REFERENCES cluster(id),
  source_key   text,
  mapping      jsonb NOT NULL DEFAULT '{}',
  inspection   jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL CHECK (status IN ('inspected', 'checked', 'committed', 'failed')),
  counts       jsonb NOT NULL DEFAULT '{}',
  warnings     jsonb NOT NULL DEFAULT '[]',
  mode         text CHECK (mode IN ('all', 'accepted')),
  committed_at timestamptz,
  committed_by text
);
COMMENT ON TABLE import_job IS 'One file brought in by a user: who, when, file name and checksum, choices, counts and status.';

CREATE TABLE import_feature (
  import_id     bigint NOT NULL REFERENCES import_job(id),
  fid           integer NOT NULL,
  status        text NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'repaired', 'rejected')),
  action        text CHECK (action IN ('new', 'update')),
  code          text,
  cluster_id    integer,
  parcel_id     bigint,
  parcel_version integer,
  problems      jsonb NOT NULL DEFAULT '[]',
  repairs       jsonb NOT NULL DEFAULT '[]',
  warnings      jsonb NOT NULL DEFAULT '[]',
  attrs         jsonb NOT NULL DEFAULT '{}',
  raw           jsonb NOT NULL DEFAULT '{}',
  declared_area_m2 double precision,
  area_m2       double precision,
  source_type   text,
  source_geom   geometry(Geometry, 4490),
  geom          geometry(MultiPolygon, 4490),
  PRIMARY KEY (import_id, fid)
);
CREATE INDEX import_feature_geom_gix ON import_feature USING gist (geom);
COMMENT ON TABLE import_feature IS 'The dry-run report: one row per source feature, accepted, repaired (with what) or rejected (with why).';

CREATE TABLE import_mapping (
  source_key text PRIMARY KEY,
  mapping    jsonb NOT NULL,
  fields     text[] NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE import_mapping IS 'Field mappings saved per source layout (the set of field names), so the next file from the same office maps itself.';

ALTER TABLE parcel ADD COLUMN import_id bigint REFERENCES import_job(id);
COMMENT ON COLUMN parcel.import_id IS 'The import that created or last updated this parcel';
