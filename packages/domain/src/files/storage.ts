import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Where file bytes live (uploads, exports, pictures). Metadata is in the `files` table. */
export interface FileStorage {
  /** Writes `body` under `key` atomically: readers never see a half-written file. Returns the byte size. */
  write(key: string, body: AsyncIterable<Uint8Array | string> | Readable): Promise<number>;
  read(key: string): Readable;
  /** Moves the file at `from` to `to` atomically, replacing what `to` held. */
  move(from: string, to: string): Promise<void>;
  size(key: string): Promise<number | null>;
  remove(key: string): Promise<void>;
}

/** A stored CSV handed to a caller allowed to read it (an export, an import's error report). */
export interface FileDownload {
  stream: Readable;
  fileName: string;
  contentType: "text/csv";
  size: number;
}

/** The default storage: a local directory (`$SWITCHBOARD_DATA_DIR/files`). */
export function localFileStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`invalid storage key ${key}`);
    return path;
  };
  return {
    async write(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // A partial file of its own: two writes of one key at once never mix their bytes; the last rename wins.
      const partial = `${path}.${randomUUID()}.partial`;
      const source = body instanceof Readable ? body : Readable.from(body);
      try {
        await pipeline(source, createWriteStream(partial) as Writable);
      } catch (error) {
        // A refused or broken upload leaves nothing behind: no row will ever name the partial file.
        await rm(partial, { force: true });
        throw error;
      }
      await rename(partial, path);
      return (await stat(path)).size;
    },
    read: (key) => createReadStream(pathOf(key)),
    async move(from, to) {
      await mkdir(dirname(pathOf(to)), { recursive: true });
      await rename(pathOf(from), pathOf(to));
    },
    size: (key) =>
      stat(pathOf(key)).then(
        (s) => s.size,
        () => null,
      ),
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}

export function defaultFileStorage(): FileStorage {
  return localFileStorage(join(process.env.SWITCHBOARD_DATA_DIR ?? ".data", "files"));
}
