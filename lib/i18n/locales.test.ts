import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import ru from '@/messages/ru.json';
import { languageName, negotiateLocale, toLocale } from './locales';

describe('negotiateLocale', () => {
  it('takes the first of our languages by q-value, a region matching its language', () => {
    expect(negotiateLocale('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ru');
    expect(negotiateLocale('en-GB,en;q=0.9,ru;q=0.8')).toBe('en');
    expect(negotiateLocale('de-DE,de;q=0.9,ru;q=0.5,en;q=0.4')).toBe('ru');
    expect(negotiateLocale('en;q=0.3, RU;q=0.8')).toBe('ru');
    expect(negotiateLocale('ru;q=0, en;q=0.1')).toBe('en');
  });

  it('answers null when the browser asks for none of ours, or asks nothing', () => {
    for (const header of [null, undefined, '', '*', 'de, fr;q=0.9', 'ru;q=0', ';;;,,,', 'x'.repeat(10_000)]) {
      expect(negotiateLocale(header), String(header).slice(0, 20)).toBeNull();
    }
  });
});

describe('languages', () => {
  it('are named in their own language, as the switch lists them', () => {
    expect(languageName('en')).toBe('English');
    expect(languageName('ru')).toBe('Русский');
  });

  it('read an unknown stored value as not chosen', () => {
    expect(toLocale('ru')).toBe('ru');
    for (const value of ['nl', 'RU', '', null, undefined]) expect(toLocale(value)).toBeNull();
  });

  it('write Russian plurals in their three forms', () => {
    const t = createTranslator({ locale: 'ru', messages: ru, namespace: 'bell' });
    expect([1, 2, 5, 21, 22, 25, 111].map((count) => t('labelUnread', { count }))).toEqual([
      'Уведомления, 1 непрочитанное',
      'Уведомления, 2 непрочитанных',
      'Уведомления, 5 непрочитанных',
      'Уведомления, 21 непрочитанное',
      'Уведомления, 22 непрочитанных',
      'Уведомления, 25 непрочитанных',
      'Уведомления, 111 непрочитанных',
    ]);
    const signIn = createTranslator({ locale: 'ru', messages: ru, namespace: 'signInErrors' });
    expect([1, 2, 5, 21].map((count) => signIn('tooManySeconds', { count }).replace(/^.* через /, ''))).toEqual([
      '1 секунду.',
      '2 секунды.',
      '5 секунд.',
      '21 секунду.',
    ]);
  });
});
