/** The small pages of the unsubscribe link: confirm, done, or a link that does not work. */

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2933;line-height:1.5;">
<h1 style="font-size:1.4rem;">${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

export function confirmPage(organisation: string, action: string): string {
  return page(
    'Unsubscribe from payment reminders',
    `<p>Stop receiving payment reminders by email from ${escapeHtml(organisation)}?</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:1rem;padding:.5rem 1.2rem;">Unsubscribe</button>
</form>
<p style="color:#616e7c;font-size:.9rem;">Unsubscribing does not change the amounts due on your account.</p>`,
  );
}

export function donePage(organisation: string): string {
  return page(
    'You are unsubscribed',
    `<p>You will receive no more payment reminders by email from ${escapeHtml(organisation)}.</p>
<p style="color:#616e7c;font-size:.9rem;">Unsubscribing does not change the amounts due on your account; ${escapeHtml(organisation)} may still write to you by post.</p>`,
  );
}

export function brokenLinkPage(message: string): string {
  return page('This link does not work', `<p>${escapeHtml(message)}</p>`);
}
