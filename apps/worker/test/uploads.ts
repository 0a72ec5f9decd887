import { Readable } from "node:stream";
import { type Context, createUpload, type FileStorage, receiveUpload } from "@switchboard/domain";

/** Requests an upload and sends `csv` to it, as a client of the upload URL would; returns the upload's id. */
export async function uploadCsv(ctx: Context, storage: FileStorage, fileName: string, csv: string | Buffer) {
  const bytes = typeof csv === "string" ? Buffer.from(csv) : csv;
  const slot = await createUpload(ctx, { fileName, fileSize: bytes.length });
  await receiveUpload(
    { db: ctx.db, storage },
    { uploadId: slot.uploadId, token: slot.token, body: Readable.from([bytes]) },
  );
  return slot.uploadId;
}
