// The core schema: tokens, versioned histories, immutable assessments and decisions, the audit log and
// CDS Hooks feedback. Clinical records are never updated or deleted (a correction is a new version), so
// triggers refuse UPDATE and DELETE on them; the audit log also refuses TRUNCATE.
export const sql = `
CREATE FUNCTION fulcrum_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('clinician', 'nurse', 'auditor', 'admin')),
  token_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE patients (
  id text PRIMARY KEY,
  current_version integer NOT NULL CHECK (current_version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE history_versions (
  patient_id text NOT NULL REFERENCES patients (id),
  version integer NOT NULL CHECK (version >= 1),
  history jsonb NOT NULL,
  content_hash text NOT NULL,
  mapping_report jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (patient_id, version)
);

CREATE TABLE assessments (
  id text PRIMARY KEY,
  patient_id text NOT NULL,
  history_version integer NOT NULL,
  ruleset_version text NOT NULL,
  as_of text NOT NULL,
  drug text NOT NULL,
  label text NOT NULL,
  verdict text NOT NULL,
  result jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (patient_id, history_version) REFERENCES history_versions (patient_id, version)
);
CREATE INDEX assessments_patient ON assessments (patient_id, created_at DESC);

CREATE TABLE decisions (
  id text PRIMARY KEY,
  assessment_id text NOT NULL REFERENCES assessments (id),
  decision text NOT NULL CHECK (decision IN ('accept', 'override')),
  reason text,
  patient_preference text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (decision = 'accept' OR (reason IS NOT NULL AND length(reason) > 0))
);
CREATE INDEX decisions_assessment ON decisions (assessment_id, created_at);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,
  patient_id text,
  resource text NOT NULL,
  ip text NOT NULL
);
CREATE INDEX audit_patient ON audit_log (patient_id, at);
CREATE INDEX audit_actor ON audit_log (actor, at);
CREATE INDEX audit_at ON audit_log (at);

CREATE TABLE cds_feedback (
  id text PRIMARY KEY,
  service_id text NOT NULL,
  card_uuid text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
  override_reason jsonb,
  user_comment text,
  accepted_suggestions jsonb,
  outcome_timestamp text NOT NULL,
  received_from text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TRIGGER history_versions_append_only BEFORE UPDATE OR DELETE ON history_versions
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
CREATE TRIGGER assessments_append_only BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
CREATE TRIGGER cds_feedback_append_only BEFORE UPDATE OR DELETE ON cds_feedback
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION fulcrum_refuse_change();
`;
