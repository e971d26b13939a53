import { createElement, type ComponentType } from 'react';
import { render } from '@react-email/render';
import { templates, type TemplateName } from './templates';

export type RenderedMail = { subject: string; html: string; text: string };

export async function renderMail(name: string, rawProps: unknown): Promise<RenderedMail> {
  const template = templates[name as TemplateName];
  if (!template) throw new Error(`Unknown e-mail template "${name}"`);
  const props = template.props.parse(rawProps);
  // The registry pairs each component with its own schema, so `props` fits `component`.
  const element = createElement(template.component as ComponentType<object>, props as object);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(props as never), html, text };
}
