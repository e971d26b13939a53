// The layer boundaries of eslint.config.mjs: each rule fires on an offending
// import, lets the allowed ones through, and the tree keeps them today.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const RULES = ['@typescript-eslint/no-restricted-imports', 'no-restricted-imports'];
let eslint: ESLint;

beforeAll(async () => {
  // Only the boundary rules, so that a snippet is judged by them alone.
  eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => RULES.includes(ruleId) });
});

/** The boundary messages for `code` linted as if it were the file at `filePath`. */
async function violations(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  expect(result.messages.filter((m) => !RULES.includes(m.ruleId ?? ''))).toEqual([]);
  return result.messages.map((m) => m.message);
}

// Real files, so their directive is on disk: ESLint picks the rules by file.
const CLIENT_COMPONENT = 'app/(auth)/sign-in/email-sign-in-form.tsx';
const SERVER_COMPONENT = 'app/(panel)/accounts/[accountId]/_components/telegram-block.tsx';

describe('client components', () => {
  it.each([
    ['db/', "import { db } from '@/db';", /cannot import db\//],
    ['db/ by a relative path', "import { users } from '../../../db/schema';", /cannot import db\//],
    ['server-only', "import 'server-only';", /server-only modules stay on the server/],
    ['a server module of lib/', "import { requireMember } from '@/lib/session';", /only the browser-safe modules/],
    ['a domain module of lib/', "import { addRecipients } from '@/lib/notifications/subscriptions';", /only the browser-safe modules/],
  ])('cannot import %s', async (_, line, message) => {
    const found = await violations(CLIENT_COMPONENT, `'use client';\n${line}\nexport const used = 1;\n`);
    expect(found).toEqual([expect.stringMatching(message)]);
  });

  it('may import types, the browser-safe lib modules and server actions', async () => {
    const code = [
      "'use client';",
      "import type { Db } from '@/db';",
      "import type { NotificationCategory } from '@/db/schema';",
      "import type { EventPreview } from '@/lib/events/preview';",
      "import { cn } from '@/lib/utils';",
      "import { confirmationMatches } from '@/lib/notifications/rules';",
      "import { signInWithEmail } from './actions';",
      'export const used = [cn, confirmationMatches, signInWithEmail];',
      'export type Used = Db | NotificationCategory | EventPreview;',
    ].join('\n');
    expect(await violations(CLIENT_COMPONENT, code)).toEqual([]);
  });

  it('are the files that say so: a server component may read the database', async () => {
    expect(await violations(SERVER_COMPONENT, "import { db } from '@/db';\nimport 'server-only';\nexport const used = db;\n")).toEqual([]);
  });

  it('import only lib/ modules that keep to the same rule', async () => {
    const found = await violations('lib/notifications/rules.ts', "import { db } from '@/db';\nexport const used = db;\n");
    expect(found).toEqual([expect.stringMatching(/cannot import db\//)]);
  });
});

describe('components/', () => {
  it('imports nothing from app/', async () => {
    const found = await violations('components/panel/user-menu.tsx', "'use client';\nimport { signOutAction } from '@/app/(auth)/sign-in/actions';\nexport const used = signOutAction;\n");
    expect(found).toEqual([expect.stringMatching(/imports nothing from app\//)]);
  });

  it('keeps the client-component rule for its client components', async () => {
    const found = await violations('components/ui/dialog.tsx', "'use client';\nimport { db } from '@/db';\nexport const used = db;\n");
    expect(found).toEqual([expect.stringMatching(/cannot import db\//)]);
  });
});

describe('db/', () => {
  it('imports nothing from lib/', async () => {
    const found = await violations('db/queries/subscriptions.ts', "import { MANAGER_ROLES } from '@/lib/notifications/rules';\nexport const used = MANAGER_ROLES;\n");
    expect(found).toEqual([expect.stringMatching(/db\/ is the data layer/)]);
    expect(await violations('db/schema.ts', "import { roleLabels } from '../lib/notifications/roles';\nexport const used = roleLabels;\n")).toHaveLength(1);
  });

  it('may name a lib/ type (a jsonb column’s), and its tests may use lib/', async () => {
    expect(await violations('db/schema.ts', "import type { RecipientSpec } from '../lib/events/recipient-spec';\nexport type Used = RecipientSpec;\n")).toEqual([]);
    expect(await violations('db/audit-integrity.test.ts', "import { createApiKey } from '@/lib/delivery/api-keys';\nexport const used = createApiKey;\n")).toEqual([]);
  });
});

describe('emails/', () => {
  it('receive what they show as props: no look-ups in lib/ or db/', async () => {
    for (const line of ["import { getEvent } from '@/lib/events/catalog';", "import { db } from '@/db';"]) {
      const found = await violations('emails/reseller-event.tsx', `${line}\nexport const used = 1;\n`);
      expect(found).toEqual([expect.stringMatching(/receives what it shows as props/)]);
    }
  });

  it('may name the types of their props', async () => {
    expect(await violations('emails/events/index.ts', "import type { EventGroupKey } from '@/lib/events/catalog';\nexport type Used = EventGroupKey;\n")).toEqual([]);
  });
});

it('holds in the whole tree today', { timeout: 180_000 }, async () => {
  const results = await eslint.lintFiles(['app', 'components', 'db', 'emails', 'lib']);
  expect(results.length).toBeGreaterThan(200);
  const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
  expect(found).toEqual([]);
});
