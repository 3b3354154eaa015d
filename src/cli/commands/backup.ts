import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { parseArgs, stringOption } from '../args.js';
import { EXIT, InputError, UsageError } from '../io.js';
import type { Command } from '../main.js';
import { DatabaseInUseError, dbOptionsFromEnv, openDb } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { writeBackup } from '../../store/backup.js';

const USAGE = `Usage: fulcrum backup --out FILE [--data DIR]
  Writes every table (patients, versions, assessments, decisions, monitoring, tokens' hashes, the audit
  log) to FILE as JSON lines, a consistent snapshot: with PostgreSQL (DATABASE_URL) while servers run;
  an embedded PGlite folder (--data, FULCRUM_DATA or .fulcrum-data) is opened by one process at a time,
  so stop its server first, or fetch GET /api/backup with an admin token. Restore with \`fulcrum restore\`.
  FILE holds patient data: keep it as the database is kept.`;

export const command: Command = {
  summary: 'write a consistent backup of the database to a file',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { out: { value: true }, data: { value: true } });
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const out = stringOption(args, 'out');
    if (!out) throw new UsageError('--out FILE is required');
    const db = await openDb(dbOptionsFromEnv(stringOption(args, 'data'))).catch((e: unknown) => {
      if (e instanceof DatabaseInUseError) throw new InputError(`${e.message}\n(or, while it runs: GET /api/backup with an admin token)`);
      throw e;
    });
    // Written beside FILE and renamed when complete: FILE is never a half-written backup.
    const tmp = `${out}.partial`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      await migrate(db);
      const header = await writeBackup(db, (line) => void writeSync(fd, `${line}\n`), new Date());
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, out);
      const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
      io.err(`backed up ${rows} rows from ${Object.keys(header.tables).length} tables to ${out}\n`);
      return EXIT.ok;
    } catch (e) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(tmp, { force: true });
      throw e;
    } finally {
      await db.close();
    }
  },
};
