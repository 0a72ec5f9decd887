import { z } from "@hono/zod-openapi";
import { addTag, listTags, PERMISSIONS, removeTag } from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { TagInputSchema, TagSchema, TagsSchema, tagToWire } from "./profile-wire";
import { CONTACT_KINDS } from "./roles";
import { body, contactId, errors, json, noContent, orgId, pathParam } from "./routes";

// Tags (ops 55–57 and 94–96): a contact's tags are the tenant's tag list, reused by exact (case-sensitive) name;
// tagging creates the tag when the tenant has none of that name. Removing takes the tag off the contact only.
// Genesys organization `tags` are the same assignments.

const TagParams = z.object({
  "org-id": orgId,
  "contact-id": contactId,
  "tag-id": pathParam("tag-id", "ID of the tag"),
});
const ContactParams = z.object({ "org-id": orgId, "contact-id": contactId });

export function tagRoutes() {
  const routes = dialectRoutes();
  for (const contact of CONTACT_KINDS) {
    const path = `/org/{org-id}/${contact.segment}/{contact-id}/tags`;
    const owner = (id: string) => ({ kind: contact.owner, id });
    routes.openapi(
      operation(
        { permissions: [PERMISSIONS.tagView] },
        {
          method: "get",
          path,
          operationId: `list${contact.name}Tags`,
          summary: "List tags of contact",
          tags: contact.tags,
          request: { params: ContactParams },
          responses: {
            200: json(TagsSchema, "Tag information is successfully returned"),
            ...errors(400, 403, 404),
          },
        },
      ),
      async (c) => {
        const tags = await listTags(c.var.ctx, owner(c.req.valid("param")["contact-id"]));
        return c.json({ items: tags.map(tagToWire) }, 200);
      },
    );
    routes.openapi(
      operation(
        { permissions: [PERMISSIONS.tagEdit] },
        {
          method: "post",
          path,
          operationId: `add${contact.name}Tag`,
          summary: "Add tag to contact",
          tags: contact.tags,
          request: { params: ContactParams, body: body(TagInputSchema) },
          responses: { 201: json(TagSchema, "Tag has successfully been added"), ...errors(400, 403, 404) },
        },
      ),
      async (c) => {
        const tag = await addTag(c.var.ctx, owner(c.req.valid("param")["contact-id"]), c.req.valid("json"));
        return c.json(tagToWire(tag), 201);
      },
    );
    routes.openapi(
      operation(
        { permissions: [PERMISSIONS.tagEdit] },
        {
          method: "delete",
          path: `${path}/{tag-id}`,
          operationId: `remove${contact.name}Tag`,
          summary: "Remove tag from contact (the organization keeps the tag)",
          tags: contact.tags,
          request: { params: TagParams },
          responses: { 204: noContent("Tag successfully removed"), ...errors(403, 404, 422) },
        },
      ),
      async (c) => {
        const p = c.req.valid("param");
        await removeTag(c.var.ctx, owner(p["contact-id"]), p["tag-id"]);
        return c.body(null, 204);
      },
    );
  }
  return routes;
}
