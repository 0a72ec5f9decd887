import { z } from "@hono/zod-openapi";
import { ProblemSchema } from "./wire";

// What every enfore operation shares: the `org-id` path parameter, the error responses, the tags.

const pathParam = (name: string, description: string) =>
  z
    .string()
    .min(1)
    .openapi({ param: { name, in: "path", required: true }, description });

export const orgId = pathParam(
  "org-id",
  "ID (slug or uuid) of the organization whose data is being accessed",
);
export const contactId = pathParam("contact-id", "ID of the contact");
export const professionalIdentityId = pathParam(
  "professional-identity-id",
  "ID of the professional identity",
);
export { pathParam };

export const OrgParams = z.object({ "org-id": orgId });
export const ContactParams = z.object({ "org-id": orgId, "contact-id": contactId });

const DESCRIPTIONS = {
  400: "Invalid parameters were sent by the client",
  403: "Credentials missing or not sufficient",
  404: "Resource(s) not found or invalid identifier",
  422: "Specified data is semantically incorrect.",
} as const;

/** The documented error responses of an operation, as Problem bodies. */
export function errors(...codes: (keyof typeof DESCRIPTIONS)[]) {
  return Object.fromEntries(
    codes.map((code) => [
      code,
      { description: DESCRIPTIONS[code], content: { "application/problem+json": { schema: ProblemSchema } } },
    ]),
  ) as Record<
    keyof typeof DESCRIPTIONS,
    { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }
  >;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const noContent = (description: string) => ({ description });
