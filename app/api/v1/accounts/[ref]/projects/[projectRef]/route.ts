import { db } from '@/db';
import { putProject, removeProject } from '@/lib/directory/accounts';
import { accountRefParam, directoryEndpoint, noContent, ok, parseBody, projectRefParam } from '@/lib/directory/http';
import { projectBody } from '@/lib/directory/schema';

type Context = { params: Promise<{ ref: string; projectRef: string }> };

/** Creates (201) or renames (200) a project of the account. */
export async function PUT(request: Request, { params }: Context) {
  const { ref, projectRef } = await params;
  return directoryEndpoint(request, { body: true }, async ({ actor, body }) => {
    const accountRef = accountRefParam(ref);
    const project = projectRefParam(projectRef);
    const { created, project: out } = await putProject(db, actor, accountRef, project, parseBody(projectBody, body));
    return ok(out, created ? 201 : 200);
  });
}

/** Removes a project and its project memberships (204). */
export async function DELETE(request: Request, { params }: Context) {
  const { ref, projectRef } = await params;
  return directoryEndpoint(request, { body: false }, async ({ actor }) => {
    await removeProject(db, actor, accountRefParam(ref), projectRefParam(projectRef));
    return noContent;
  });
}
