import {
  type Context,
  createContact,
  dismissDuplicates,
  getClusterScan,
  type JobQueue,
  listClusters,
  requestClusterScan,
  undoDuplicateDismissals,
  updateGraphSettings,
} from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestWorker, type TestWorker } from "./test-worker";

let web: JobQueue;
let ctx: Context;
const logged: string[] = [];

let testWorker: TestWorker;
beforeAll(async () => {
  testWorker = await startTestWorker("graph-worker", logged);
  ({ web, ctx } = testWorker);
});
afterAll(() => testWorker?.stop());

/** The newest scan once it is newer than `after` (the worker runs it). */
const nextScan = (after: string | null) =>
  vi.waitFor(
    async () => {
      const scan = await getClusterScan(ctx, "latest");
      if (scan.id === after) throw new Error("no new scan yet");
      return scan;
    },
    { timeout: 30_000, interval: 200 },
  );

describe("the worker's cluster scans", () => {
  it("runs a scan asked for from the web side, and the schedule's scan of a changed tenant", async () => {
    const a = await createContact(ctx, {
      firstName: "Wanda",
      emails: [{ type: "work", address: "w@worker.example" }],
    });
    const b = await createContact(ctx, {
      firstName: "Wendy",
      emails: [{ type: "personal", address: "W@worker.example" }],
    });
    await requestClusterScan(ctx);
    const first = await nextScan(null);
    expect(first.trigger).toBe("request");
    const { entities } = await listClusters(ctx, first.id);
    expect(entities.map((c) => [...c.contactIds].sort())).toEqual([[a.id, b.id].sort()]);
    expect(
      logged.some((line) => line.includes(`cluster scan ${first.id}`) && line.includes("1 clusters")),
    ).toBe(true);

    // The schedule asks for a scan of tenants changed since their last one.
    const c = await createContact(ctx, {
      firstName: "Wilma",
      emails: [{ type: "work", address: "w@worker.example" }],
    });
    await web.boss.send("cluster-scan-schedule", {});
    const second = await nextScan(first.id);
    expect(second.trigger).toBe("schedule");
    const [cluster] = (await listClusters(ctx, second.id)).entities;
    expect([...cluster!.contactIds].sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it("scans again when a pair marked not duplicates is restored, so the cluster comes back", async () => {
    const d = await createContact(ctx, {
      firstName: "Dora",
      emails: [{ type: "work", address: "dora@worker.example" }],
    });
    const e = await createContact(ctx, {
      firstName: "Dorothy",
      emails: [{ type: "work", address: "dora@worker.example" }],
    });
    const pair = { a: d.id, b: e.id };
    await dismissDuplicates(ctx, { contactIds: [d.id, e.id] });
    const before = await getClusterScan(ctx, "latest");
    await web.boss.send("cluster-scan-schedule", {});
    const dismissed = await nextScan(before.id);
    const hasPair = async (scanId: string) =>
      (await listClusters(ctx, scanId)).entities.some((c) => c.contactIds.includes(d.id));
    expect(await hasPair(dismissed.id)).toBe(false);

    // Undoing the mark changes no contact and leaves no mark behind: the undo itself asks for the scan.
    await undoDuplicateDismissals(ctx, { pairs: [pair] });
    const restored = await nextScan(dismissed.id);
    expect(await hasPair(restored.id)).toBe(true);
    await dismissDuplicates(ctx, { contactIds: [d.id, e.id] }); // the next test counts the clusters of the others
  }, 90_000);

  it("scans, and merges what it finds, when automatic merging is turned on", async () => {
    const before = await getClusterScan(ctx, "latest");
    await updateGraphSettings(ctx, { automaticMergingEnabled: true });
    const scan = await nextScan(before.id);
    expect(scan.trigger).toBe("settings");
    expect(scan.statistics).toMatchObject({ totalClusters: 1, totalAutomaticMergeSuccesses: 1 });
    const [cluster] = (await listClusters(ctx, scan.id)).entities;
    expect(cluster?.mergeInfo.status).toBe("AutoSucceeded");
  });
});
