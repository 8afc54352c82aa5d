/** Email addresses compare without case; phone numbers by their digits alone (`+1 617…` = `1617…`). */
export function sameAddress(a: string, b: string): boolean {
  return a === b || normalise(a) === normalise(b);
}

function normalise(address: string): string {
  const text = address.trim();
  if (text.includes('@')) return text.toLowerCase();
  return text.replace(/\D/g, '');
}
