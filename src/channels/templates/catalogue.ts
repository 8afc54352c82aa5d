import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageChannel } from '../message.js';
import { TemplateError } from './errors.js';

/** The templates shipped with Recoup: `defaults/<language>/<template>/<part>.liquid`. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('./defaults', import.meta.url));

/** The files a template has for each channel. A channel is available when all of its parts exist. */
export const CHANNEL_PARTS = {
  email: ['email.subject', 'email.text', 'email.html'],
  sms: ['sms.text'],
  letter: ['letter.subject', 'letter.opening', 'letter.closing'],
} as const satisfies Record<MessageChannel, readonly string[]>;

export type TemplatePart = (typeof CHANNEL_PARTS)[MessageChannel][number];

const CHANNELS = Object.keys(CHANNEL_PARTS) as MessageChannel[];
export const FALLBACK_LANGUAGE = 'en';

export interface TemplateInfo {
  name: string;
  language: string;
  channels: MessageChannel[];
}

/** language → template name → the part files found, over every templates folder. */
type Catalogue = Map<string, Map<string, Set<string>>>;

const catalogues = new Map<string, Catalogue>();

/** Folders searched for templates, custom first: a custom folder overrides single files. */
export function templateDirs(customDir?: string): string[] {
  return customDir ? [path.resolve(customDir), DEFAULT_TEMPLATES_DIR] : [DEFAULT_TEMPLATES_DIR];
}

function scan(dirs: string[]): Catalogue {
  const catalogue: Catalogue = new Map();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const language of readdirSync(dir, { withFileTypes: true })) {
      if (!language.isDirectory()) continue;
      const byName = catalogue.get(language.name) ?? new Map<string, Set<string>>();
      catalogue.set(language.name, byName);
      for (const template of readdirSync(path.join(dir, language.name), { withFileTypes: true })) {
        // Folders starting with "_" hold partials and layouts, not templates.
        if (!template.isDirectory() || template.name.startsWith('_')) continue;
        const parts = byName.get(template.name) ?? new Set<string>();
        byName.set(template.name, parts);
        for (const file of readdirSync(path.join(dir, language.name, template.name))) {
          if (file.endsWith('.liquid')) parts.add(file.slice(0, -'.liquid'.length));
        }
      }
    }
  }
  return catalogue;
}

/** Scanned once per set of folders: templates are files deployed with the code. */
function catalogueFor(dirs: string[]): Catalogue {
  const key = dirs.join('\n');
  let catalogue = catalogues.get(key);
  if (!catalogue) {
    catalogue = scan(dirs);
    catalogues.set(key, catalogue);
  }
  return catalogue;
}

function channelsOf(parts: Set<string>): MessageChannel[] {
  return CHANNELS.filter((channel) => CHANNEL_PARTS[channel].every((part) => parts.has(part)));
}

/** Every template, per language, with the channels it can be sent on. */
export function listTemplates(options: { templatesDir?: string } = {}): TemplateInfo[] {
  const list: TemplateInfo[] = [];
  for (const [language, byName] of catalogueFor(templateDirs(options.templatesDir))) {
    for (const [name, parts] of byName) list.push({ name, language, channels: channelsOf(parts) });
  }
  return list.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
}

/**
 * The language to render `name` for `channel` in: the customer's language ("de-CH"), then its
 * base language ("de"), then English. An unknown template, or one without that channel, is an error.
 */
export function resolveLanguage(
  dirs: string[],
  name: string,
  channel: MessageChannel,
  language: string,
): string {
  const catalogue = catalogueFor(dirs);
  const candidates = [...new Set([language, language.split('-')[0] ?? language, FALLBACK_LANGUAGE])];
  for (const candidate of candidates) {
    const parts = catalogue.get(candidate)?.get(name);
    if (parts && channelsOf(parts).includes(channel)) return candidate;
  }
  const known = [...catalogue.values()].some((byName) => byName.has(name));
  if (!known) throw new TemplateError(name, 'no such template');
  throw new TemplateError(name, `has no ${channel} version (in ${candidates.join(', ')})`);
}

const labelCache = new Map<string, Record<string, string>>();

/** Words used around figures (column headings, "Total due"): `labels.json` per language. */
export function loadLabels(dirs: string[], language: string): Record<string, string> {
  const key = `${dirs.join('\n')}|${language}`;
  let labels = labelCache.get(key);
  if (!labels) {
    labels = {};
    // English first, then the language, then custom folders: later files override single words.
    const languages = language === FALLBACK_LANGUAGE ? [language] : [FALLBACK_LANGUAGE, language];
    for (const lang of languages) {
      for (const dir of [...dirs].reverse()) {
        const file = path.join(dir, lang, 'labels.json');
        if (existsSync(file)) Object.assign(labels, JSON.parse(readFileSync(file, 'utf8')) as object);
      }
    }
    labelCache.set(key, labels);
  }
  return labels;
}
