// The assessment engine's public surface: the server, the CLI and the web app use only these.
export { assess, type AssessOptions } from './assess.js';
export { decideCodes, type DecisionCodes } from './fast/decide-codes.js';
export {
  AssessmentSchema,
  ReasonSchema,
  EvidenceEntrySchema,
  MissingSchema,
  CheckResultSchema,
  TippingSchema,
  WeightsSchema,
  ProtocolSchema,
  VERDICTS,
  SCALE_VERDICTS,
  VERDICT_RANK,
  isScaleVerdict,
  type ScaleVerdict,
  type Assessment,
  type Reason,
  type EvidenceEntry,
  type Missing,
  type CheckResult,
  type Tipping,
  type Weights,
  type Protocol,
  type Verdict,
} from './schema.js';
export { msScope, scopeConceptOf, NOT_APPLICABLE_CODE, type Scope } from './scope.js';
export { RULESET_VERSION, KNOWLEDGE, SOURCE_IDS } from './loaded-knowledge.js';
export type { AssessDrug, LabelId, SourceId } from './knowledge.js';
export { renderAssessmentText } from './text.js';
export { patientLetter, NoLetterError } from './letter.js';
export type { CostSetting } from './weights.js';
