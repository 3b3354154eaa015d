import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs, stringOption } from '../args.js';
import { EXIT, InputError, UsageError } from '../io.js';
import type { Command } from '../main.js';
import { DatabaseInUseError, dbOptionsFromEnv, openDb } from '../../store/db.js';
import { BackupError, restoreBackup } from '../../store/backup.js';

const USAGE = `Usage: fulcrum restore FILE [--data DIR]
  Restores a backup written by \`fulcrum backup\` (or GET /api/backup) into an EMPTY database: a new
  PostgreSQL database or schema (DATABASE_URL, FULCRUM_PG_SCHEMA), or a new PGlite folder (--data,
  FULCRUM_DATA or .fulcrum-data). All rows or none; a database that already holds rows is refused.`;

export const command: Command = {
  summary: 'restore a backup into an empty database',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { data: { value: true } });
    const [file, ...extra] = args.positionals;
    if (!file) throw new UsageError('give the backup FILE to restore');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);
    const db = await openDb(dbOptionsFromEnv(stringOption(args, 'data'))).catch((e: unknown) => {
      if (e instanceof DatabaseInUseError) throw new InputError(e.message);
      throw e;
    });
    try {
      const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      const header = await restoreBackup(db, lines);
      const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
      io.err(`restored ${rows} rows from ${file} (backup of ${header.createdAt})\n`);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof BackupError) throw new InputError(`${file}: ${e.message}`);
      throw e;
    } finally {
      await db.close();
    }
  },
};
