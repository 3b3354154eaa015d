// Safety monitoring: the results recorded for a patient and the acknowledgements of alerts. The plan
// is derived from the history each time and is never stored. Both tables are append-only like every
// clinical record (0001's trigger): a wrong result is corrected by recording the right one, and
// nothing recorded can silently disappear.
export const sql = `
CREATE TABLE monitoring_results (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  date text NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  test text NOT NULL,
  value_number double precision,
  value_text text CHECK (value_text IN ('positive', 'negative')),
  unit text,
  dedupe_key text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  CHECK ((value_number IS NULL) <> (value_text IS NULL)),
  UNIQUE (patient_id, dedupe_key)
);
CREATE INDEX monitoring_results_patient ON monitoring_results (patient_id, date);

CREATE TABLE alert_acknowledgements (
  alert_id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  note text,
  acknowledged_by text NOT NULL,
  acknowledged_at timestamptz NOT NULL
);
CREATE INDEX alert_acknowledgements_patient ON alert_acknowledgements (patient_id);

CREATE TRIGGER monitoring_results_append_only BEFORE UPDATE OR DELETE ON monitoring_results
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
CREATE TRIGGER alert_acknowledgements_append_only BEFORE UPDATE OR DELETE ON alert_acknowledgements
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
`;
