import { eq, graphSettings } from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { parseInput } from "../shared/validation";

export interface GraphSettings {
  automaticMergingEnabled: boolean;
  /** When they were last changed; null while they are the defaults no one set. */
  modifiedAt: Date | null;
}

export const graphSettingsInput = z.object({ automaticMergingEnabled: z.boolean() });

/** The tenant's identity-graph settings (automatic merging is off until someone turns it on). */
export async function getGraphSettings(ctx: Context): Promise<GraphSettings> {
  requirePermission(ctx, PERMISSIONS.graphSettingsView);
  const [row] = await ctx.db.select().from(graphSettings).where(eq(graphSettings.tenantId, ctx.tenantId));
  return {
    automaticMergingEnabled: row?.automaticMergingEnabled ?? false,
    modifiedAt: row?.modifiedAt ?? null,
  };
}

/**
 * Sets the tenant's identity-graph settings. Turning automatic merging on asks the worker for a scan in the
 * same transaction (when `ctx.jobs` is given), so the clusters already there are merged without waiting for
 * the schedule. The tenant's history records the change.
 */
export async function updateGraphSettings(
  ctx: Context,
  input: z.input<typeof graphSettingsInput>,
): Promise<GraphSettings> {
  requirePermission(ctx, PERMISSIONS.graphSettingsEdit);
  const { automaticMergingEnabled } = parseInput(graphSettingsInput, input);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(graphSettings)
      .where(eq(graphSettings.tenantId, tx.tenantId))
      .for("update");
    const modifiedAt = new Date();
    const [row] = await tx.db
      .insert(graphSettings)
      .values({ tenantId: tx.tenantId, automaticMergingEnabled, modifiedAt })
      .onConflictDoUpdate({ target: graphSettings.tenantId, set: { automaticMergingEnabled, modifiedAt } })
      .returning();
    const was = before?.automaticMergingEnabled ?? false;
    if (was !== automaticMergingEnabled) {
      await recordChangeSet(tx, {
        entityType: "graphSettings",
        entityId: tx.tenantId,
        action: "update",
        changes: [{ path: "automaticMergingEnabled", old: was, new: automaticMergingEnabled }],
      });
      if (automaticMergingEnabled && tx.jobs)
        await tx.jobs.enqueue(tx.db, "cluster-scan", { tenantId: tx.tenantId, trigger: "settings" });
    }
    return { automaticMergingEnabled: row!.automaticMergingEnabled, modifiedAt: row!.modifiedAt };
  });
}
