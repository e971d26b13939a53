// One React render per e-mail: the plain text converted from the HTML is exactly what a second,
// plain-text render of the element gives, for every template the app sends.
import { createElement, type ComponentType } from 'react';
import { render } from '@react-email/render';
import { describe, expect, it } from 'vitest';
import { categoryTemplates } from '@/emails/notifications';
import { renderEmail } from './render';
import { templates } from './templates';

type Previewable = ComponentType<object> & { PreviewProps?: object };

const cases: Array<[string, Previewable]> = [
  ...Object.entries(templates).map(([name, t]) => [name, t.component as Previewable] as [string, Previewable]),
  ...Object.entries(categoryTemplates).map(([name, c]) => [`notification: ${name}`, c as Previewable] as [string, Previewable]),
];

describe('renderEmail', () => {
  it.each(cases)('%s: the same HTML and text as two renders', async (_name, component) => {
    expect(component.PreviewProps).toBeDefined();
    const element = createElement(component, component.PreviewProps!);
    const once = await renderEmail(element);
    expect(once.html).toBe(await render(element));
    expect(once.text).toBe(await render(element, { plainText: true }));
    expect(once.text.length).toBeGreaterThan(50);
  });
});
