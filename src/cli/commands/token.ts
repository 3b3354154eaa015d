import { choiceOption, parseArgs, stringOption } from '../args.js';
import { EXIT, InputError, UsageError } from '../io.js';
import type { Command } from '../main.js';
import { resolve } from 'node:path';
import { DatabaseInUseError, dbOptionsFromEnv, openDb, type OpenDbOptions } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { TOKEN_ROLES, issueToken, listTokens, revokeToken } from '../../store/tokens.js';

const USAGE = `Usage: fulcrum token issue --role ROLE --name NAME [--data DIR]
       fulcrum token list [--data DIR]
       fulcrum token revoke ID [--data DIR]
  ROLE is one of ${TOKEN_ROLES.join(', ')}. The token is printed once; only its hash is stored.
  A token is valid only with the database it was issued into: serve with the same --data (or DATABASE_URL).
  The database is DATABASE_URL (schema FULCRUM_PG_SCHEMA if set) when set, else the PGlite folder --data (or FULCRUM_DATA, or .fulcrum-data).
  An embedded (PGlite) database is opened by one process at a time: stop the server first, or use
  POST /api/tokens with an admin token.`;

/** Where the token is valid and how to use it: a token works only with the database it was issued into. */
export function nextSteps(role: string, name: string, db: OpenDbOptions): string {
  const where = db.databaseUrl
    ? `the PostgreSQL database of DATABASE_URL${db.schema ? ` (schema ${db.schema})` : ''}`
    : `the embedded database in ${resolve(db.dataDir ?? '.fulcrum-data')}`;
  const serve = db.databaseUrl
    ? 'fulcrum serve   (with the same DATABASE_URL)'
    : `fulcrum serve --data ${JSON.stringify(resolve(db.dataDir ?? '.fulcrum-data'))}`;
  return [
    `fulcrum token: the ${role} token above, for ${JSON.stringify(name)}, is shown only this once.`,
    `  It is valid with ${where}, and no other. Next:`,
    `    ${serve}`,
    '  then sign in to the web app at http://localhost:8080/ with it (Access token), or call the API with',
    '    Authorization: Bearer <token>',
    '  `fulcrum token list` shows the tokens of that database, `fulcrum token revoke ID` ends one.',
    '',
  ].join('\n');
}

export const command: Command = {
  summary: 'issue, list or revoke API bearer tokens',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { role: { value: true }, name: { value: true }, data: { value: true } });
    const [action, ...rest] = args.positionals;
    if (action !== 'issue' && action !== 'list' && action !== 'revoke') throw new UsageError('say issue, list or revoke');
    const role = choiceOption(args, 'role', TOKEN_ROLES);
    const name = stringOption(args, 'name');
    if (action === 'issue' && !role) throw new UsageError('--role is required');
    if (action === 'issue' && !name) throw new UsageError('--name is required');
    const dbOptions = dbOptionsFromEnv(stringOption(args, 'data'));
    const db = await openDb(dbOptions).catch((e: unknown) => {
      if (e instanceof DatabaseInUseError) throw new InputError(e.message);
      throw e;
    });
    try {
      await migrate(db);
      if (action === 'issue' && role && name) {
        const { token } = await issueToken(db, role, name, 'cli', new Date());
        // The token alone on standard output (scripts capture it); what to do with it on standard error.
        io.out(`${token}\n`);
        io.err(nextSteps(role, name, dbOptions));
        return EXIT.ok;
      }
      if (action === 'list') {
        for (const t of await listTokens(db)) io.out(`${t.id}  ${t.role.padEnd(9)}  ${t.revoked ? 'revoked' : 'live   '}  ${t.createdAt}  ${t.name}\n`);
        return EXIT.ok;
      }
      const [id] = rest;
      if (!id) throw new UsageError('give the token ID to revoke (see `fulcrum token list`)');
      if (!(await revokeToken(db, id, new Date()))) {
        io.err(`fulcrum token: no live token ${id}\n`);
        return EXIT.failure;
      }
      io.out(`revoked ${id}\n`);
      return EXIT.ok;
    } finally {
      await db.close();
    }
  },
};
