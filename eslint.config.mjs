import { readFileSync } from 'node:fs';
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// ---------------------------------------------------------------------------
// Layer boundaries. typescript-eslint's no-restricted-imports (the built-in rule
// plus `allowTypeImports`): an `import type` is erased at build time, so it
// crosses no boundary; a value import does.
// ---------------------------------------------------------------------------

/**
 * The lib/ modules a client component may import: no database, no secrets,
 * nothing that needs the server. They are held to the same rule as the client
 * components themselves (below), so none of them can start reaching further.
 */
export const BROWSER_SAFE_LIB = [
  'utils',
  'format',
  'storable-text',
  'zod-csp',
  'notifications/catalog',
  'notifications/roles',
  'notifications/rules',
  'events/contact-kinds',
  'events/recipients',
  'events/recipient-spec',
  // Which languages exist (pure): the user menu's switch and the global error page read it.
  'i18n/locales',
];

const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1/;

/**
 * A client component: a module whose first statement is 'use client'. ESLint
 * chooses rules by file, not by text, so the file on disk is read.
 */
const isClientComponent = (filePath) => {
  if (!/\.[cm]?[jt]sx?$/.test(filePath)) return false;
  try {
    return USE_CLIENT.test(readFileSync(filePath, 'utf8'));
  } catch {
    return false;
  }
};

const browserRule = [
  'error',
  {
    paths: [{ name: 'server-only', message: 'A client component runs in the browser: server-only modules stay on the server.' }],
    patterns: [
      {
        regex: '^(@/|(\\.\\./)+)db(/|$)',
        allowTypeImports: true,
        message: 'A client component runs in the browser: it cannot import db/ (types are fine: `import type`). Call a server action instead.',
      },
      {
        regex: `^(@/|(\\.\\./)+)lib/(?!(${BROWSER_SAFE_LIB.join('|')})$)`,
        allowTypeImports: true,
        message:
          'A client component runs in the browser: from lib/ it imports only the browser-safe modules (BROWSER_SAFE_LIB in eslint.config.mjs; types are fine: `import type`). Call a server action instead.',
      },
    ],
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // Test helpers named use* (useTestDatabase …) register vitest hooks, not React hooks.
  { files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  {
    name: 'boundaries/client-components',
    files: [isClientComponent, ...BROWSER_SAFE_LIB.map((m) => `lib/${m}.ts`)],
    rules: { '@typescript-eslint/no-restricted-imports': browserRule },
  },
  {
    name: 'boundaries/components',
    files: ['components/**'],
    // The core rule, so that it adds to the client-component rule above instead of replacing it.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/|(\\.\\./)+)app(/|$)',
              message: 'components/ holds what several routes share and imports nothing from app/. A piece that needs a route’s actions lives beside the route (app/…/_components).',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'boundaries/db',
    files: ['db/**'],
    ignores: ['db/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/|(\\.\\./)+)(lib|app|components|emails|worker)(/|$)',
              allowTypeImports: true,
              message: 'db/ is the data layer: it imports nothing from lib/ or the layers above. Take what a query needs (roles, rules) as a parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'boundaries/emails',
    files: ['emails/**'],
    ignores: ['emails/**/*.test.ts', 'emails/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'server-only', message: 'An e-mail template receives what it shows as props.' }],
          patterns: [
            {
              regex: '^(@/|(\\.\\./)+)(lib|db|app|components|worker)(/|$)',
              allowTypeImports: true,
              message: 'An e-mail template receives what it shows as props: no lib/ or db/ look-ups (types are fine: `import type`). Add a prop, filled in by lib/.',
            },
          ],
        },
      ],
    },
  },
  globalIgnores(['.next/**', '.next-*/**', '.data/**', 'node_modules/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**']),
]);
