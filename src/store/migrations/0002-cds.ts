// The cards a CDS Hooks call returned, so feedback on a card finds the assessment behind it.
export const sql = `
CREATE TABLE cds_cards (
  uuid text PRIMARY KEY,
  service_id text NOT NULL,
  hook_instance text NOT NULL,
  patient_id text,
  assessment_id text REFERENCES assessments (id),
  drug text,
  indicator text NOT NULL,
  issuer text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TRIGGER cds_cards_append_only BEFORE UPDATE OR DELETE ON cds_cards
  FOR EACH ROW EXECUTE FUNCTION fulcrum_refuse_change();
ALTER TABLE cds_feedback ADD COLUMN assessment_id text;
`;
