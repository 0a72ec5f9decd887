import { afterEach, describe, expect, it, vi } from "vitest";
import { everyInTurn } from "../src";

afterEach(() => {
  vi.useRealTimers();
});

describe("everyInTurn", () => {
  it("runs the task on its interval, but not again while a run is still waiting", async () => {
    vi.useFakeTimers();
    let finish = () => {};
    const task = vi.fn(() => new Promise<void>((done) => (finish = done)));
    const timer = everyInTurn(task, 100);

    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(1);
    // The run waits (a renewal behind a locked row): five more ticks start nothing.
    await vi.advanceTimersByTimeAsync(500);
    expect(task).toHaveBeenCalledTimes(1);

    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(3);

    clearInterval(timer);
    finish();
    await vi.advanceTimersByTimeAsync(500);
    expect(task).toHaveBeenCalledTimes(3);
  });
});
