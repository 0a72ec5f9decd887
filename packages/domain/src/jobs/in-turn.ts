/**
 * Runs `task` every `ms`, but never while its previous run is still going: a run that waits (a lease
 * renewal on a row another transaction holds locked, say) is not joined by more behind it, each holding a
 * connection of the pool until the pool is gone. The task handles its own errors. Stop it with `clearInterval`.
 */
export function everyInTurn(task: () => Promise<unknown>, ms: number): ReturnType<typeof setInterval> {
  let running: Promise<unknown> | undefined;
  return setInterval(() => {
    if (running) return;
    running = task().finally(() => {
      running = undefined;
    });
  }, ms);
}
