import { db } from '@/db';
import { getDirectoryAccount } from '@/lib/directory/accounts';
import { putMember, readMember, removeMember } from '@/lib/directory/directory';
import { accountRefParam, directoryEndpoint, emailParam, noContent, ok, parseBody } from '@/lib/directory/http';
import { memberBody } from '@/lib/directory/schema';

type Context = { params: Promise<{ ref: string; email: string }> };

/** One member of the account. */
export async function GET(request: Request, { params }: Context) {
  const { ref, email } = await params;
  return directoryEndpoint(request, { body: false }, async () => {
    const accountRef = accountRefParam(ref);
    const account = await getDirectoryAccount(db, accountRef);
    return ok(await readMember(db, account.id, accountRef, emailParam(email)));
  });
}

/** Adds (201) or changes (200) a member: role, project roles, name. */
export async function PUT(request: Request, { params }: Context) {
  const { ref, email } = await params;
  return directoryEndpoint(request, { body: true }, async ({ actor, body }) => {
    const accountRef = accountRefParam(ref);
    const address = emailParam(email);
    const { created, member } = await putMember(db, actor, accountRef, address, parseBody(memberBody, body));
    return ok(member, created ? 201 : 200);
  });
}

/** Removes a member (204). */
export async function DELETE(request: Request, { params }: Context) {
  const { ref, email } = await params;
  return directoryEndpoint(request, { body: false }, async ({ actor }) => {
    await removeMember(db, actor, accountRefParam(ref), emailParam(email));
    return noContent;
  });
}
