type ClassValue = string | false | null | undefined | 0;

// Utility groups whose members set the same CSS property: of two classes in one group (with the
// same variants, like `hover:`), the later one wins. A small stand-in for tailwind-merge that covers
// what components here override (colours, sizes, spacing, display); anything unknown is kept as is.
const groups: [RegExp, string][] = [
  [/^text-(xs|sm|base|lg|[2-9]?xl)(\/.*)?$/, 'font-size'],
  [/^text-(left|center|right|justify|start|end)$/, 'text-align'],
  [/^text-/, 'color'],
  [/^bg-(linear|radial|conic|gradient|none|\[(linear|radial|url))/, 'bg-image'],
  [/^bg-/, 'bg-color'],
  [/^font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/, 'font-weight'],
  [/^font-/, 'font-family'],
  [/^(whitespace)-/, 'whitespace'],
  [/^(block|inline|inline-block|flex|inline-flex|grid|inline-grid|hidden|contents|table)$/, 'display'],
  [/^flex-(row|col)(-reverse)?$/, 'flex-direction'],
  [/^(justify|items|self|content)-/, '$1'],
  [/^(min-w|max-w|min-h|max-h|size|w|h)-/, '$1'],
  [/^(p|px|py|pt|pr|pb|pl|m|mx|my|mt|mr|mb|ml|gap|gap-x|gap-y|top|right|bottom|left|inset|z)-/, '$1'],
  [/^rounded(-(none|xs|sm|md|lg|xl|2xl|3xl|full|\[.*\]))?$/, 'rounded'],
  [/^shadow(-(none|xs|sm|md|lg|xl|2xl|\[.*\]))?$/, 'shadow-size'],
  [/^opacity-/, 'opacity'],
  [/^cursor-/, 'cursor'],
];

/** The position of the colon that ends the variants (`hover:`, `data-[state=open]:`), outside brackets. */
function variantEnd(cls: string): number {
  let depth = 0;
  let end = -1;
  for (let i = 0; i < cls.length; i++) {
    if (cls[i] === '[' || cls[i] === '(') depth++;
    else if (cls[i] === ']' || cls[i] === ')') depth--;
    else if (cls[i] === ':' && depth === 0) end = i;
  }
  return end;
}

function computeGroup(cls: string): string | null {
  const lastColon = variantEnd(cls);
  const variants = lastColon === -1 ? '' : cls.slice(0, lastColon + 1);
  const utility = cls
    .slice(lastColon + 1)
    .replace(/^!|!$/g, '')
    .replace(/^-/, '');
  for (const [pattern, name] of groups) {
    const match = utility.match(pattern);
    if (match) return variants + name.replace('$1', match[1] ?? '');
  }
  return null;
}

// Both caches stay small: keys are the class names and combinations the components use. They
// matter because cn() runs in every render, and hydrating a page with 31 buttons and switches
// ran these regular expressions thousands of times. Cleared if they ever grow past their cap.
const CACHE_CAP = 2000;
const groupCache = new Map<string, string | null>();
const cnCache = new Map<string, string>();
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_CAP) cache.clear();
  cache.set(key, value);
  return value;
}

function groupOf(cls: string): string | null {
  const known = groupCache.get(cls);
  return known !== undefined ? known : remember(groupCache, cls, computeGroup(cls));
}

/**
 * Joins class names, skipping falsy ones: `cn('px-3 text-slate-700', active && 'text-brand-700')`.
 * When two classes set the same property, the later one wins, so a `className` passed to a
 * primitive overrides its defaults.
 */
export function cn(...classes: ClassValue[]): string {
  const input = classes.filter(Boolean).join(' ');
  const known = cnCache.get(input);
  return known !== undefined ? known : remember(cnCache, input, merge(input));
}

function merge(input: string): string {
  const list = input.split(/\s+/).filter(Boolean);
  const seen = new Set<string>();
  const kept: string[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const group = groupOf(list[i]);
    if (group) {
      if (seen.has(group)) continue;
      seen.add(group);
    }
    kept.push(list[i]);
  }
  return kept.reverse().join(' ');
}
