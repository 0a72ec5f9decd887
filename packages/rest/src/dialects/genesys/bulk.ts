import {
  addNote,
  type BulkResult,
  type Contact,
  type ContactInput,
  type Context,
  catchDomainError,
  checkBulkSize,
  createContact,
  createContacts,
  createOrganization,
  createRelationship,
  type DivisionView,
  type DomainError,
  deleteContact,
  deleteNote,
  deleteOrganization,
  deleteRelationship,
  divisionView,
  getContact,
  getNote,
  getOrganization,
  getRelationship,
  isDomainError,
  NOTE_PARENTS,
  type Note,
  noteParentOf,
  type Organization,
  PERMISSIONS,
  parseInput,
  patchContact,
  patchOrganization,
  type Relationship,
  runBulk,
  updateNote,
  updateRelationship,
} from "@switchboard/domain";
import type { Context as HonoContext } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { GenesysError, inWireNames, inWireTerms, statusOf } from "./errors";
import {
  contactInputFromWire,
  contactPatchInput,
  contactPathToWire,
  contactToWire,
  noteToWire,
  organizationInputFromWire,
  organizationPatchInput,
  organizationToWire,
  relationshipToWire,
} from "./mappers";
import { genesysOperation } from "./operations";
import { relationshipInputOf } from "./relationships";
import { externalContact, externalOrganization, note, relationship } from "./wire";

const idsRequest = z.object({ entities: z.array(z.object({ id: z.string() }).loose()).default([]) });
// Items are checked one by one, so a malformed item fails alone rather than the whole request.
/** Bulk notes name their parent in the item (the per-entity routes take it from the path). */
const bulkNote = note.extend({ entityId: z.string(), entityType: z.enum(NOTE_PARENTS) });

const itemsRequest = z.object({ entities: z.array(z.unknown()).default([]) });

