// The service's public surface: `fulcrum serve` and tests start it through these.
export { createApp, silentLogger, type Logger } from './app.js';
export { startServer, systemClock, DEFAULT_MAX_BODY_BYTES, type RunningServer, type StartOptions } from './start.js';
export { openApiDocument } from './openapi.js';
export {
  ROLES,
  auditFor,
  patientChanged,
  type App,
  type AppContext,
  type AppEnv,
  type AuthUser,
  type CdsIssuer,
  type Clock,
  type Ctx,
  type Role,
  type ServerConfig,
} from './context.js';
export { HttpError, outcome, type OperationOutcome } from './errors.js';
export { CDS_SERVICES, discovery } from './cds/services.js';
