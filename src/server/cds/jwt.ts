import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { CdsIssuer } from '../context.js';
import { memoryReplayGuard, type ReplayGuard } from './replay.js';

// CDS Hooks "Trusting CDS Clients": every call carries `Authorization: Bearer <JWT>` signed by the
// EHR with an asymmetric key (never `none`, never HMAC), with iss, aud (this service's URL), exp,
// iat and jti. Only configured issuers are trusted, each with its own JWKS; a `jku` header is not
// followed (an attacker could point it at their own keys). A jti is accepted once (replay).

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const CLOCK_TOLERANCE_S = 60;
/** Longest accepted lifetime: the spec's example issuers keep it to five minutes. */
const MAX_LIFETIME_S = 15 * 60;

export interface EhrIdentity {
  iss: string;
  sub?: string;
  tenant?: string;
}

export class CdsAuthError extends Error {}

export interface JwtVerifier {
  verify(authorization: string | undefined, audiences: string[], now: Date): Promise<EhrIdentity>;
}

export function jwtVerifier(issuers: readonly CdsIssuer[], replay: ReplayGuard = memoryReplayGuard()): JwtVerifier {
  const keys = new Map<string, JWTVerifyGetKey>();
  for (const i of issuers) {
    if (i.jwks) keys.set(i.iss, createLocalJWKSet(i.jwks as Parameters<typeof createLocalJWKSet>[0]));
    else if (i.jwksUrl) keys.set(i.iss, createRemoteJWKSet(new URL(i.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }));
  }

  return {
    async verify(authorization, audiences, now) {
      const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
      if (!m) throw new CdsAuthError('CDS Hooks calls need Authorization: Bearer <JWT> signed by the EHR');
      const token = m[1]!;
      let header: ReturnType<typeof decodeProtectedHeader>;
      let claims: ReturnType<typeof decodeJwt>;
      try {
        header = decodeProtectedHeader(token);
        claims = decodeJwt(token);
      } catch {
        throw new CdsAuthError('the bearer token is not a JWT');
      }
      if (!header.alg || !ASYMMETRIC.includes(header.alg))
        throw new CdsAuthError(`JWT algorithm ${String(header.alg)} is refused: sign with an asymmetric key (ES384 or RS384)`);
      if (typeof claims.iss !== 'string') throw new CdsAuthError('the JWT has no iss');
      const getKey = keys.get(claims.iss);
      if (!getKey) throw new CdsAuthError(`issuer ${claims.iss} is not configured for this service`);
      let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: claims.iss,
          audience: audiences,
          algorithms: ASYMMETRIC,
          requiredClaims: ['exp', 'iat', 'jti'],
          currentDate: now,
          clockTolerance: CLOCK_TOLERANCE_S,
        }));
      } catch (e) {
        if (e instanceof errors.JOSEError) throw new CdsAuthError(`the JWT is not valid: ${e.code} ${e.message}`);
        throw e;
      }
      if (payload.exp! - payload.iat! > MAX_LIFETIME_S) throw new CdsAuthError(`the JWT lives longer than ${MAX_LIFETIME_S / 60} minutes`);
      // An iat in the future would stretch the lifetime bound above into a long-lived token.
      if (payload.iat! > now.getTime() / 1000 + CLOCK_TOLERANCE_S) throw new CdsAuthError('the JWT is issued in the future (iat)');
      const fresh = await replay.claim(claims.iss, String(payload.jti), (payload.exp! + CLOCK_TOLERANCE_S) * 1000, now.getTime());
      if (!fresh) throw new CdsAuthError('the JWT was used before (jti replay)');
      return {
        iss: claims.iss,
        ...(typeof payload.sub === 'string' ? { sub: payload.sub } : {}),
        ...(typeof payload.tenant === 'string' ? { tenant: payload.tenant } : {}),
      };
    },
  };
}
