import { and, divisions, eq, inArray, roles } from "@switchboard/db";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { requireDivisionsHeld, requireHeld } from "./admin";
import { PERMISSIONS } from "./permissions";

/**
 * Limits a role to some divisions (Genesys division scoping): its holders see and write only records in
 * them. `null` lifts the limit (every division). Takes effect at the holders' next sign-in or token. A caller
 * limited to some divisions may set only a subset of its own; widening a role needs the role's permissions.
 */
export async function setRoleDivisions(ctx: Context, roleId: string, divisionIds: string[] | null) {
  requirePermission(ctx, PERMISSIONS.rolesManage);
  if (!isUuid(roleId)) throw notFound("role", roleId);
  const wanted = divisionIds === null ? null : [...new Set(divisionIds)].sort();
  return inTransaction(ctx, async (tx) => {
    if (wanted?.length) {
      const found = await tx.db
        .select({ id: divisions.id })
        .from(divisions)
        .where(and(eq(divisions.tenantId, tx.tenantId), inArray(divisions.id, wanted.filter(isUuid))));
      if (found.length !== wanted.length)
        throw validationFailed([{ path: "divisionIds", message: "unknown division" }]);
    }
    const scope = and(eq(roles.tenantId, tx.tenantId), eq(roles.id, roleId));
    const [before] = await tx.db
      .select({ divisionIds: roles.divisionIds, permissions: roles.permissions })
      .from(roles)
      .where(scope);
    if (!before) throw notFound("role", roleId);
    // No admin grants more than they hold (see admin.ts): a division-limited caller sets only divisions of its
    // own, and widening a role hands its permissions to more records, so the caller must hold them.
    requireDivisionsHeld(tx, wanted);
    const had = before.divisionIds;
    if (had !== null && (wanted === null || wanted.some((d) => !had.includes(d))))
      requireHeld(tx, before.permissions);
    await tx.db.update(roles).set({ divisionIds: wanted, modifiedAt: new Date() }).where(scope);
    const changes = diff({ divisionIds: before.divisionIds }, { divisionIds: wanted });
    if (changes.length)
      await recordChangeSet(tx, { entityType: "role", entityId: roleId, action: "update", changes });
  });
}