const BULK_OPERATIONS = {
  postExternalcontactsBulkContacts: genesysOperation(
    { permissions: [PERMISSIONS.contactView] },
    {
      method: "post",
      path: "/contacts",
      operationId: "postExternalcontactsBulkContacts",
      summary: "Bulk view contacts (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkContactsAdd: genesysOperation(
    { permissions: [PERMISSIONS.contactAdd] },
    {
      method: "post",
      path: "/contacts/add",
      operationId: "postExternalcontactsBulkContactsAdd",
      summary: "Bulk add contacts (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkContactsUpdate: genesysOperation(
    { permissions: [PERMISSIONS.contactEdit] },
    {
      method: "post",
      path: "/contacts/update",
      operationId: "postExternalcontactsBulkContactsUpdate",
      summary: "Bulk edit contacts (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkContactsRemove: genesysOperation(
    { permissions: [PERMISSIONS.contactDelete] },
    {
      method: "post",
      path: "/contacts/remove",
      operationId: "postExternalcontactsBulkContactsRemove",
      summary: "Bulk delete contacts (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkOrganizations: genesysOperation(
    { permissions: [PERMISSIONS.organizationView] },
    {
      method: "post",
      path: "/organizations",
      operationId: "postExternalcontactsBulkOrganizations",
      summary: "Bulk view organizations (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkOrganizationsAdd: genesysOperation(
    { permissions: [PERMISSIONS.organizationAdd] },
    {
      method: "post",
      path: "/organizations/add",
      operationId: "postExternalcontactsBulkOrganizationsAdd",
      summary: "Bulk add organizations (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkOrganizationsUpdate: genesysOperation(
    { permissions: [PERMISSIONS.organizationEdit] },
    {
      method: "post",
      path: "/organizations/update",
      operationId: "postExternalcontactsBulkOrganizationsUpdate",
      summary: "Bulk edit organizations (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkOrganizationsRemove: genesysOperation(
    { permissions: [PERMISSIONS.organizationDelete] },
    {
      method: "post",
      path: "/organizations/remove",
      operationId: "postExternalcontactsBulkOrganizationsRemove",
      summary: "Bulk delete organizations (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkNotes: genesysOperation(
    { permissions: [PERMISSIONS.contactView, PERMISSIONS.organizationView] },
    {
      method: "post",
      path: "/notes",
      operationId: "postExternalcontactsBulkNotes",
      summary: "Bulk view notes (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkNotesAdd: genesysOperation(
    { permissions: [PERMISSIONS.contactAdd, PERMISSIONS.organizationAdd] },
    {
      method: "post",
      path: "/notes/add",
      operationId: "postExternalcontactsBulkNotesAdd",
      summary: "Bulk add notes (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkNotesUpdate: genesysOperation(
    { permissions: [PERMISSIONS.contactEdit, PERMISSIONS.organizationEdit] },
    {
      method: "post",
      path: "/notes/update",
      operationId: "postExternalcontactsBulkNotesUpdate",
      summary: "Bulk edit notes (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkNotesRemove: genesysOperation(
    { permissions: [PERMISSIONS.contactDelete, PERMISSIONS.organizationDelete] },
    {
      method: "post",
      path: "/notes/remove",
      operationId: "postExternalcontactsBulkNotesRemove",
      summary: "Bulk delete notes (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkRelationships: genesysOperation(
    { permissions: [PERMISSIONS.contactView, PERMISSIONS.organizationView] },
    {
      method: "post",
      path: "/relationships",
      operationId: "postExternalcontactsBulkRelationships",
      summary: "Bulk view relationships (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkRelationshipsAdd: genesysOperation(
    { permissions: [PERMISSIONS.contactAdd, PERMISSIONS.organizationAdd] },
    {
      method: "post",
      path: "/relationships/add",
      operationId: "postExternalcontactsBulkRelationshipsAdd",
      summary: "Bulk add relationships (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkRelationshipsUpdate: genesysOperation(
    { permissions: [PERMISSIONS.contactEdit, PERMISSIONS.organizationEdit] },
    {
      method: "post",
      path: "/relationships/update",
      operationId: "postExternalcontactsBulkRelationshipsUpdate",
      summary: "Bulk edit relationships (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkRelationshipsRemove: genesysOperation(
    { permissions: [PERMISSIONS.contactDelete, PERMISSIONS.organizationDelete] },
    {
      method: "post",
      path: "/relationships/remove",
      operationId: "postExternalcontactsBulkRelationshipsRemove",
      summary: "Bulk delete relationships (at most 100 items; per-item results)",
      status: 200,
    },
  ),
  postExternalcontactsBulkContactsUnresolved: genesysOperation(
    { permissions: [PERMISSIONS.contactView] },
    {
      method: "post",
      path: "/contacts/unresolved",
      operationId: "postExternalcontactsBulkContactsUnresolved",
      summary: "Bulk fetch unresolved contacts",
      status: 200,
    },
  ),
  postExternalcontactsBulkContactsDivisionviews: genesysOperation(
    { permissions: [PERMISSIONS.contactSearch] },
    {
      method: "post",
      path: "/contacts/divisionviews",
      operationId: "postExternalcontactsBulkContactsDivisionviews",
      summary:
        "Bulk fetch contacts across every division; only for a caller whose roles are limited to no division (at most 100 items; per-item results)",
      body: "BulkIdsRequest",
      status: 200,
      response: "BulkFetchContactsResponse",
    },
  ),
  postExternalcontactsBulkOrganizationsDivisionviews: genesysOperation(
    { permissions: [PERMISSIONS.organizationSearch] },
    {
      method: "post",
      path: "/organizations/divisionviews",
      operationId: "postExternalcontactsBulkOrganizationsDivisionviews",
      summary:
        "Bulk fetch organizations across every division; only for a caller whose roles are limited to no division (at most 100 items; per-item results)",
      body: "BulkIdsRequest",
      status: 200,
      response: "BulkFetchOrganizationsResponse",
    },
  ),
};

const capitalized = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/** A failed bulk item: its error and the entity as the caller sent it (also for bulk enrich). */
export function bulkError(error: DomainError, entity: unknown) {
  const [status, code] = statusOf(error);
  return {
    code,
    message: error.message,
    status,
    retryable: false,
    details: error.issues.map((i) => ({ fieldName: i.path, message: i.message })),
    entity,
  };
}

const idOf = (x: unknown) => (x as { id?: string } | undefined)?.id;

/** Genesys bulk response: one result per item (success or failure), with the failures counted and indexed. */
function bulkResponse<I, T>(
  results: BulkResult<T, I>[],
  successStatus: number,
  toWire: (entity: T) => unknown,
) {
  const errorIndexes = results.flatMap((r, i) => (r.ok ? [] : [i]));
  return {
    results: results.map((r) =>
      r.ok
        ? {
            id: idOf(r.entity) ?? idOf(r.item),
            success: true,
            status: successStatus,
            entity: toWire(r.entity),
          }
        : {
            id: idOf(r.item),
            success: false,
            status: statusOf(r.error)[0],
            error: bulkError(r.error, r.item),
          },
    ),
    errorCount: errorIndexes.length,
    errorIndexes,
  };
}

/** Over the batch limit is the whole request's failure: Genesys lists 422 "Validation Failed" for bulk. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error) && error.code === "VALIDATION" && error.issues[0]?.path === "entities")
      throw new GenesysError(422, "validation.failed", error.message, [
        { errorCode: "too.many", fieldName: "entities" },
      ]);
    throw error;
  }
}

/**
 * Bulk add of contacts through the set-based domain write (a few statements per batch, not per item); items
 * that are not even wire-valid fail alone, and every error names the caller's wire fields.
 */
async function createContactsFromWire(
  ctx: Context,
  wires: unknown[],
): Promise<BulkResult<unknown, unknown>[]> {
  checkBulkSize(wires);
  const inputs = wires.map((wire) =>
    catchDomainError(() => contactInputFromWire(parseInput(externalContact, wire))),
  );
  const valid = inputs.filter((i): i is ContactInput => !isDomainError(i));
  // A caller without the add permission gets it per item, as every other bulk operation reports it.
  const created = await createContacts(ctx, valid).catch((error: unknown) => {
    if (!isDomainError(error) || error.code !== "FORBIDDEN") throw error;
    return valid.map((item) => ({ ok: false as const, item, error }));
  });
  let next = 0;
  return inputs.map((input, i) => {
    if (isDomainError(input)) return { ok: false, item: wires[i], error: input };
    const result = created[next++]!;
    return result.ok
      ? { ok: true, item: wires[i], entity: result.entity }
      : {
          ok: false,
          item: wires[i],
          error: inWireNames(result.error, (path) => contactPathToWire(input, path)),
        };
  });
}

/** `/bulk/{contacts,organizations,notes,relationships}`: fetch, add, update and remove up to 100 records a request. */
export function bulkRoutes() {
  const app = dialectRoutes();
  interface Kind {
    path: string;
    get: (ctx: Context, id: string) => Promise<unknown>;
    create: (ctx: Context, wire: unknown) => Promise<unknown>;
    /** A set-based create for the whole batch, where the domain has one (same results as `create` per item). */
    createMany?: (ctx: Context, wires: unknown[]) => Promise<BulkResult<unknown, unknown>[]>;
    update: (ctx: Context, wire: unknown) => Promise<unknown>;
    remove: (ctx: Context, id: string) => Promise<void>;
    toWire: (entity: unknown) => unknown;
  }
  const kinds: Kind[] = [
    {
      path: "contacts",
      get: getContact,
      create: (ctx, wire) => {
        const input = contactInputFromWire(parseInput(externalContact, wire));
        return inWireTerms(
          (path) => contactPathToWire(input, path),
          () => createContact(ctx, input),
        );
      },
      // As the single PUT: the Genesys fields are replaced, other dialects' data is kept.
      update: (ctx, wire) => {
        const contact = parseInput(externalContact, wire);
        let input: ContactInput = {};
        return inWireTerms(
          (path) => contactPathToWire(input, path),
          () =>
            patchContact(
              ctx,
              contact.id ?? "",
              (current) => {
                input = contactPatchInput(current, contact);
                return input;
              },
              { expectedVersion: contact.version },
            ),
        );
      },
      createMany: createContactsFromWire,
      remove: deleteContact,
      toWire: (entity) => contactToWire(entity as Contact),
    },
    {
      path: "organizations",
      get: getOrganization,
      create: (ctx, wire) =>
        createOrganization(ctx, organizationInputFromWire(parseInput(externalOrganization, wire))),
      update: (ctx, wire) => {
        const organization = parseInput(externalOrganization, wire);
        return patchOrganization(
          ctx,
          organization.id ?? "",
          (current) => organizationPatchInput(current, organization),
          { expectedVersion: organization.version },
        );
      },
      remove: deleteOrganization,
      toWire: (entity) => organizationToWire(entity as Organization),
    },
    {
      path: "notes",
      get: async (ctx, id) => getNote(ctx, await noteParentOf(ctx, id), id),
      create: (ctx, wire) => {
        const note = parseInput(bulkNote, wire);
        return addNote(
          ctx,
          { type: note.entityType, id: note.entityId },
          { text: note.noteText, createdById: note.createdBy?.id },
        );
      },
      update: async (ctx, wire) => {
        const note = parseInput(bulkNote.extend({ id: z.string() }), wire);
        return updateNote(ctx, await noteParentOf(ctx, note.id), note.id, { text: note.noteText });
      },
      remove: async (ctx, id) => deleteNote(ctx, await noteParentOf(ctx, id), id),
      toWire: (entity) => noteToWire(entity as Note),
    },
    {
      path: "relationships",
      get: getRelationship,
      create: (ctx, wire) => createRelationship(ctx, relationshipInputOf(parseInput(relationship, wire))),
      update: (ctx, wire) => {
        const body = parseInput(relationship, wire);
        return updateRelationship(ctx, body.id ?? "", relationshipInputOf(body));
      },
      remove: deleteRelationship,
      toWire: (entity) => relationshipToWire(entity as Relationship),
    },
  ];

  // The division views fetch the same way over every division, for a caller allowed to see them all.
  const divisionViews: Record<string, DivisionView> = {
    contacts: "bulkContacts",
    organizations: "bulkOrganizations",
  };
  for (const kind of kinds) {
    const fetch = async (c: HonoContext<RestEnv>, ctx: Context = c.get("ctx")) => {
      const { entities } = await readJson(c, idsRequest, { perItem: true });
      const results = await guarded(() => runBulk(ctx, entities, (ctx, item) => kind.get(ctx, item.id)));
      return c.json(bulkResponse(results, 200, kind.toWire));
    };
    const op = (verb: "" | "Add" | "Update" | "Remove" | "Divisionviews") =>
      BULK_OPERATIONS[
        `postExternalcontactsBulk${capitalized(kind.path)}${verb}` as keyof typeof BULK_OPERATIONS
      ];
    app.openapi(op(""), (c) => fetch(c));
    // Bulk "unresolved" reads the stored records themselves; without merges they are the records.
    if (kind.path === "contacts")
      app.openapi(BULK_OPERATIONS.postExternalcontactsBulkContactsUnresolved, (c) => fetch(c));
    const view = divisionViews[kind.path];
    if (view) app.openapi(op("Divisionviews"), (c) => fetch(c, divisionView(c.get("ctx"), view)));
    app.openapi(op("Add"), async (c) => {
      const { entities } = await readJson(c, itemsRequest, { perItem: true });
      const ctx = c.get("ctx");
      const results = await guarded(() =>
        kind.createMany ? kind.createMany(ctx, entities) : runBulk(ctx, entities, kind.create),
      );
      return c.json(bulkResponse(results, 201, kind.toWire));
    });
    app.openapi(op("Update"), async (c) => {
      const { entities } = await readJson(c, itemsRequest, { perItem: true });
      const results = await guarded(() => runBulk(c.get("ctx"), entities, kind.update));
      return c.json(bulkResponse(results, 200, kind.toWire));
    });
    app.openapi(op("Remove"), async (c) => {
      const { entities } = await readJson(c, idsRequest, { perItem: true });
      const results = await guarded(() =>
        runBulk(c.get("ctx"), entities, async (ctx, item) => {
          await kind.remove(ctx, item.id);
          return { id: item.id };
        }),
      );
      return c.json(bulkResponse(results, 200, () => ({})));
    });
  }
  return app;
}
