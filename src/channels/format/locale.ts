const resolved = new Map<string, string>();

/**
 * The locale used to format figures for a customer: their language tag when Intl knows it
 * ("de", "fr-CH", "pt-BR"), otherwise English.
 */
export function resolveLocale(language: string): string {
  let locale = resolved.get(language);
  if (!locale) {
    locale = 'en';
    try {
      const [canonical] = Intl.getCanonicalLocales(language);
      if (canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0) locale = canonical;
    } catch {
      // An invalid tag stays English.
    }
    resolved.set(language, locale);
  }
  return locale;
}
