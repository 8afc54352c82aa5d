/** `recoup audit verify`: checks the audit log's hash chain of one organisation or of all. */
import type { Command } from 'commander';
import { verifyAudit } from '../app/audit/verify.js';
import { organisations } from '../store/schema.js';
import type { Config } from './config.js';
import { organisationContext, withDatabase } from './context.js';

interface VerifyOptions {
  org?: string;
  json?: boolean;
}

export function registerComplianceCommands(program: Command, config: Config, log: (line: string) => void) {
  const audit = program.commands.find((c) => c.name() === 'audit') ?? program.command('audit');
  audit.description('the audit log (docs/compliance.md)');
  audit
    .command('verify')
    .description('verify the hash chain of the audit log; names the first edited, deleted or moved entry')
    .option('--org <id>', 'only this organisation; default every one')
    .option('--json', 'print JSON')
    .action((options: VerifyOptions) =>
      withDatabase(config, async (database) => {
        const tenants = options.org
          ? [(await organisationContext(database, options.org)).tenantId]
          : (await database.db.select({ id: organisations.tenantId }).from(organisations)).map((o) => o.id);
        const results = [];
        for (const tenantId of tenants)
          results.push({ organisation: tenantId, ...(await verifyAudit(database.db, tenantId)) });
        if (options.json) log(JSON.stringify(results, null, 2));
        else
          for (const r of results)
            log(
              r.ok
                ? `${r.organisation}: ok, ${r.entries} entries, head ${r.last_seq} ${r.last_hash}`
                : `${r.organisation}: BROKEN at entry ${r.broken!.seq} (${r.broken!.problem}): ${r.broken!.message}`,
            );
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      }),
    );
}
