import { and, divisions, eq, inArray, roles } from "@switchboard/db";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { DomainError, notFound, validationFailed } from "../shared/errors";
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

/**
 * The Genesys division views (`/scan/{kind}/divisionviews/all`, `/bulk/{kind}/divisionviews`): what each needs,
 * and the ordinary read it runs as (the scan or bulk fetch of the same records).
 */
const DIVISION_VIEWS = {
  contacts: { needs: PERMISSIONS.contactViewAll, readsAs: [PERMISSIONS.contactView] },
  notes: { needs: PERMISSIONS.contactViewAll, readsAs: [PERMISSIONS.contactView] },
  relationships: { needs: PERMISSIONS.contactViewAll, readsAs: [PERMISSIONS.contactView] },
  organizations: { needs: PERMISSIONS.organizationViewAll, readsAs: [PERMISSIONS.organizationView] },
  bulkContacts: { needs: PERMISSIONS.contactSearch, readsAs: [PERMISSIONS.contactView] },
  bulkOrganizations: { needs: PERMISSIONS.organizationSearch, readsAs: [PERMISSIONS.organizationView] },
} as const;
export type DivisionView = keyof typeof DIVISION_VIEWS;

/**
 * The context an all-divisions view reads in: the same scans and fetches as the ordinary reads, over every
 * division. Only for a caller allowed to see all divisions: it holds the view's permission and its roles are
 * limited to no division. A role limited to some divisions never opens the others this way, whatever it holds
 * (`*` included): 403. The context holds the view's read permissions and nothing else, so it cannot write.
 */
export function divisionView(ctx: Context, view: DivisionView): Context {
  const { needs, readsAs } = DIVISION_VIEWS[view];
  requirePermission(ctx, needs);
  if (ctx.actor.divisionIds)
    throw new DomainError("FORBIDDEN", "The division views need access to every division", [
      { path: "divisionId", message: "access to every division" },
    ]);
  return { ...ctx, actor: { ...ctx.actor, permissions: new Set(readsAs), divisionIds: null } };
}
