import { intOption, parseArgs, stringOption } from '../args.js';
import { EXIT, InputError, UsageError } from '../io.js';
import type { Command } from '../main.js';
import { DatabaseInUseError, dbOptionsFromEnv } from '../../store/db.js';
import type { CdsIssuer } from '../../server/context.js';
import { DEFAULT_MAX_BODY_BYTES, startServer } from '../../server/start.js';
import { DEFAULT_WEB_ROOT } from '../../server/static.js';
import { DEFAULT_MAX_CDS_BODY_BYTES } from '../../server/app.js';

const USAGE = `Usage: fulcrum serve [--port P] [--host H] [--data DIR] [--public-url URL]
                     [--cds-issuer ISS=JWKS_URL ...] [--max-body BYTES] [--max-cds-body BYTES] [--web DIR] [--trust-proxy]
                     [--fhir-strict]
  Stores histories and assessments, answers the JSON API (/api), CDS Hooks (/cds-services) and serves
  the web app from web/dist. Database: DATABASE_URL when set, else PGlite in --data (or FULCRUM_DATA, or
  .fulcrum-data). --port defaults to PORT or 8080; 0 picks a free port. CDS Hooks callers must present a
  JWT from a configured issuer: --cds-issuer (repeatable) or FULCRUM_CDS_ISSUERS (JSON list of
  {"iss", "jwksUrl"}). --trust-proxy: audit the client address from X-Forwarded-For (behind a proxy only).
  --fhir-strict: refuse a FHIR record for any unreadable entry (default: that entry is left out and
  reported, the rest read). Site code mappings: FULCRUM_SITE_CODES names a JSON file, checked at start. Prints "listening on URL" when ready; SIGINT/SIGTERM stop it cleanly.`;

function parseIssuers(values: string[], env: string | undefined): CdsIssuer[] {
  const out: CdsIssuer[] = [];
  if (env) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env);
    } catch {
      throw new UsageError('FULCRUM_CDS_ISSUERS must be a JSON list of {"iss", "jwksUrl"}');
    }
    if (!Array.isArray(parsed) || !parsed.every((p) => p && typeof p.iss === 'string' && typeof p.jwksUrl === 'string')) {
      throw new UsageError('FULCRUM_CDS_ISSUERS must be a JSON list of {"iss", "jwksUrl"}');
    }
    out.push(...(parsed as { iss: string; jwksUrl: string }[]).map((p) => ({ iss: p.iss, jwksUrl: p.jwksUrl })));
  }
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || !/^https?:\/\//.test(v.slice(eq + 1))) throw new UsageError(`--cds-issuer must be ISS=JWKS_URL, not "${v}"`);
    out.push({ iss: v.slice(0, eq), jwksUrl: v.slice(eq + 1) });
  }
  return out;
}

export const command: Command = {
  summary: 'run the service: JSON API, CDS Hooks and the web app',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, {
      port: { value: true },
      host: { value: true },
      data: { value: true },
      'public-url': { value: true },
      'cds-issuer': { value: true, multiple: true },
      'max-body': { value: true },
      'max-cds-body': { value: true },
      web: { value: true },
      'trust-proxy': {},
      'fhir-strict': {},
    });
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const port = intOption(args, 'port', process.env.PORT ? Number(process.env.PORT) : 8080)!;
    if (port > 65535) throw new UsageError('--port must be at most 65535');
    const publicUrl = stringOption(args, 'public-url');
    const server = await startServer({
      port,
      host: stringOption(args, 'host') ?? '127.0.0.1',
      db: dbOptionsFromEnv(stringOption(args, 'data')),
      config: {
        cdsIssuers: parseIssuers((args.options['cds-issuer'] as string[] | undefined) ?? [], process.env.FULCRUM_CDS_ISSUERS),
        maxBodyBytes: intOption(args, 'max-body', DEFAULT_MAX_BODY_BYTES)!,
        maxCdsBodyBytes: intOption(args, 'max-cds-body', DEFAULT_MAX_CDS_BODY_BYTES)!,
        webRoot: stringOption(args, 'web') ?? DEFAULT_WEB_ROOT,
        trustProxy: args.options['trust-proxy'] === true,
        fhirStrict: args.options['fhir-strict'] === true,
        ...(publicUrl ? { publicUrl: publicUrl.replace(/\/$/, '') } : {}),
      },
      log: { info: (l) => io.err(`${l}\n`), error: (l) => io.err(`${l}\n`) },
    }).catch((e: unknown) => {
      if (e instanceof DatabaseInUseError) throw new InputError(e.message);
      throw e;
    });
    io.out(`listening on ${server.url} (database: ${server.ctx.db.kind})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return EXIT.ok;
  },
};
