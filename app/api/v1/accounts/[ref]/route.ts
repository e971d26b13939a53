import { db } from '@/db';
import { closeAccount, getDirectoryAccount, putAccount } from '@/lib/directory/accounts';
import { accountRefParam, directoryEndpoint, ok, parseBody } from '@/lib/directory/http';
import { accountBody } from '@/lib/directory/schema';

type Context = { params: Promise<{ ref: string }> };

/** An account, by the platform's ref. See README → "Directory API". */
export async function GET(request: Request, { params }: Context) {
  const { ref } = await params;
  return directoryEndpoint(request, { body: false }, async () => ok(await getDirectoryAccount(db, accountRefParam(ref))));
}

/** Creates (201) or updates (200) an account. */
export async function PUT(request: Request, { params }: Context) {
  const { ref } = await params;
  return directoryEndpoint(request, { body: true }, async ({ actor, body }) => {
    const accountRef = accountRefParam(ref);
    const { created, account } = await putAccount(db, actor, accountRef, parseBody(accountBody, body));
    return ok(account, created ? 201 : 200);
  });
}

/** Closes an account: no more notifications, members lose access, history is kept. */
export async function DELETE(request: Request, { params }: Context) {
  const { ref } = await params;
  return directoryEndpoint(request, { body: false }, async ({ actor }) => ok(await closeAccount(db, actor, accountRefParam(ref))));
}
