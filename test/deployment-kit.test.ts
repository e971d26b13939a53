// The deployment kit names exactly the configuration the product reads: no
// variable of lib/env.ts missing from .env.example or compose.yaml (an
// operator would never learn of it), none there that nothing reads (a setting
// that silently does nothing). Docker is not available where the tests run,
// so the image itself is not built here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envVariableNames, parseEnv } from '@/lib/env';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const sorted = (names: Iterable<string>) => [...names].sort();

/** `NAME=value` and `# NAME=value` lines: what .env.example sets, and what it documents unset. */
function envExample() {
  const set = new Map<string, string>();
  const documented: string[] = [];
  for (const line of read('.env.example').split('\n')) {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    documented.push(m[2]);
    if (!m[1]) set.set(m[2], m[3].replace(/^"(.*)"$/, '$1'));
  }
  return { set, documented };
}

/** The variables of the README's Configuration table. */
function readmeVariables(): string[] {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
}

describe('.env.example', () => {
  it('lists every variable lib/env.ts reads, once, and nothing else', () => {
    const { documented } = envExample();
    expect(sorted(documented)).toEqual(sorted(envVariableNames()));
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('sets each variable it sets to the default lib/env.ts applies', () => {
    const { set } = envExample();
    const defaults = parseEnv({}) as Record<string, unknown>;
    const parsed = parseEnv(Object.fromEntries(set)) as Record<string, unknown>;
    expect(Object.fromEntries([...set.keys()].map((k) => [k, parsed[k]]))).toEqual(Object.fromEntries([...set.keys()].map((k) => [k, defaults[k]])));
  });

  it('mentions every variable of the README’s configuration table, and the table every variable', () => {
    const text = read('.env.example');
    const table = readmeVariables();
    expect(table.filter((name) => !new RegExp(`\\b${name}\\b`).test(text))).toEqual([]);
    expect(envVariableNames().filter((name) => !table.includes(name))).toEqual([]);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, { image?: string; command?: string; environment?: Record<string, unknown>; ports?: string[]; volumes?: string[]; depends_on?: Record<string, { condition: string }> }>;
  };
  const appServices = Object.entries(compose.services).filter(([, s]) => s.image?.startsWith('account-notifications'));

  it('runs PostgreSQL with a volume, one migration, two web processes on two ports and two workers', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:\d+/);
    expect(compose.services.postgres.volumes?.[0]).toMatch(/^pgdata:/);
    expect(Object.fromEntries(appServices.map(([name, s]) => [name, s.command]))).toEqual({
      migrate: 'migrate',
      'web-1': 'web',
      'web-2': 'web',
      'worker-1': 'worker',
      'worker-2': 'worker',
    });
    expect([compose.services['web-1'].ports, compose.services['web-2'].ports]).toEqual([['3000:3000'], ['3001:3000']]);
    for (const [name, s] of appServices) if (name !== 'migrate') expect(s.depends_on?.migrate.condition, name).toBe('service_completed_successfully');
  });

  it('gives every process of the image exactly the variables lib/env.ts reads', () => {
    for (const [name, s] of appServices) expect(sorted(Object.keys(s.environment ?? {})), name).toEqual(sorted(envVariableNames()));
  });

  it('uses the commands the image’s entry point knows, as a user other than root', () => {
    const entrypoint = read('docker/entrypoint.sh');
    for (const command of ['web', 'worker', 'migrate']) expect(entrypoint).toMatch(new RegExp(`^\\s*${command}\\) shift; exec `, 'm'));
    expect(read('Dockerfile')).toMatch(/^USER node$/m);
  });
});
