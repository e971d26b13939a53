import { db } from '@/db';
import { fieldProblem } from '@/lib/api/result';
import { getDirectoryAccount } from '@/lib/directory/accounts';
import { accountRefParam, directoryEndpoint, ok } from '@/lib/directory/http';
import { decodeCursor, listMembers, MEMBER_PAGE_DEFAULT, MEMBER_PAGE_MAX } from '@/lib/directory/members';

type Context = { params: Promise<{ ref: string }> };

/** The account's members in e-mail order, `limit` at a time (`?cursor=` for the next page). */
export async function GET(request: Request, { params }: Context) {
  const { ref } = await params;
  return directoryEndpoint(request, { body: false }, async () => {
    const account = await getDirectoryAccount(db, accountRefParam(ref));
    const query = new URL(request.url).searchParams;
    const limitText = query.get('limit');
    const limit = limitText === null ? MEMBER_PAGE_DEFAULT : Number(limitText);
    if (!/^\d+$/.test(limitText ?? '1') || !Number.isInteger(limit) || limit < 1 || limit > MEMBER_PAGE_MAX) {
      throw fieldProblem('limit', `must be a whole number from 1 to ${MEMBER_PAGE_MAX}`);
    }
    const cursor = query.get('cursor');
    const after = cursor === null || cursor === '' ? null : decodeCursor(cursor);
    if (cursor && !after) throw fieldProblem('cursor', 'is not a cursor this API gave out');
    return ok(await listMembers(db, account.id, { after, limit }));
  });
}
