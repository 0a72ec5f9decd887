import {
  addNote,
  DomainError,
  deleteNote,
  getNote,
  isDomainError,
  listNotes,
  type NoteParent,
  patchNote,
  updateNote,
} from "@switchboard/domain";
import { Hono } from "hono";
import type { RestEnv } from "../../env";
import { rowResponse } from "../../http/etag";
import { readJson } from "../../http/request";
import { underIfMatch } from "./errors";
import { contactUri, noteToWire, organizationUri } from "./mappers";
import { patchedWire, readPatch } from "./patch";
import { expandParam, pageListing, pageParams, sortParam } from "./query";
import { note } from "./wire";

const NOTE_EXPANDS = ["author", "externalDataSources", "division", "mergeset"] as const;

/** Notes of one contact or organization; `parentOf` turns the `:id` path parameter into the parent. */
export function noteRoutes(parentOf: (id: string) => NoteParent) {
  const app = new Hono<RestEnv>();
  const parent = (c: { req: { param(name: "id"): string } }) => parentOf(c.req.param("id"));
  const listUri = (p: NoteParent) =>
    `${p.type === "contact" ? contactUri(p.id) : organizationUri(p.id)}/notes`;

  app.get("/", async (c) => {
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
  app.post("/", async (c) => {
    const body = await readJson(c, note);
    return c.json(
      noteToWire(
        await addNote(c.get("ctx"), parent(c), { text: body.noteText, createdById: body.createdBy?.id }),
      ),
    );
  });
  app.get("/:noteId", async (c) => {
    expandParam(c, NOTE_EXPANDS);
    return rowResponse(c, await getNote(c.get("ctx"), parent(c), c.req.param("noteId")), noteToWire);
  });
  app.put("/:noteId", async (c) => {
    const body = await readJson(c, note);
    const updated = await underIfMatch(c, (condition) =>
      updateNote(c.get("ctx"), parent(c), c.req.param("noteId"), { text: body.noteText }, condition),
    );
    return rowResponse(c, updated, noteToWire);
  });
  /** Partial update (current SDK); only `noteText` is writable. */
  app.patch("/:noteId", async (c) => {
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
  app.delete("/:noteId", async (c) => {
    await underIfMatch(c, (condition) =>
      deleteNote(c.get("ctx"), parent(c), c.req.param("noteId"), condition),
    );
    return c.json({});
  });
  return app;
}
