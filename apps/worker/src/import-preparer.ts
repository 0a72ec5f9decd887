import { Worker } from "node:worker_threads";
import { type ImportPreparer, type PreparedRows, revivePrepared } from "@switchboard/domain";

/**
 * Import batches checked and prepared in a thread of their own. Reading rows by the contact rules, parsing
 * their phone numbers and encoding the rows to write is most of an import's CPU: in a thread it runs on a
 * second core while this one sends the batch before it to PostgreSQL. The thread starts with the first batch;
 * one that dies fails the batches it held (their jobs fail or are retried as for any error) and the next batch
 * starts another.
 */
export function threadPreparer(): { prepare: ImportPreparer; close: () => Promise<void> } {
  // Bundled (dist/main.mjs) the thread is dist/prepare-thread.mjs; from source, the .ts beside this file,
  // loaded through tsx as this process is.
  const fromSource = import.meta.url.endsWith(".ts");
  const script = new URL(fromSource ? "./prepare-thread.ts" : "./prepare-thread.mjs", import.meta.url);
  let thread: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { done: (p: PreparedRows) => void; fail: (e: Error) => void }>();

  function started(): Worker {
    if (thread) return thread;
    const worker = new Worker(script, {
      execArgv: fromSource ? ["--import", "tsx"] : [],
      // Its own heap, bounded as the process's is (see package.json `start`): a batch is a thousand rows.
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 24 },
    });
    worker.on("message", (m: { id: number; prepared?: PreparedRows; error?: string }) => {
      const request = pending.get(m.id);
      pending.delete(m.id);
      // An idle thread does not keep the process alive.
      if (pending.size === 0) worker.unref();
      if (m.prepared) request?.done(revivePrepared(m.prepared));
      else request?.fail(new Error(`preparing an import batch failed: ${m.error}`));
    });
    const lost = (error: Error) => {
      if (thread === worker) thread = undefined;
      for (const request of pending.values()) request.fail(error);
      pending.clear();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`the import preparing thread exited (${code})`)));
    thread = worker;
    return worker;
  }

  return {
    prepare: (request) =>
      new Promise((done, fail) => {
        const id = nextId++;
        pending.set(id, { done, fail });
        const worker = started();
        worker.ref();
        worker.postMessage({ id, request });
      }),
    close: async () => {
      await thread?.terminate();
      thread = undefined;
    },
  };
}
