/** `recoup template preview`: what a template gives, with sample data or a customer's open items. */
import type { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import { notFound } from '../domain/errors.js';
import { customers } from '../store/schema.js';
import { previewTemplate } from '../app/templates/preview.js';
import type { Config } from './config.js';
import { organisationContext, withDatabase } from './context.js';

interface PreviewOptions {
  channel: 'email' | 'sms' | 'letter';
  language?: string;
  customer?: string;
  html?: boolean;
  org?: string;
  json?: boolean;
}

export function registerTemplateCommands(program: Command, config: Config, log: (line: string) => void) {
  const template = program.commands.find((c) => c.name() === 'template') ?? program.command('template');
  template.description('message templates (docs/channels.md)');
  template
    .command('preview <key>')
    .description("render a template (the organisation's latest version, else the default)")
    .option('--channel <channel>', 'email, sms or letter', 'email')
    .option('--language <tag>', "language, e.g. de or fr-CA; default the customer's, else en")
    .option('--customer <external id>', "use this customer's real open items instead of sample data")
    .option('--html', 'print the HTML part of an email instead of its text')
    .option('--org <id>', 'organisation id; default the first one')
    .option('--json', 'print JSON')
    .action((key: string, options: PreviewOptions) =>
      withDatabase(config, async (database) => {
        const ctx = await organisationContext(database, options.org);
        let customerId: string | undefined;
        if (options.customer) {
          const [row] = await ctx.db
            .select({ id: customers.id })
            .from(customers)
            .where(and(eq(customers.tenantId, ctx.tenantId), eq(customers.externalId, options.customer)));
          if (!row) throw notFound('customer with external id', options.customer);
          customerId = row.id;
        }
        const preview = await previewTemplate(ctx, {
          key,
          channel: options.channel,
          language: options.language,
          customer_id: customerId,
        });
        if (options.json) return log(JSON.stringify(preview, null, 2));
        if (options.html) {
          if (!preview.html) throw new Error(`a ${preview.channel} message has no HTML part`);
          return log(preview.html);
        }
        log(
          `# ${preview.key} (${preview.channel}, ${preview.language}, ${
            preview.source === 'organisation' ? `version ${preview.version}` : 'default'
          })`,
        );
        if (preview.subject) log(`Subject: ${preview.subject}\n`);
        log(preview.text);
      }),
    );
}
