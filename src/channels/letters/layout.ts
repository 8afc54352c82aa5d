/**
 * Where things go on an A4 letter, in millimetres, after DIN 5008 form B (the letterhead takes
 * the top 45 mm). The address field is 85 × 45 mm, 20 mm from the left edge and 45 mm from the
 * top: its first 17.7 mm hold the return address line, the next 27.3 mm up to six lines of the
 * recipient's address. Folded in three at the printed marks (105 mm and 210 mm), the address
 * shows in the window of a DIN DL or C6/5 window envelope (DIN 680). Text starts 25 mm from the
 * left edge and ends 20 mm from the right.
 */
export const MM = 72 / 25.4;

export const PAGE = { width: 210, height: 297 };
export const MARGIN = { left: 25, right: 20, top: 20, bottom: 25 };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export const LETTERHEAD = { top: 15, height: 45 };
export const ADDRESS_FIELD = { left: 20, top: 45, width: 85, height: 45, returnZone: 17.7, maxLines: 6 };
/** The information block (date, customer number) right of the address field. */
export const INFO_BLOCK = { left: 125, top: 50, width: 75 };
/** Where the subject line starts. */
export const BODY_TOP = 103.4;
export const FOLD_MARKS = [105, 210];
export const PUNCH_MARK = 148.5;
/** The footer (sender, page number) sits below the text area. */
export const FOOTER_TOP = PAGE.height - 15;

/** The item table's columns, in millimetres of the text width. */
export const TABLE_COLUMNS = [
  { key: 'number', width: 40, align: 'left' },
  { key: 'issued', width: 29, align: 'left' },
  { key: 'due', width: 29, align: 'left' },
  { key: 'days', width: 30, align: 'right' },
  { key: 'balance', width: 37, align: 'right' },
] as const;
