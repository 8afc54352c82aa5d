/**
 * Tiny HTML helpers for the server-rendered portal: every value goes through `escape` unless
 * it is a `SafeHtml` built here, so debtor- or creditor-supplied text can never become markup.
 */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString() {
    return this.html;
  }
}

export function escape(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Tagged template: interpolated values are escaped; arrays are joined; SafeHtml passes as is. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escape(value);
}

/** Markup produced by a trusted generator (the QR code library's SVG). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

const STYLE = `
  :root { --ink:#1d2433; --muted:#5b6475; --line:#dde2ea; --accent:#1f5eff; --warn:#b42318; --ok:#067647; --bg:#f6f7f9; }
  * { box-sizing: border-box; }
  body { margin:0; font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
  header { background:#fff; border-bottom:1px solid var(--line); padding:14px 20px; }
  header strong { font-size:18px; }
  main { max-width:760px; margin:0 auto; padding:16px; }
  section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px; margin:0 0 16px; }
  h1 { font-size:22px; margin:4px 0 12px; } h2 { font-size:17px; margin:0 0 10px; }
  table { width:100%; border-collapse:collapse; font-size:15px; }
  th, td { text-align:left; padding:8px 6px; border-bottom:1px solid var(--line); vertical-align:top; }
  td.num, th.num { text-align:right; white-space:nowrap; }
  .muted { color:var(--muted); font-size:14px; }
  .wrap { white-space:normal; font-size:14px; }
  .late { color:var(--warn); font-weight:600; } .ok { color:var(--ok); font-weight:600; }
  .big { font-size:26px; font-weight:700; }
  .notice { background:#eef4ff; border:1px solid #c7d7fe; padding:10px 12px; border-radius:8px; margin-bottom:16px; }
  .error { background:#fef3f2; border-color:#fecdca; }
  button, .button { display:inline-block; background:var(--accent); color:#fff; border:0; border-radius:8px; padding:11px 16px; font-size:16px; cursor:pointer; text-decoration:none; }
  button.secondary { background:#fff; color:var(--accent); border:1px solid var(--accent); }
  label { display:block; margin:8px 0 4px; font-weight:600; font-size:14px; }
  input, select, textarea { width:100%; padding:9px; font-size:16px; border:1px solid var(--line); border-radius:6px; background:#fff; }
  input[type=checkbox] { width:auto; transform:scale(1.3); }
  .row { display:flex; gap:12px; flex-wrap:wrap; } .row > * { flex:1 1 160px; }
  .qr svg { width:180px; height:180px; }
  dl { display:grid; grid-template-columns:max-content 1fr; gap:4px 12px; margin:0; } dt { color:var(--muted); } dd { margin:0; overflow-wrap:anywhere; }
  details summary { cursor:pointer; font-weight:600; }
  @media (max-width:520px) { th.hide, td.hide { display:none; } main { padding:10px; } }
`;

export function page(title: string, organisation: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} · ${organisation}</title>
        <style>
          ${trusted(STYLE)}
        </style>
      </head>
      <body>
        <header><strong>${organisation}</strong> <span class="muted">· payments portal</span></header>
        <main>${body}</main>
      </body>
    </html>`.html;
}
