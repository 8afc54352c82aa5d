import PDFDocument from 'pdfkit';
import { formatDate } from '../format/dates.js';
import { formatMoney } from '../format/money.js';
import type { PostalAddress } from '../message.js';
import type { RenderedLetter } from '../templates/render.js';
import type { TemplateScope } from '../templates/scope.js';
import { DEFAULT_FONTS, loadFont } from './fonts.js';
import {
  ADDRESS_FIELD,
  BODY_TOP,
  FOLD_MARKS,
  FOOTER_TOP,
  INFO_BLOCK,
  LETTERHEAD,
  MARGIN,
  MM,
  PUNCH_MARK,
  TABLE_COLUMNS,
  TEXT_WIDTH,
} from './layout.js';

export interface LetterheadOptions {
  /** The organisation's postal address, one line each, printed under its name and as return address. */
  senderAddress?: string[];
  /** TrueType/OpenType files, or PDF standard font names (default: DejaVu Sans, from its npm package). */
  fonts?: { regular: string; bold: string };
}

type Doc = PDFKit.PDFDocument;
const REGULAR = 'letter-regular';
const BOLD = 'letter-bold';
const GREY = '#555555';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The destination country in capitals on the last line, when it is not the sender's country. */
export function addressLines(recipient: PostalAddress, senderCountry: string): string[] {
  const lines = recipient.lines.map((line) => line.trim()).filter((line) => line.length > 0);
  if (recipient.country && recipient.country.toUpperCase() !== senderCountry.toUpperCase()) {
    let name = recipient.country;
    try {
      name = regionNames.of(recipient.country.toUpperCase()) ?? name;
    } catch {
      // Not a region code Intl knows: print the code as given.
    }
    lines.push(name.toUpperCase());
  }
  return lines;
}

function drawLetterhead(doc: Doc, scope: TemplateScope, sender: string[]): void {
  doc.font(BOLD).fontSize(16).fillColor('#1f4e79');
  doc.text(scope.organisation.name, MARGIN.left * MM, LETTERHEAD.top * MM, { width: TEXT_WIDTH * MM });
  doc.font(REGULAR).fontSize(9).fillColor(GREY);
  for (const line of sender) doc.text(line, { width: TEXT_WIDTH * MM });
  doc.fillColor('black');
}

