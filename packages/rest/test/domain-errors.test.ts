import { conflict, unprocessable } from "@switchboard/domain";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { errorResponse, inWireNames } from "../src/dialects/genesys/errors";

// How the Genesys dialect renders domain errors: its own statuses kept, the 422 kind added.
const app = new Hono();
app.get("/unprocessable", () => {
  throw unprocessable("externalId 42 is already used", {
    reason: "NA",
    issues: [{ path: "externalIds.0.value", message: "is already used" }],
  });
});
app.get("/conflict", () => {
  throw conflict("name is taken");
});
app.onError((error, c) => errorResponse(c, error));

describe("Genesys rendering of domain errors", () => {
  it("answers an unprocessable domain error with 422 in the ErrorBody, naming the field", async () => {
    const response = await app.request("/unprocessable");
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toMatchObject({
      status: 422,
      code: "unprocessable.entity",
      message: "externalId 42 is already used",
      details: [{ errorCode: "invalid.value", fieldName: "externalIds.0.value" }],
    });
  });

  it("keeps 409 for a conflict", async () => {
    const response = await app.request("/conflict");
    expect(response.status).toBe(409);
    expect(((await response.json()) as { code: string }).code).toBe("conflict");
  });

  it("keeps the reason when fields are renamed to wire names", () => {
    const renamed = inWireNames(
      unprocessable("x", { reason: "UsernameNotUnique", issues: [{ path: "a", message: "m" }] }),
      () => "b",
    );
    expect(renamed.reason).toBe("UsernameNotUnique");
    expect(renamed.code).toBe("UNPROCESSABLE");
    expect(renamed.issues[0]!.path).toBe("b");
  });
});
