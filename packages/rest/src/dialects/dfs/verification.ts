import { z } from "@hono/zod-openapi";
import {
  discontinueVerification,
  PERMISSIONS,
  resendVerificationKey,
  verifyChannel,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { contactIdOf } from "./refs";
import { errors, int32, jsonBody, languageHeaders, languageQuery, noContent } from "./wire";

const TAG = "CommunicationVerification";
const contactPath = z.object({ contactId: int32 });
const channel = z.enum(["Email", "Mobile"]).openapi("CommunicationVerificationChannelType");

const action = (verb: "verify" | "resend" | "discontinue", summary: string) =>
  operation(
    { permissions: [PERMISSIONS.contactView, PERMISSIONS.contactEdit] },
    {
      method: "post",
      path: `/v1.0/contacts/{contactId}/communication-verification/${verb}`,
      operationId: `CommunicationVerification_${verb[0]!.toUpperCase()}${verb.slice(1)}`,
      summary,
      tags: [TAG],
      request: {
        params: contactPath,
        query: languageQuery,
        headers: languageHeaders,
        ...jsonBody(
          verb === "verify"
            ? z
                .object({ channel, key: z.string().max(100).nullish() })
                .openapi("VerifyCommunicationChannelRequest")
            : z.object({ channel }).openapi("CommunicationChannelRequest"),
        ),
      },
      responses: { ...noContent, ...errors(400, 404, 422) },
    },
  );

const verify = action(
  "verify",
  "Verify a pending channel with its key (sub-codes KeyNoMatch, KeyExpired after expiry or 5 tries)",
);
const resend = action("resend", "Send a new key for a pending channel (new expiry, tries reset)");
const discontinue = action(
  "discontinue",
  "Discontinue a pending channel: its value is dropped, its key is void",
);

export function verificationRoutes() {
  const routes = dialectRoutes();
  routes.openapi(verify, async (c) => {
    const ctx = c.var.ctx;
    const body = c.req.valid("json") as { channel: "Email" | "Mobile"; key?: string | null };
    await verifyChannel(ctx, await contactIdOf(ctx, c.req.valid("param").contactId), body.channel, body.key);
    return c.body(null, 204);
  });
  routes.openapi(resend, async (c) => {
    const ctx = c.var.ctx;
    const id = await contactIdOf(ctx, c.req.valid("param").contactId);
    await resendVerificationKey(ctx, id, c.req.valid("json").channel);
    return c.body(null, 204);
  });
  routes.openapi(discontinue, async (c) => {
    const ctx = c.var.ctx;
    const id = await contactIdOf(ctx, c.req.valid("param").contactId);
    await discontinueVerification(ctx, id, c.req.valid("json").channel);
    return c.body(null, 204);
  });
  return routes;
}