/** Cuts a line to the width, with an ellipsis, for fields that must stay on one line. */
function fitLine(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function drawAddressField(doc: Doc, scope: TemplateScope, sender: string[], recipient: string[]): void {
  const left = ADDRESS_FIELD.left * MM;
  const returnLine = [scope.organisation.name, ...sender].join(' · ');
  doc.font(REGULAR).fontSize(6.5).fillColor(GREY);
  // The return address sits at the bottom of its 17.7 mm zone, right above the recipient.
  const width = ADDRESS_FIELD.width * MM;
  doc.text(fitLine(doc, returnLine, width), left, (ADDRESS_FIELD.top + ADDRESS_FIELD.returnZone - 4.5) * MM, {
    lineBreak: false,
  });
  doc.font(REGULAR).fontSize(10).fillColor('black');
  let y = (ADDRESS_FIELD.top + ADDRESS_FIELD.returnZone + 1) * MM;
  for (const line of recipient) {
    doc.text(fitLine(doc, line, width), left, y, { lineBreak: false });
    y += 4.4 * MM;
  }
}

function drawInfoBlock(doc: Doc, scope: TemplateScope): void {
  const rows: [string, string][] = [
    [scope.labels.date ?? 'Date', formatDate(scope.as_of, scope.locale, 'long')],
    [scope.labels.customer_number ?? 'Customer number', scope.customer.external_id],
  ];
  let y = INFO_BLOCK.top * MM;
  for (const [label, value] of rows) {
    doc.font(REGULAR).fontSize(8).fillColor(GREY);
    doc.text(label, INFO_BLOCK.left * MM, y, { width: INFO_BLOCK.width * MM });
    doc.font(REGULAR).fontSize(10).fillColor('black');
    doc.text(value, INFO_BLOCK.left * MM, y + 3.5 * MM, { width: INFO_BLOCK.width * MM });
    y += 10 * MM;
  }
}

function drawMarks(doc: Doc): void {
  doc.save().lineWidth(0.5).strokeColor('#999999');
  for (const y of FOLD_MARKS)
    doc
      .moveTo(3 * MM, y * MM)
      .lineTo(8 * MM, y * MM)
      .stroke();
  doc
    .moveTo(3 * MM, PUNCH_MARK * MM)
    .lineTo(10 * MM, PUNCH_MARK * MM)
    .stroke();
  doc.restore();
}

function paragraphs(doc: Doc, blocks: string[]): void {
  doc.font(REGULAR).fontSize(10.5).fillColor('black');
  for (const block of blocks) {
    doc.text(block, MARGIN.left * MM, doc.y, { width: TEXT_WIDTH * MM, lineGap: 2 });
    doc.moveDown(0.8);
  }
}

function bottomOfText(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function tableRow(doc: Doc, cells: string[], bold: boolean, ruleBelow: boolean): void {
  const height = 6 * MM;
  let x = MARGIN.left * MM;
  const y = doc.y;
  doc.font(bold ? BOLD : REGULAR).fontSize(9);
  TABLE_COLUMNS.forEach((column, index) => {
    const text = cells[index] ?? '';
    const width = (column.width - 2) * MM;
    doc.text(fitLine(doc, text, width), x + 1 * MM, y + 1.5 * MM, {
      width,
      align: column.align,
      lineBreak: false,
    });
    x += column.width * MM;
  });
  if (ruleBelow) {
    doc
      .save()
      .lineWidth(0.4)
      .strokeColor('#bbbbbb')
      .moveTo(MARGIN.left * MM, y + height)
      .lineTo((MARGIN.left + TEXT_WIDTH) * MM, y + height)
      .stroke()
      .restore();
  }
  doc.x = MARGIN.left * MM;
  doc.y = y + height;
}

/** A label over the first four columns and an amount in the last, for totals and the fee. */
function summaryRow(doc: Doc, label: string, amount: string, bold: boolean): void {
  const y = doc.y;
  const labelWidth = TABLE_COLUMNS.slice(0, 4).reduce((sum, column) => sum + column.width, 0);
  doc.font(bold ? BOLD : REGULAR).fontSize(9);
  doc.text(label, MARGIN.left * MM, y + 1.5 * MM, {
    width: (labelWidth - 1) * MM,
    align: 'right',
    lineBreak: false,
  });
  const last = TABLE_COLUMNS[4];
  doc.text(amount, (MARGIN.left + labelWidth + 1) * MM, y + 1.5 * MM, {
    width: (last.width - 2) * MM,
    align: 'right',
    lineBreak: false,
  });
  doc.x = MARGIN.left * MM;
  doc.y = y + 6 * MM;
}

function itemTable(doc: Doc, scope: TemplateScope): void {
  const { labels, locale } = scope;
  const header = [labels.invoice, labels.issued, labels.due, labels.days_late, labels.balance].map(
    (label) => label ?? '',
  );
  const rowHeight = 6 * MM;
  const startPage = () => {
    doc
      .save()
      .rect(MARGIN.left * MM, doc.y, TEXT_WIDTH * MM, rowHeight)
      .fill('#eef1f5')
      .restore();
    doc.fillColor('black');
    tableRow(doc, header, true, true);
  };
  startPage();
  for (const item of scope.items) {
    if (doc.y + rowHeight > bottomOfText(doc)) {
      doc.addPage();
      startPage();
    }
    tableRow(
      doc,
      [
        item.number,
        formatDate(item.issue_date, locale, 'medium'),
        formatDate(item.due_date, locale, 'medium'),
        item.days_past_due > 0 ? String(item.days_past_due) : (labels.not_due ?? ''),
        formatMoney(item.balance, locale),
      ],
      false,
      true,
    );
  }
  const summaries: [string, string, boolean][] = scope.totals.map((total) => [
    `${labels.total ?? 'Total'} ${total.currency}`,
    formatMoney(total, locale),
    true,
  ]);
  if (scope.fee) summaries.push([labels.fee ?? 'Fee', formatMoney(scope.fee, locale), false]);
  if (doc.y + summaries.length * rowHeight > bottomOfText(doc)) doc.addPage();
  for (const [label, amount, bold] of summaries) summaryRow(doc, label, amount, bold);
  doc.moveDown(1.2);
}

function drawFooters(doc: Doc, scope: TemplateScope, sender: string[]): void {
  const range = doc.bufferedPageRange();
  const line = [scope.organisation.name, ...sender].join(' · ');
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing below the bottom margin would make pdfkit open a new page; lift it for the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(7.5).fillColor(GREY);
    doc.text(fitLine(doc, line, (TEXT_WIDTH - 32) * MM), MARGIN.left * MM, FOOTER_TOP * MM, {
      lineBreak: false,
    });
    const page = `${scope.labels.page ?? 'Page'} ${index - range.start + 1} ${scope.labels.of ?? 'of'} ${range.count}`;
    doc.text(page, (MARGIN.left + TEXT_WIDTH - 30) * MM, FOOTER_TOP * MM, { width: 30 * MM, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/** Lays out a rendered letter as an A4 PDF (see layout.ts for the positions). */
export function buildLetterPdf(
  letter: RenderedLetter,
  recipient: PostalAddress,
  options: LetterheadOptions = {},
): Promise<Buffer> {
  const scope = letter.scope;
  const sender = options.senderAddress ?? [];
  const fonts = options.fonts ?? DEFAULT_FONTS;
  const doc = new PDFDocument({
    // Starting in our font spares pdfkit loading its default Helvetica for every letter.
    font: loadFont(fonts.regular) as string,
    size: 'A4',
    margins: {
      top: MARGIN.top * MM,
      bottom: MARGIN.bottom * MM,
      left: MARGIN.left * MM,
      right: MARGIN.right * MM,
    },
    bufferPages: true,
    info: {
      Title: letter.subject,
      Author: scope.organisation.name,
      Creator: 'Recoup',
      // The letter's date, not the clock: the same letter gives the same file.
      CreationDate: new Date(`${scope.as_of}T00:00:00Z`),
    },
  });
  doc.registerFont(REGULAR, loadFont(fonts.regular));
  doc.registerFont(BOLD, loadFont(fonts.bold));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  drawLetterhead(doc, scope, sender);
  drawAddressField(doc, scope, sender, addressLines(recipient, scope.organisation.country));
  drawInfoBlock(doc, scope);
  drawMarks(doc);

  doc.font(BOLD).fontSize(11.5).fillColor('black');
  doc.text(letter.subject, MARGIN.left * MM, BODY_TOP * MM, { width: TEXT_WIDTH * MM });
  doc.moveDown(1.2);
  paragraphs(doc, letter.opening);
  if (scope.items.length > 0) itemTable(doc, scope);
  paragraphs(doc, letter.closing);
  drawFooters(doc, scope, sender);
  doc.end();
  return done;
}
