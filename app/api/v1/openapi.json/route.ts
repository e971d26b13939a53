import { openApiDocument } from '@/lib/api/openapi';

/** The OpenAPI 3.1 document of the whole HTTP API; public, like any API reference. See README → "OpenAPI". */
export function GET() {
  return Response.json(openApiDocument(), {
    headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
}
