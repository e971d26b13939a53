// The matrix as text: expectations are written as rows of marks, one per
// column, so a reader checks a rule against the spec at a glance; results are
// printed the same way.

/** ✓ allowed (succeeded, changed or returned data) · ✗ denied · – not applicable. */
export type Mark = '✓' | '✗' | '–';

export type Column = { key: string; label: string; title: string };

/** Parses `'✗ ✗ | ✓ ✗'` (`|` only groups columns for the reader). */
export function parseMarks(spec: string, columns: number): Mark[] {
  const marks = spec.split(/\s+/).filter((token) => token && token !== '|');
  if (marks.length !== columns || marks.some((m) => m !== '✓' && m !== '✗' && m !== '–')) {
    throw new Error(`expected ${columns} marks (✓ ✗ –), got "${spec}"`);
  }
  return marks as Mark[];
}

/** What happened in one cell; `problems` lists every way it disagrees with the expectation. */
export type CellResult = { expected: Mark; actual: Mark | 'E'; how: string; problems: string[] };

export type TableRow = { label: string; cells: CellResult[] };

/**
 * A fixed-width table: rows are entry points, columns are callers. A cell
 * that disagrees with its expectation is marked `!`, an error `E`.
 */
export function renderTable(title: string, columns: readonly Column[], rows: readonly TableRow[]): string {
  const labelWidth = Math.max(...rows.map((r) => r.label.length), 10);
  const widths = columns.map((c) => Math.max(c.label.length, 2));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  const lines = [title, `${pad('', labelWidth)}  ${columns.map((c, i) => pad(c.label, widths[i])).join(' ')}`];
  for (const row of rows) {
    const cells = row.cells.map((cell, i) => pad(cell.actual + (cell.problems.length ? '!' : ''), widths[i]));
    lines.push(`${pad(row.label, labelWidth)}  ${cells.join(' ')}`);
  }
  lines.push('', ...columns.map((c) => `  ${pad(c.label, Math.max(...widths))}  ${c.title}`));
  return lines.join('\n');
}
