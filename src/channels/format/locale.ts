/**
 * The locale used to format figures for a customer: their language tag when Intl knows it
 * ("de", "fr-CH", "pt-BR"), otherwise English.
 */
export function resolveLocale(language: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(language);
    if (canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0) return canonical;
  } catch {
    // An invalid tag falls back below.
  }
  return 'en';
}
