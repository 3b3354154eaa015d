// The jti of every accepted CDS Hooks JWT, shared by all servers on one PostgreSQL database: a token
// replayed to another process is refused as it is by the one that accepted it. The key is a hash
// of issuer and jti (both come from the caller, and may hold what text columns refuse).
export const sql = `
CREATE TABLE cds_jti (
  key text PRIMARY KEY,
  until timestamptz NOT NULL
);
CREATE INDEX cds_jti_until ON cds_jti (until);
`;
