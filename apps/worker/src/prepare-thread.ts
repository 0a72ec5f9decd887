/**
 * The thread in which the worker prepares import batches (see `import-preparer.ts`): each message is a batch
 * to check and prepare, each answer the prepared batch, or why it could not be.
 */
import { parentPort } from "node:worker_threads";
import { type PrepareRequest, prepareBatch, transferablePrepared } from "@switchboard/domain";

parentPort!.on("message", ({ id, request }: { id: number; request: PrepareRequest }) => {
  try {
    parentPort!.postMessage({ id, prepared: transferablePrepared(prepareBatch(request)) });
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
