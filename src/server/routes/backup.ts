import { writeBackup } from '../../store/backup.js';
import { may } from '../auth.js';
import { audited } from '../audit.js';
import type { App, AppContext } from '../context.js';

/**
 * The backup `fulcrum backup` writes, from the running server (admin): the way to back up an embedded
 * database while its server holds it. Audited before the rows leave.
 */
export function registerBackupRoutes(app: App, ctx: AppContext): void {
  app.get('/api/backup', may.admin, audited(ctx), async (c) => {
    c.var.audit.entry('backup.read', '/api/backup');
    await c.var.audit.flush();
    const lines: string[] = [];
    await writeBackup(ctx.db, (l) => void lines.push(l), ctx.clock.now());
    return c.body(lines.join('\n') + '\n', 200, {
      'content-type': 'application/x-ndjson',
      'content-disposition': `attachment; filename="fulcrum-backup-${ctx.clock.now().toISOString().slice(0, 10)}.ndjson"`,
    });
  });
}
