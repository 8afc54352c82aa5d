import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { DEFAULT_LETTERS_DIR, dayFolder, printFile, writeFileAtomic } from './files.js';

export interface LetterBatch {
  /** The print file written. */
  file: string;
  letters: number;
  /** Pages in the print file, blank pages for duplex included. */
  pages: number;
}

export interface BatchOptions {
  dir?: string;
  tenantId: string;
  /** The print day: the `as_of` date of the run that decided the letters. */
  date: string;
  /** Printing on both sides: a letter with an odd page count gets a blank back, so the next starts on a new sheet. */
  duplex?: boolean;
}

/**
 * Joins one organisation's letters of one day into a single print file
 * (`<dir>/<organisation>/print/<date>.pdf`), in file-name order; running it again rebuilds the
 * same file. Returns null when there is no letter that day.
 */
export async function batchLetters(options: BatchOptions): Promise<LetterBatch | null> {
  const dir = path.resolve(options.dir ?? DEFAULT_LETTERS_DIR);
  const folder = dayFolder(dir, options.tenantId, options.date);
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter((name) => name.startsWith('letter-') && name.endsWith('.pdf'))
    .sort();
  if (names.length === 0) return null;

  const batch = await PDFDocument.create();
  batch.setTitle(`Letters of ${options.date}`);
  batch.setCreator('Recoup');
  batch.setCreationDate(new Date(`${options.date}T00:00:00Z`));
  batch.setModificationDate(new Date(`${options.date}T00:00:00Z`));
  for (const name of names) {
    const letter = await PDFDocument.load(await readFile(path.join(folder, name)));
    const pages = await batch.copyPages(letter, letter.getPageIndices());
    for (const page of pages) batch.addPage(page);
    if (options.duplex && pages.length % 2 === 1) {
      const last = pages[pages.length - 1]!;
      batch.addPage([last.getWidth(), last.getHeight()]);
    }
  }
  const file = printFile(dir, options.tenantId, options.date);
  await writeFileAtomic(file, await batch.save());
  return { file, letters: names.length, pages: batch.getPageCount() };
}
