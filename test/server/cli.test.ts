import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command as tokenCommand } from '../../src/cli/commands/token.js';
import { command as serveCommand } from '../../src/cli/commands/serve.js';
import { EXIT, InputError, UsageError } from '../../src/cli/io.js';
import type { CliIo } from '../../src/cli/io.js';
import { openDb } from '../../src/store/db.js';
import { findToken } from '../../src/store/tokens.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), today: () => 20_000, stdoutIsTTY: false, stderrIsTTY: false };
  return { cli, out, err };
}

/** `fulcrum token ...` as the dispatcher runs it (usage errors exit 64). */
async function main(argv: string[], cli: CliIo): Promise<number> {
  try {
    return await tokenCommand.run(argv.slice(1), cli);
  } catch (e) {
    if (e instanceof UsageError) {
      cli.err(`${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

describe('fulcrum token', () => {
  it('issues a token that the store knows by its hash only, lists it and revokes it', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-token-'));
    const env = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const a = io();
      expect(await main(['token', 'issue', '--role', 'nurse', '--name', 'Ward 3', '--data', dir], a.cli)).toBe(0);
      const token = a.out.join('').trim();
      expect(token).toMatch(/^fcm_[A-Za-z0-9_-]{43}$/);
      // The next step, on standard error: which database the token belongs to and how to serve it.
      expect(a.err.join('')).toContain(`valid with the embedded database in ${dir}, and no other`);
      expect(a.err.join('')).toContain(`fulcrum serve --data ${JSON.stringify(dir)}`);
      expect(a.err.join('')).toContain('Authorization: Bearer <token>');
      const db = await openDb({ dataDir: dir });
      try {
        expect(await findToken(db, token)).toMatchObject({ name: 'Ward 3', role: 'nurse' });
        const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
        expect(rows.map((r) => r.token_hash)).not.toContain(token);
      } finally {
        await db.close();
      }
      const l = io();
      expect(await main(['token', 'list', '--data', dir], l.cli)).toBe(0);
      const id = l.out.join('').split(/\s+/)[0]!;
      expect(l.out.join('')).toMatch(/nurse\s+live/);
      expect(await main(['token', 'revoke', id, '--data', dir], io().cli)).toBe(0);
      const l2 = io();
      await main(['token', 'list', '--data', dir], l2.cli);
      expect(l2.out.join('')).toMatch(/revoked/);
    } finally {
      if (env !== undefined) process.env.DATABASE_URL = env;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses (exit 2) to open an embedded database a running server holds, saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-token-'));
    const env = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    const held = await openDb({ dataDir: dir });
    try {
      const e = io();
      await expect(tokenCommand.run(['issue', '--role', 'nurse', '--name', 'x', '--data', dir], e.cli)).rejects.toThrow(InputError);
      await expect(tokenCommand.run(['issue', '--role', 'nurse', '--name', 'x', '--data', dir], e.cli)).rejects.toThrow(/in use by process/);
    } finally {
      await held.close();
      if (env !== undefined) process.env.DATABASE_URL = env;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown role, naming the choices', async () => {
    const e = io();
    expect(await main(['token', 'issue', '--role', 'surgeon', '--name', 'x', '--data', 'memory://'], e.cli)).toBe(64);
    expect(e.err.join('')).toMatch(/clinician, nurse, auditor, admin/);
  });
});

describe('fulcrum serve options', () => {
  it('refuses a CDS issuer that is not ISS=JWKS_URL, and a malformed FULCRUM_CDS_ISSUERS, before opening anything', async () => {
    await expect(serveCommand.run(['--cds-issuer', 'https://ehr.example'], io().cli)).rejects.toThrow(/ISS=JWKS_URL/);
    await expect(serveCommand.run(['--cds-issuer', 'ehr=ftp://keys'], io().cli)).rejects.toThrow(UsageError);
    const saved = process.env.FULCRUM_CDS_ISSUERS;
    process.env.FULCRUM_CDS_ISSUERS = '[{"iss": "x"}]';
    try {
      await expect(serveCommand.run([], io().cli)).rejects.toThrow(/FULCRUM_CDS_ISSUERS/);
    } finally {
      if (saved === undefined) delete process.env.FULCRUM_CDS_ISSUERS;
      else process.env.FULCRUM_CDS_ISSUERS = saved;
    }
    await expect(serveCommand.run(['--port', '70000'], io().cli)).rejects.toThrow(/65535/);
  });
});
