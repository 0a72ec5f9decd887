/**
 * renderGenesysError is the Genesys dialect's one renderer: what the kit refuses (a route's query or body schema
 * through zod-openapi, a body it cannot parse or read) reaches it and answers in the Genesys ErrorBody, with the
 * messages the handlers' own readers give.
 */
import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { genesysApp, renderGenesysError } from "../src/dialects/genesys";
import type { RestDeps } from "../src/env";
import { dialectApp, operation } from "../src/http/kit";

const app = dialectApp(renderGenesysError);
app.openapi(
  operation("public", {
    method: "post",
    path: "/things",
    request: {
      query: z.object({ pageSize: z.coerce.number().int().min(1).optional() }),
      body: {
        required: true,
        content: { "application/json": { schema: z.object({ name: z.string().max(5) }) } },
      },
    },
    responses: { 200: { description: "ok" } },
  }),
  (c) => c.json({}),
);
const post = (query: string, body: string, type = "application/json") =>
  app.request(`/things${query}`, { method: "POST", body, headers: { "content-type": type } });
const MALFORMED = "The request could not be understood by the server due to malformed syntax.";

describe("renderGenesysError", () => {
  it("names the query parameter that fails its schema", async () => {
    const response = await post("?pageSize=x", '{"name":"a"}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; details: { fieldName: string }[] };
    expect(body).toMatchObject({ status: 400, code: "bad.request", details: [{ fieldName: "pageSize" }] });
    expect(body.message).toMatch(new RegExp(`^${MALFORMED} pageSize: `));
  });

  it("names the body field that fails its schema, as readJson's refusal does", async () => {
    const response = await post("", '{"name":"too long"}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; details: { fieldName: string }[] };
    expect(body.details).toEqual([{ errorCode: "too_big", fieldName: "name" }]);
    expect(body.message).toMatch(new RegExp(`^${MALFORMED} name: `));
  });

  it("answers JSON it cannot parse and a body that is not JSON as the Genesys handlers do", async () => {
    const malformed = await post("", "{");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ message: `${MALFORMED} the body is not valid JSON` });
    const text = await post("", "name", "text/plain");
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ status: 415, code: "unsupported.media.type" });
  });

  it("answers a path no operation has with the Genesys 404", async () => {
    const response = await app.request("/nothing");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      code: "not.found",
      message: "The requested resource was not found.",
    });
  });
});

describe("the Genesys reference page", () => {
  it("lists every operation of the document with the permissions its route declares, without a token", async () => {
    const genesys = genesysApp({} as RestDeps);
    const page = await (await genesys.request("/reference")).text();
    const document = (await (await genesys.request("/openapi.json")).json()) as { paths: object };
    const rows = page.match(/<tr><td>/g)?.length ?? 0;
    const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(rows).toBe(operations);
    expect(page).toContain(
      "<td><code>PUT</code></td><td><code>/api/v2/externalcontacts/contacts/{contactId}</code></td><td>Update an external contact</td><td><code>200</code></td><td><code>externalContacts:contact:edit</code></td>",
    );
    // One of two permissions: the segment assignment.
    expect(page).toContain(
      "<code>externalContacts:segmentAssignment:add</code> or <code>externalContacts:segmentAssignment:delete</code>",
    );
  });
});
