import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create } from 'fontkit';

const require = createRequire(import.meta.url);
type FontSource = NonNullable<Parameters<PDFKit.PDFDocument['registerFont']>[1]>;

/**
 * DejaVu Sans by default: it covers Latin (ł, ř, ő…), Greek and Cyrillic, where the PDF standard
 * Helvetica only knows Windows-1252 and prints anything else as garbage.
 */
export const DEFAULT_FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

const STANDARD_FONTS = /^(Courier|Helvetica|Times)(-.*)?$|^(Symbol|ZapfDingbats)$/;
const parsed = new Map<string, FontSource>();

/**
 * A font for pdfkit: a standard font name as is, a font file parsed once per process. Handing
 * pdfkit the parsed font saves parsing it again for every letter (several times the cost of
 * laying out the letter).
 */
export function loadFont(file: string): FontSource {
  if (STANDARD_FONTS.test(file)) return file;
  let font = parsed.get(file);
  if (!font) {
    // pdfkit takes a fontkit font where it takes a file (its typings only list the file forms).
    font = create(readFileSync(file)) as unknown as FontSource;
    parsed.set(file, font);
  }
  return font;
}
