import { createElement } from 'react';
import { render } from '@react-email/render';
import { templates, type TemplateName } from './templates';

export type RenderedMail = { subject: string; html: string; text: string };

export async function renderMail(name: string, rawProps: unknown): Promise<RenderedMail> {
  const template = templates[name as TemplateName];
  if (!template) throw new Error(`Unknown e-mail template "${name}"`);
  const props = template.props.parse(rawProps);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry pairs each component with its own schema
  const element = createElement(template.component as any, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(props as never), html, text };
}
