/** A template that cannot be found or rendered; the message names the template and its part. */
export class TemplateError extends Error {
  readonly code = 'template_error';
  constructor(
    readonly template: string,
    message: string,
    /** The part at fault (`email.text`, `sms.text`...), when one is. */
    readonly part?: string,
    /** The line in that part, when Liquid says. */
    readonly line?: number,
  ) {
    super(`template "${template}": ${message}`);
    this.name = 'TemplateError';
  }
}
