import {
  addNote,
  DomainError,
  deleteNote,
  getNote,
  isDomainError,
  listNotes,
  type NoteParent,
  PERMISSIONS,
  patchNote,
  updateNote,
} from "@switchboard/domain";
import { rowResponse } from "../../http/etag";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { underIfMatch } from "./errors";
import { contactUri, noteToWire, organizationUri } from "./mappers";
import { genesysOperation } from "./operations";
import { patchedWire, readPatch } from "./patch";
import { expandParam, pageListing, pageParams, sortParam } from "./query";
import { note } from "./wire";

const NOTE_EXPANDS = ["author", "externalDataSources", "division", "mergeset"] as const;

/** What differs between the notes of a contact and those of an organization: names, path and permissions. */
const PARENTS = {
  contact: {
    param: "contactId",
    name: "Contact",
    label: "an external contact",
    view: PERMISSIONS.contactView,
    edit: PERMISSIONS.contactEdit,
  },
  organization: {
    param: "externalOrganizationId",
    name: "Organization",
    label: "an external organization",
    view: PERMISSIONS.organizationView,
    edit: PERMISSIONS.organizationEdit,
  },
} as const;

/** The path parameter `noteRoutes(type)` must be mounted under (`/contacts/:contactId/notes`). */
export const noteParentParam = (type: NoteParent["type"]) => PARENTS[type].param;

function noteOperations(type: NoteParent["type"]) {
  const { param, name, label, view, edit } = PARENTS[type];
  const read = { permissions: [view] };
  const write = { permissions: [edit] };
  return {
    list: genesysOperation(read, {
      method: "get",
      path: "/",
      mountParams: [param],
      operationId: `getExternalcontacts${name}Notes`,
      summary: `List notes for ${label}`,
      status: 200,
      response: "NoteListing",
    }),
    add: genesysOperation(write, {
      method: "post",
      path: "/",
      mountParams: [param],
      operationId: `postExternalcontacts${name}Notes`,
      summary: `Create a note for ${label}`,
      body: "Note",
      status: 200,
      response: "Note",
    }),
    get: genesysOperation(read, {
      method: "get",
      path: "/{noteId}",
      mountParams: [param],
      operationId: `getExternalcontacts${name}Note`,
      summary: `Fetch a note for ${label}`,
      status: 200,
      response: "Note",
      record: "tagged",
    }),
    put: genesysOperation(write, {
      method: "put",
      path: "/{noteId}",
      mountParams: [param],
      operationId: `putExternalcontacts${name}Note`,
      summary: `Update a note for ${label}`,
      body: "Note",
      status: 200,
      response: "Note",
      record: "tagged",
    }),
    patch: genesysOperation(write, {
      method: "patch",
      path: "/{noteId}",
      mountParams: [param],
      operationId: `patchExternalcontacts${name}Note`,
      summary: `Partially update a note of ${label}`,
      body: "ExternalContactsPatchRequest",
      status: 200,
      response: "Note",
      record: "tagged",
    }),
    delete: genesysOperation(write, {
      method: "delete",
      path: "/{noteId}",
      mountParams: [param],
      operationId: `deleteExternalcontacts${name}Note`,
      summary: `Delete a note for ${label}`,
      status: 200,
      response: "Empty",
      record: "tagged",
    }),
  };
}

/** Notes of one contact or organization, mounted under the parent's path parameter (`noteParentParam`). */
export function noteRoutes(type: NoteParent["type"]) {
  const app = dialectRoutes();
  const ops = noteOperations(type);
  const parent = (c: { req: { param(name: string): string | undefined } }): NoteParent => ({
    type,
    id: c.req.param(PARENTS[type].param) ?? "",
  });
  const listUri = (p: NoteParent) =>
    `${p.type === "contact" ? contactUri(p.id) : organizationUri(p.id)}/notes`;

  app.openapi(ops.list, async (c) => {
    const p = parent(c);
    const { pageSize, pageNumber } = pageParams(c);
    expandParam(c, NOTE_EXPANDS);
    const sort = sortParam(c, ["createDate"] as const);
    const page = await listNotes(c.get("ctx"), p, {
      pageSize,
      pageNumber,
      direction: sort?.direction ?? "desc",
    });
    return c.json(pageListing(c, listUri(p), { ...page, entities: page.entities.map(noteToWire) }));
  });
  app.openapi(ops.add, async (c) => {
    const body = await readJson(c, note);
    return c.json(
      noteToWire(
        await addNote(c.get("ctx"), parent(c), { text: body.noteText, createdById: body.createdBy?.id }),
      ),
    );
  });
  app.openapi(ops.get, async (c) => {
    expandParam(c, NOTE_EXPANDS);
    return rowResponse(c, await getNote(c.get("ctx"), parent(c), c.req.param("noteId")), noteToWire);
  });
  app.openapi(ops.put, async (c) => {
    const body = await readJson(c, note);
    const updated = await underIfMatch(c, (condition) =>
      updateNote(c.get("ctx"), parent(c), c.req.param("noteId"), { text: body.noteText }, condition),
    );
    return rowResponse(c, updated, noteToWire);
  });
  /** Partial update (current SDK); only `noteText` is writable. */
  app.openapi(ops.patch, async (c) => {
    const request = await readPatch(c);
    const patched = await underIfMatch(c, (condition) =>
      patchNote(
        c.get("ctx"),
        parent(c),
        c.req.param("noteId"),
        (current) => ({ text: patchedWire("note", noteToWire(current), request).noteText }),
        condition,
      ),
    ).catch((error: unknown) => {
      // The domain names the canonical `text`; the caller patched `noteText`.
      if (!isDomainError(error) || error.code !== "VALIDATION") throw error;
      const issues = error.issues.map((i) => ({ ...i, path: i.path.replace(/^text/, "noteText") }));
      throw new DomainError(error.code, error.message.replace(/^text/, "noteText"), issues);
    });
    return rowResponse(c, patched, noteToWire);
  });
  app.openapi(ops.delete, async (c) => {
    await underIfMatch(c, (condition) =>
      deleteNote(c.get("ctx"), parent(c), c.req.param("noteId"), condition),
    );
    return c.json({});
  });
  return app;
}
