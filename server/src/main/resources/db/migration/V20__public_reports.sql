-- Public reports (issue 19): the province chooses the years whose cluster ranking and class mix per cluster (never an
-- enterprise's name) the public site shows; withdrawn rather than deleted, with history.
CREATE TABLE public_report (
  year       smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  published  boolean NOT NULL DEFAULT true,
  note       text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  changed_by text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public_report IS 'The years whose cluster ranking (亩均税收) and class mix per cluster are public.';
