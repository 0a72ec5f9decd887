import { Readable } from "node:stream";
import { defaultFileStorage, isDomainError, openImportErrorReport } from "@switchboard/domain";
import { db } from "~/server/db";
import { currentSession } from "~/server/session";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The error report of an import job (row, field, message) for a signed-in member; the REST report URL
 * needs a bearer token, this one the session cookie.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await currentSession();
  if (!session) return new Response("Sign in first", { status: 401 });
  const { id } = await params;
  const ctx = { db: db(), tenantId: session.tenantId, actor: session.actor };
  try {
    const file = await openImportErrorReport(ctx, id, defaultFileStorage());
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "content-type": `${file.contentType}; charset=utf-8`,
        "content-length": String(file.size),
        "content-disposition": `attachment; filename="${file.fileName}"`,
      },
    });
  } catch (error) {
    if (isDomainError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN"))
      return new Response(error.message, { status: error.code === "NOT_FOUND" ? 404 : 403 });
    throw error;
  }
}
