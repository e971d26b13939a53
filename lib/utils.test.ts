import { describe, expect, it } from 'vitest';
import { cn } from './utils';

describe('cn', () => {
  it('joins class names and skips falsy ones', () => {
    expect(cn('a', false, null, undefined, 0, 'b')).toBe('a b');
  });

  it('lets a later class override an earlier one for the same property', () => {
    expect(cn('text-slate-700 hover:text-slate-900', 'text-red-700 hover:text-red-800')).toBe(
      'text-red-700 hover:text-red-800',
    );
    expect(cn('max-w-lg w-full', 'max-w-xl')).toBe('w-full max-w-xl');
    expect(cn('whitespace-nowrap', 'whitespace-normal')).toBe('whitespace-normal');
    expect(cn('font-medium text-sm', 'font-normal')).toBe('text-sm font-normal');
  });

  it('keeps classes of different properties and different variants', () => {
    expect(cn('text-sm text-slate-700', 'text-center')).toBe('text-sm text-slate-700 text-center');
    expect(cn('bg-white hover:bg-slate-50', 'data-[state=open]:bg-brand-50')).toBe(
      'bg-white hover:bg-slate-50 data-[state=open]:bg-brand-50',
    );
    expect(cn('px-3 py-2', 'px-4')).toBe('py-2 px-4');
    expect(cn('[&_svg]:size-4', 'size-9')).toBe('[&_svg]:size-4 size-9');
    expect(cn('[&_svg]:size-4 [&_svg]:text-slate-500', '[&_svg]:text-brand-600')).toBe(
      '[&_svg]:size-4 [&_svg]:text-brand-600',
    );
    expect(cn('data-[state=open]:bg-slate-100', 'data-[state=open]:bg-brand-50')).toBe('data-[state=open]:bg-brand-50');
  });

  it('answers the same from its cache, also once the cache has been cleared', () => {
    const first = cn('px-3 py-2 text-sm', 'px-4');
    expect(cn('px-3 py-2 text-sm', 'px-4')).toBe(first);
    expect(cn('px-3 py-2', 'text-sm px-4')).toBe(first);
    // More combinations than the cache keeps: it is cleared on the way, and answers stay right.
    for (let i = 0; i < 2500; i++) expect(cn(`w-${i} h-${i}`, 'w-full')).toBe(`h-${i} w-full`);
    expect(cn('px-3 py-2 text-sm', 'px-4')).toBe('py-2 text-sm px-4');
  });
});
