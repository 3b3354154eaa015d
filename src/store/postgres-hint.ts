// One wording, in the tests' skip reports and in the README, of how to get the PostgreSQL cases run.
export const POSTGRES_SETUP = 'eval "$(bash scripts/postgres.sh)"';
export const POSTGRES_SKIP_REASON = `skipped: DATABASE_URL is not set, so the PostgreSQL cases do not run; ${POSTGRES_SETUP} sets it`;
