import { createElement, type ComponentType, type ReactElement } from 'react';
import { render, toPlainText } from '@react-email/render';
import { templates, type TemplateName } from './templates';

export type RenderedMail = { subject: string; html: string; text: string };

/**
 * An e-mail's HTML and plain text from one React render: the text is the HTML converted, exactly
 * what `render(element, { plainText: true })` answers after rendering the element a second time.
 */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}

export async function renderMail(name: string, rawProps: unknown): Promise<RenderedMail> {
  const template = templates[name as TemplateName];
  if (!template) throw new Error(`Unknown e-mail template "${name}"`);
  const props = template.props.parse(rawProps);
  // The registry pairs each component with its own schema, so `props` fits `component`.
  const element = createElement(template.component as ComponentType<object>, props as object);
  return { subject: template.subject(props as never), ...(await renderEmail(element)) };
}
