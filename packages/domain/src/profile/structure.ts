import {
  and,
  type DepartmentRow,
  departments,
  eq,
  inArray,
  type LocationRow,
  locations,
  type MembershipRow,
  memberships,
  type PersonalRelationshipRow,
  personalRelationships,
  professionalIdentities,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import type { Context } from "../shared/context";
import { type FieldIssue, rejectIssues, validationFailed } from "../shared/errors";
import {
  type Department,
  departmentInput,
  type Location,
  locationInput,
  type Membership,
  membershipInput,
  type PersonalRelationship,
  personalRelationshipInput,
} from "./model";
import { ownedRecords } from "./owned";
import { requireOwner } from "./owners";

const ownerOf = (row: { ownerKind: "contact" | "organization"; ownerId: string }) => ({
  kind: row.ownerKind,
  id: row.ownerId,
});

/** An organization's departments (enfore; professional identities reference them by id). */
export const departmentRecords = ownedRecords({
  table: departments,
  entity: "department",
  collection: "departments",
  ownerKinds: ["organization"],
  permissions: { view: PERMISSIONS.departmentView, edit: PERMISSIONS.departmentEdit },
  input: departmentInput,
  onRemove: (tx, owner, id) => letGo(tx, owner.id, "departmentIds", id),
  values: (v) => ({
    name: v.name,
    description: v.description ?? null,
    area: v.area ?? null,
    code: v.code ?? null,
  }),
  toModel: (row: DepartmentRow): Department => ({
    id: row.id,
    owner: ownerOf(row),
    name: row.name,
    description: row.description,
    area: row.area as Department["area"],
    code: row.code,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  }),
});

/** An organization's locations (enfore; professional identities reference them by id). */
export const locationRecords = ownedRecords({
  table: locations as unknown as typeof departments,
  entity: "location",
  collection: "locations",
  ownerKinds: ["organization"],
  permissions: { view: PERMISSIONS.locationView, edit: PERMISSIONS.locationEdit },
  input: locationInput,
  async check(tx, owner, valid) {
    const leaders = [...new Set(valid.leaderIds)];
    if (leaders.length === 0) return;
    const found = await tx.db
      .select({ id: professionalIdentities.id })
      .from(professionalIdentities)
      .where(
        and(
          eq(professionalIdentities.tenantId, tx.tenantId),
          eq(professionalIdentities.organizationId, owner.id),
          inArray(professionalIdentities.id, leaders),
        ),
      );
    const ids = new Set(found.map((f) => f.id));
    rejectIssues(
      valid.leaderIds.flatMap((id, i) =>
        ids.has(id)
          ? []
          : [{ path: `leaderIds.${i}`, message: `no professional identity ${id} at this organization` }],
      ),
    );
  },
  onRemove: (tx, owner, id) => letGo(tx, owner.id, "locationIds", id),
  values: (v) => ({ name: v.name, leaderIds: [...new Set(v.leaderIds)], memberCount: v.memberCount ?? null }),
  toModel: (row: LocationRow): Location => ({
    id: row.id,
    owner: ownerOf(row),
    name: row.name,
    leaderIds: row.leaderIds,
    memberCount: row.memberCount,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  }),
});

/** A contact's or organization's memberships in an organization (club, coop, franchise, subsidiary, ...). */
export const membershipRecords = ownedRecords({
  table: memberships as unknown as typeof departments,
  entity: "membership",
  collection: "memberships",
  ownerKinds: ["contact", "organization"],
  permissions: { view: PERMISSIONS.membershipView, edit: PERMISSIONS.membershipEdit },
  input: membershipInput,
  values: (v) => ({
    type: v.type,
    organizationId: v.organizationId,
    name: v.name,
    reference: v.reference ?? null,
  }),
  toModel: (row: MembershipRow): Membership => ({
    id: row.id,
    owner: ownerOf(row),
    type: row.type as Membership["type"],
    organizationId: row.organizationId,
    name: row.name,
    reference: row.reference,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  }),
  async check(tx, owner, valid) {
    if (owner.kind === "organization" && owner.id === valid.organizationId)
      throw validationFailed([{ path: "organizationId", message: "an organization is no member of itself" }]);
    await referenced(tx, { kind: "organization", id: valid.organizationId }, "organizationId");
  },
});

/** A person's relationships to other people (spouse, parent, friend, ...). */
export const personalRelationshipRecords = ownedRecords({
  table: personalRelationships as unknown as typeof departments,
  entity: "personal relationship",
  collection: "personalRelationships",
  ownerKinds: ["contact"],
  permissions: { view: PERMISSIONS.personalRelationshipView, edit: PERMISSIONS.personalRelationshipEdit },
  input: personalRelationshipInput,
  values: (v) => ({ type: v.type, relatedContactId: v.relatedContactId }),
  toModel: (row: PersonalRelationshipRow): PersonalRelationship => ({
    id: row.id,
    owner: ownerOf(row),
    type: row.type as PersonalRelationship["type"],
    relatedContactId: row.relatedContactId,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  }),
  async check(tx, owner, valid) {
    if (owner.id === valid.relatedContactId)
      throw validationFailed([{ path: "relatedContactId", message: "a person is not related to themself" }]);
    await referenced(tx, { kind: "contact", id: valid.relatedContactId }, "relatedContactId");
  },
});

/** A record an input refers to must be live in the tenant and visible: else the input is invalid (400). */
async function referenced(
  tx: Parameters<typeof requireOwner>[0],
  ref: Parameters<typeof requireOwner>[1],
  path: string,
) {
  try {
    await requireOwner(tx, ref);
  } catch {
    throw validationFailed([{ path, message: `no ${ref.kind} ${ref.id}` }]);
  }
}

export const {
  list: listDepartments,
  get: getDepartment,
  create: createDepartment,
  update: updateDepartment,
  remove: deleteDepartment,
} = departmentRecords;
export const {
  list: listLocations,
  get: getLocation,
  create: createLocation,
  update: updateLocation,
  remove: deleteLocation,
} = locationRecords;
export const {
  list: listMemberships,
  get: getMembership,
  create: createMembership,
  update: updateMembership,
  remove: deleteMembership,
} = membershipRecords;
export const {
  list: listPersonalRelationships,
  get: getPersonalRelationship,
  create: createPersonalRelationship,
  update: updatePersonalRelationship,
  remove: deletePersonalRelationship,
} = personalRelationshipRecords;

/** Professional identities at an organization stop referring to its deleted department or location. */
async function letGo(
  tx: Context,
  organizationId: string,
  column: "departmentIds" | "locationIds",
  id: string,
) {
  const c = professionalIdentities[column];
  await tx.db
    .update(professionalIdentities)
    .set({ [column]: sql`array_remove(${c}, ${id}::uuid)`, modifiedAt: new Date() })
    .where(
      and(
        eq(professionalIdentities.tenantId, tx.tenantId),
        eq(professionalIdentities.organizationId, organizationId),
        sql`${id}::uuid = any(${c})`,
      ),
    );
}

/**
 * The department and location ids a professional identity at `organizationId` gives that are not that
 * organization's (enfore: a PI's departments and locations belong to its organization). For the PI use cases.
 */
export async function organizationStructureIssues(
  ctx: Context,
  organizationId: string,
  refs: { departmentIds?: string[]; locationIds?: string[] },
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [path, table, ids] of [
    ["departmentIds", departments, refs.departmentIds ?? []],
    ["locationIds", locations, refs.locationIds ?? []],
  ] as const) {
    if (ids.length === 0) continue;
    const t = table as typeof departments;
    const found = await ctx.db
      .select({ id: t.id })
      .from(t)
      .where(
        and(
          eq(t.tenantId, ctx.tenantId),
          eq(t.ownerKind, "organization"),
          eq(t.ownerId, organizationId),
          inArray(t.id, ids),
        ),
      );
    const known = new Set(found.map((f) => f.id));
    ids.forEach((id, i) => {
      if (!known.has(id))
        issues.push({
          path: `${path}.${i}`,
          message: `no ${path === "departmentIds" ? "department" : "location"} ${id} of this organization`,
        });
    });
  }
  return issues;
}
