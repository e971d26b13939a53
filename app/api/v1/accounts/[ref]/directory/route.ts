import { db } from '@/db';
import { applySnapshot } from '@/lib/directory/directory';
import { accountRefParam, DIRECTORY_SNAPSHOT_MAX_BYTES, directoryEndpoint, ok, parseBody } from '@/lib/directory/http';
import { snapshotBody } from '@/lib/directory/schema';

type Context = { params: Promise<{ ref: string }> };

/** The account's whole member list (and project list) as a snapshot; answers what changed. */
export async function PUT(request: Request, { params }: Context) {
  const { ref } = await params;
  return directoryEndpoint(request, { body: true, maxBodyBytes: DIRECTORY_SNAPSHOT_MAX_BYTES }, async ({ actor, body }) => {
    const accountRef = accountRefParam(ref);
    return ok(await applySnapshot(db, actor, accountRef, parseBody(snapshotBody, body)));
  });
}
