import { Readable } from "node:stream";
import {
  type Context,
  defaultFileStorage,
  type FileDownload,
  type FileStorage,
  isDomainError,
} from "@switchboard/domain";
import { db } from "~/server/db";
import { currentSession } from "~/server/session";

/**
 * A route handler that streams a stored file (an export, an import's error report) to the signed-in member,
 * whom `open` checks like any use case. The REST download URLs take a bearer token; these the session cookie.
 */
export function sessionDownload(
  open: (ctx: Context, id: string, storage: FileStorage) => Promise<FileDownload>,
) {
  return async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const session = await currentSession();
    if (!session) return new Response("Sign in first", { status: 401 });
    const { id } = await params;
    const ctx = { db: db(), tenantId: session.tenantId, actor: session.actor };
    try {
      const file = await open(ctx, id, defaultFileStorage());
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
  };
}
