/** A template that cannot be found or rendered; the message names the template and its part. */
export class TemplateError extends Error {
  readonly code = 'template_error';
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`template "${template}": ${message}`);
    this.name = 'TemplateError';
  }
}
