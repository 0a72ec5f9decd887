import { z } from "@hono/zod-openapi";
import { addImage, type ImageOwner, listImages, PERMISSIONS, removeImage } from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { IdContainerSchema, ImageContentSchema, ImageIdsSchema } from "./profile-wire";
import { CONTACT_KINDS } from "./roles";
import { body, contactId, errors, json, noContent, orgId, pathParam } from "./routes";

// Images (ops 58–60, 103–105 and 118–120) of individuals, organizations and placeholder customers: JPEG or PNG
// (told by their first bytes) up to 12 MB, base64 in `data`. A new image goes first and is the default; the
// list is newest first. Anything else, or text that is not base64, is 400.

interface ImageOwnerSpec {
  segment: string;
  param: string;
  idParam: z.ZodString;
  kind: ImageOwner["kind"];
  name: string;
  what: string;
  tags: string[];
}

const IMAGE_OWNERS: ImageOwnerSpec[] = [
  ...CONTACT_KINDS.map((k) => ({
    segment: k.segment,
    param: "contact-id",
    idParam: contactId,
    kind: k.owner,
    name: k.name,
    what: "contact",
    tags: [...k.tags],
  })),
  {
    segment: "placeholder-customers",
    param: "placeholder-customer-id",
    idParam: pathParam("placeholder-customer-id", "ID of the placeholder customer"),
    kind: "placeholderCustomer",
    name: "PlaceholderCustomer",
    what: "placeholder customer",
    tags: ["Placeholder customers"],
  },
];

export function imageRoutes() {
  const routes = dialectRoutes();
  for (const o of IMAGE_OWNERS) {
    const path = `/org/{org-id}/${o.segment}/{${o.param}}/images`;
    const Params = z.object({ "org-id": orgId, [o.param]: o.idParam } as Record<string, z.ZodString>);
    const ImageParams = z.object({
      "org-id": orgId,
      [o.param]: o.idParam,
      "image-id": pathParam("image-id", "ID of the image"),
    } as Record<string, z.ZodString>);
    const owner = (params: Record<string, string>) => ({ kind: o.kind, id: params[o.param]! }) as ImageOwner;
    routes.openapi(
      operation(
        { permissions: [PERMISSIONS.imageView] },
        {
          method: "get",
          path,
          operationId: `list${o.name}Images`,
          summary: `List image IDs of ${o.what} (newest first; the first is the default image)`,
          tags: o.tags,
          request: { params: Params },
          responses: {
            200: json(ImageIdsSchema, "Successfully returns information"),
            ...errors(400, 403, 404),
          },
        },
      ),
      async (c) => {
        const images = await listImages(c.var.ctx, owner(c.req.valid("param")));
        return c.json({ items: images.map((i) => ({ id: i.id })) }, 200);
      },
    );
    routes.openapi(
      operation(
        { permissions: [PERMISSIONS.imageEdit] },
        {
          method: "post",
          path,
          operationId: `add${o.name}Image`,
          summary: `Add image to ${o.what} (JPEG or PNG, at most 12 MB; it becomes the default image)`,
          tags: o.tags,
          request: { params: Params, body: body(ImageContentSchema) },
          responses: {
            200: json(IdContainerSchema, "Successfully added the image"),
            ...errors(400, 403, 404),
          },
        },
      ),
      async (c) => {
        const added = await addImage(c.var.ctx, owner(c.req.valid("param")), c.req.valid("json"));
        return c.json({ id: added.id }, 200);
      },
    );
    routes.openapi(
      operation(
        { permissions: [PERMISSIONS.imageEdit] },
        {
          method: "delete",
          path: `${path}/{image-id}`,
          operationId: `remove${o.name}Image`,
          summary: `Remove image from ${o.what}`,
          tags: o.tags,
          request: { params: ImageParams },
          responses: { 204: noContent("Successfully removed the image"), ...errors(403, 404, 422) },
        },
      ),
      async (c) => {
        const p = c.req.valid("param");
        await removeImage(c.var.ctx, owner(p), p["image-id"]!);
        return c.body(null, 204);
      },
    );
  }
  return routes;
}
