// The catalogs: every language has every message, each message is ICU MessageFormat, and a
// translation asks for the same values as the English (a missing {count} would print nothing).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalog } from '@/lib/notifications/catalog';
import { projectRoleLabels, roleLabels } from '@/lib/notifications/roles';
import { defaultLocale, locales } from './locales';

const DIR = path.resolve(import.meta.dirname, '../../messages');
type Tree = { [key: string]: string | Tree };
const read = (locale: string) => JSON.parse(readFileSync(path.join(DIR, `${locale}.json`), 'utf8')) as Tree;

/** Every message by its dotted key; a value that is neither text nor a group is reported as such. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(id, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of flatten(value, id)) out.set(k, v);
    else out.set(id, `<not a message: ${JSON.stringify(value)}>`);
  }
  return out;
}

/** The values a message asks for ({name}, {count, plural …}, <link>…</link>), by name and kind. */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) found.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      // A plural is a number to the caller, whichever way a language writes it.
      found.add(el.value);
      for (const option of Object.values(el.options)) placeholders(option.value, found);
    }
    if (el.type === TYPE.tag) {
      found.add(`<${el.value}>`);
      placeholders(el.children, found);
    }
  }
  return found;
}

const catalogs = new Map(locales.map((locale) => [locale, flatten(read(locale))]));
const reference = catalogs.get(defaultLocale)!;

describe('message catalogs', () => {
  it('has one file per language in lib/i18n/locales.ts, and no other', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...locales].sort());
  });

  it.each(locales)('%s has exactly the keys of every other language', (locale) => {
    const keys = [...catalogs.get(locale)!.keys()];
    for (const [other, messages] of catalogs) {
      if (other === locale) continue;
      expect(keys.filter((k) => !messages.has(k)), `in ${locale}.json, missing from ${other}.json`).toEqual([]);
    }
  });

  it.each(locales)('%s: every message is non-empty ICU, asking for the same values as in English', (locale) => {
    const problems: string[] = [];
    for (const [key, message] of catalogs.get(locale)!) {
      if (!message.trim()) {
        problems.push(`${key}: empty`);
        continue;
      }
      let elements: MessageFormatElement[];
      try {
        elements = parse(message);
      } catch (error) {
        problems.push(`${key}: not ICU (${(error as Error).message})`);
        continue;
      }
      const english = reference.get(key);
      if (english === undefined) continue;
      const mine = [...placeholders(elements)].sort();
      const theirs = [...placeholders(parse(english))].sort();
      if (mine.join() !== theirs.join()) problems.push(`${key}: asks for ${mine.join(', ') || 'nothing'}, English for ${theirs.join(', ') || 'nothing'}`);
    }
    expect(problems).toEqual([]);
  });

  it('Russian plurals have every form Russian needs (one, few, many, other)', () => {
    const plurals = [...catalogs.get('ru')!].flatMap(([key, message]) =>
      parse(message)
        .filter((el) => el.type === TYPE.plural)
        .map((el) => ({ key, forms: Object.keys((el as { options: object }).options).sort() })),
    );
    expect(plurals.length).toBeGreaterThan(0);
    for (const { key, forms } of plurals) expect(forms, key).toEqual(expect.arrayContaining(['few', 'many', 'one', 'other']));
  });

  it('names the categories and roles in English exactly as the notification catalog and the e-mails do', () => {
    // lib/notifications/catalog.ts and roles.ts still speak English to the e-mails, the audit log and the API.
    for (const category of catalog) expect(reference.get(`categories.${category.key}`)).toBe(category.title);
    for (const [role, label] of Object.entries(roleLabels)) expect(reference.get(`roles.member.${role}`)).toBe(label);
    for (const [role, label] of Object.entries(projectRoleLabels)) expect(reference.get(`roles.project.${role}`)).toBe(label);
  });

  it('uses the provider’s own Russian category titles', () => {
    expect(Object.fromEntries(catalog.map((c) => [c.key, catalogs.get('ru')!.get(`categories.${c.key}`)]))).toEqual({
      account_agreement: 'Аккаунт и договор',
      accounting_documents: 'Бухгалтерские документы',
      balance_payments: 'Баланс и платежи',
      scheduled_maintenance: 'Плановые работы',
      services: 'Услуги и сервисы',
    });
  });
});
