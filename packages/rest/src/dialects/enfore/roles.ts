import type { z } from "@hono/zod-openapi";
import {
  getProfileRole,
  PERMISSIONS,
  type ProfileOwnerKind,
  type ProfileRole,
  type ProfileRoleInput,
  type ProfileRoleKind,
  putProfileRole,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import {
  AlternativePayerRoleInputSchema,
  AlternativePayerRoleSchema,
  alternativePayerRoleFromWire,
  alternativePayerRoleToWire,
  CustomerRoleInputSchema,
  CustomerRoleSchema,
  customerRoleFromWire,
  customerRoleToWire,
  SupplierRoleInputSchema,
  SupplierRoleSchema,
  supplierRoleFromWire,
  supplierRoleToWire,
} from "./profile-wire";
import { body, ContactParams, errors, json } from "./routes";

// Roles (ops 49–54 and 97–102): one GET and one PUT per contact kind and role, all from one table. A PUT creates
// the role or replaces it whole (200 either way); the account ids are the server's. A role the contact does not
// hold is 404, as is a deleted contact or an id of the other contact kind.

/** enfore's contact kinds, their path segment and the canonical owner kind. */
export const CONTACT_KINDS = [
  { segment: "individual", owner: "contact", name: "Individual", tags: ["Individual contacts"] },
  { segment: "organization", owner: "organization", name: "Organization", tags: ["Organization contacts"] },
] as const satisfies readonly { segment: string; owner: ProfileOwnerKind; name: string; tags: string[] }[];

interface RoleSpec<K extends ProfileRoleKind> {
  kind: K;
  segment: string;
  name: string;
  label: string;
  input: z.ZodType;
  output: z.ZodType;
  fromWire: (w: never) => ProfileRoleInput<K>;
  toWire: (r: ProfileRole<K>) => unknown;
}

const ROLES = [
  {
    kind: "customer",
    segment: "customer",
    name: "CustomerRole",
    label: "Customer",
    input: CustomerRoleInputSchema,
    output: CustomerRoleSchema,
    fromWire: customerRoleFromWire,
    toWire: customerRoleToWire,
  } satisfies RoleSpec<"customer">,
  {
    kind: "alternativePayer",
    segment: "alternative-payer",
    name: "AlternativePayerRole",
    label: "Alternative payer",
    input: AlternativePayerRoleInputSchema,
    output: AlternativePayerRoleSchema,
    fromWire: alternativePayerRoleFromWire,
    toWire: alternativePayerRoleToWire,
  } satisfies RoleSpec<"alternativePayer">,
  {
    kind: "supplier",
    segment: "supplier",
    name: "SupplierRole",
    label: "Supplier",
    input: SupplierRoleInputSchema,
    output: SupplierRoleSchema,
    fromWire: supplierRoleFromWire,
    toWire: supplierRoleToWire,
  } satisfies RoleSpec<"supplier">,
] as const;

export function roleRoutes() {
  const routes = dialectRoutes();
  for (const contact of CONTACT_KINDS)
    for (const role of ROLES as readonly RoleSpec<ProfileRoleKind>[]) {
      const path = `/org/{org-id}/${contact.segment}/{contact-id}/roles/${role.segment}`;
      const owner = (id: string) => ({ kind: contact.owner, id });
      const what = role.label.toLowerCase();
      routes.openapi(
        operation(
          { permissions: [PERMISSIONS.roleView] },
          {
            method: "get",
            path,
            operationId: `get${contact.name}${role.name}`,
            summary: `Get ${what} role`,
            tags: contact.tags,
            request: { params: ContactParams },
            responses: {
              200: json(role.output, `${role.label} info is successfully returned`),
              ...errors(403, 404),
            },
          },
        ),
        async (c) => {
          const id = c.req.valid("param")["contact-id"];
          const found = await getProfileRole(c.var.ctx, owner(id), role.kind);
          return c.json(role.toWire(found) as never, 200);
        },
      );
      routes.openapi(
        operation(
          { permissions: [PERMISSIONS.roleEdit] },
          {
            method: "put",
            path,
            operationId: `put${contact.name}${role.name}`,
            summary: `Create/update ${what} role`,
            tags: contact.tags,
            request: { params: ContactParams, body: body(role.input) },
            responses: {
              200: json(role.output, `${role.label} info is successfully created or updated`),
              ...errors(400, 403, 404),
            },
          },
        ),
        async (c) => {
          const id = c.req.valid("param")["contact-id"];
          const input = role.fromWire(c.req.valid("json") as never);
          const saved = await putProfileRole(c.var.ctx, owner(id), role.kind, input);
          return c.json(role.toWire(saved) as never, 200);
        },
      );
    }
  return routes;
}
