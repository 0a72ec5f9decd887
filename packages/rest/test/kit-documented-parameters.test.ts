/**
 * An operation whose parameters are documentation only (PARAMETERS_DOCUMENTED_ONLY, every Genesys operation):
 * the OpenAPI document still lists its path, query and header parameters, its handler reads them as sent, and
 * its body schema still validates; only the parameters' validators (which could refuse nothing) do not run.
 */
import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { dialectApp, operation, PARAMETERS_DOCUMENTED_ONLY } from "../src/http/kit";

const app = dialectApp((c, error) => c.json({ error: String(error) }, 400));
app.openapi(
  {
    ...operation("public", {
      method: "post",
      path: "/things/{thingId}",
      request: {
        params: z.object({ thingId: z.string() }),
        query: z.object({ expand: z.unknown().optional().openapi({ type: "string" }) }),
        headers: z.object({ "If-Match": z.string().optional() }),
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ name: z.string().max(5) }) } },
        },
      },
      responses: { 200: { description: "ok" } },
    }),
    [PARAMETERS_DOCUMENTED_ONLY]: true,
  },
  (c) =>
    c.json({
      id: c.req.param("thingId"),
      expand: c.req.queries("expand") ?? null,
      match: c.req.header("if-match") ?? null,
    }),
);
const post = (path: string, body: string) =>
  app.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "if-match": '"3"' },
  });

describe("an operation with documentation-only parameters", () => {
  it("documents its path, query and header parameters", () => {
    const document = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const parameters = (document.paths?.["/things/{thingId}"]?.post?.parameters ?? []) as {
      name: string;
      in: string;
    }[];
    expect(parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      "header:If-Match",
      "path:thingId",
      "query:expand",
    ]);
  });

  it("hands its handler the parameters as sent, and still validates its body", async () => {
    const ok = await post("/things/t%C3%A9?expand=a&expand=b", '{"name":"ab"}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: "té", expand: ["a", "b"], match: '"3"' });
    expect((await post("/things/x", '{"name":"too long"}')).status).toBe(400);
  });

  it("runs no validator for its parameters", () => {
    const handlers = (app as unknown as { routes: { method: string; path: string }[] }).routes.filter(
      (r) => r.method === "POST" && r.path === "/things/:thingId",
    );
    // The body's media-type gate and validator, and the handler (no query, param or header validator).
    expect(handlers).toHaveLength(3);
  });
});
