import { cn } from '@/lib/utils';

export function initials(name: string): string {
  const parts = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** Initials in a circle; decorative, because the name is always written next to it. */
export function Avatar({
  name,
  size = 'md',
  className,
}: {
  name: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}) {
  return (
    // The initials are CSS-generated content: they stay out of the text of whatever control contains the avatar.
    <span
      aria-hidden="true"
      data-initials={initials(name)}
      className={cn(
        'before:content-[attr(data-initials)]',
        'inline-flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800',
        size === 'sm' && 'size-7 text-xs',
        size === 'md' && 'size-9 text-sm',
        size === 'lg' && 'size-11 text-base',
        className,
      )}
    />
  );
}
