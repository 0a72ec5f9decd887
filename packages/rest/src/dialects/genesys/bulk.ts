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
  parseInput,
  patchContact,
  patchOrganization,
  type Relationship,
  runBulk,
  updateNote,
  updateRelationship,
} from "@switchboard/domain";
import { Hono, type Context as HonoContext } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
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
import { relationshipInputOf } from "./relationships";
import { externalContact, externalOrganization, note, relationship } from "./wire";

const idsRequest = z.object({ entities: z.array(z.object({ id: z.string() }).loose()).default([]) });
// Items are checked one by one, so a malformed item fails alone rather than the whole request.
/** Bulk notes name their parent in the item (the per-entity routes take it from the path). */
const bulkNote = note.extend({ entityId: z.string(), entityType: z.enum(NOTE_PARENTS) });

const itemsRequest = z.object({ entities: z.array(z.unknown()).default([]) });

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
  const app = new Hono<RestEnv>();
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
    app.post(`/${kind.path}`, (c) => fetch(c));
    // Bulk "unresolved" reads the stored records themselves; without merges they are the records.
    if (kind.path === "contacts") app.post("/contacts/unresolved", (c) => fetch(c));
    const view = divisionViews[kind.path];
    if (view) app.post(`/${kind.path}/divisionviews`, (c) => fetch(c, divisionView(c.get("ctx"), view)));
    app.post(`/${kind.path}/add`, async (c) => {
      const { entities } = await readJson(c, itemsRequest, { perItem: true });
      const ctx = c.get("ctx");
      const results = await guarded(() =>
        kind.createMany ? kind.createMany(ctx, entities) : runBulk(ctx, entities, kind.create),
      );
      return c.json(bulkResponse(results, 201, kind.toWire));
    });
    app.post(`/${kind.path}/update`, async (c) => {
      const { entities } = await readJson(c, itemsRequest, { perItem: true });
      const results = await guarded(() => runBulk(c.get("ctx"), entities, kind.update));
      return c.json(bulkResponse(results, 200, kind.toWire));
    });
    app.post(`/${kind.path}/remove`, async (c) => {
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
