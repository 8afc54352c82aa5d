import { existsSync } from 'node:fs';
import path from 'node:path';
import { Liquid } from 'liquidjs';
import { FALLBACK_LANGUAGE } from './catalogue.js';
import { registerFilters } from './filters.js';

const engines = new Map<string, Liquid>();

/**
 * A Liquid engine over the template folders of one language (falling back to English files).
 * Liquid only reads the data it is given: no code runs, no JavaScript property or prototype is
 * reachable (`ownPropertyOnly`), and an unknown variable or filter is an error, not an empty
 * string. `html` engines escape every output (`| raw` opts out), text engines escape nothing.
 */
export function engineFor(dirs: string[], language: string, html: boolean): Liquid {
  const key = `${dirs.join('\n')}|${language}|${html}`;
  let engine = engines.get(key);
  if (!engine) {
    const languages = language === FALLBACK_LANGUAGE ? [language] : [language, FALLBACK_LANGUAGE];
    const roots = languages.flatMap((lang) => dirs.map((dir) => path.join(dir, lang))).filter(existsSync);
    engine = new Liquid({
      root: roots,
      partials: roots.map((root) => path.join(root, '_partials')),
      layouts: roots.map((root) => path.join(root, '_layouts')),
      extname: '.liquid',
      cache: true,
      strictVariables: true,
      strictFilters: true,
      // `{% if fee %}` on an absent value is false, not an error; `{{ fee.amount }}` still is.
      lenientIf: true,
      ownPropertyOnly: true,
      relativeReference: false,
      outputEscape: html ? 'escape' : undefined,
      // Bounds for templates written by users: parse size, render time, memory.
      parseLimit: 1_000_000,
      renderLimit: 5_000,
      memoryLimit: 50_000_000,
    });
    registerFilters(engine);
    engines.set(key, engine);
  }
  return engine;
}
