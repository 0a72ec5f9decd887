import { z } from "@hono/zod-openapi";
import {
  deleteProfilePicture,
  getProfilePicture,
  isDomainError,
  PERMISSIONS,
  setProfilePicture,
  validationFailed,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { contactIdOf } from "./refs";
import { errors, int32, jsonBody, languageHeaders, languageQuery, noContent, ok } from "./wire";

const TAG = "ContactProfilePicture";
const PATH = "/v1.0/contacts/{contactId}/profile-picture";
const contactPath = z.object({ contactId: int32.openapi({ description: "Contact id" }) });

const pictureRequest = z
  .object({
    imageContentBase64: z.string().nullish().openapi({ description: "A PNG or JPEG image, base64" }),
  })
  .openapi("ProfilePictureRequest");

const remove = operation(
  { permissions: [PERMISSIONS.contactView, PERMISSIONS.imageEdit] },
  {
    method: "delete",
    path: PATH,
    operationId: "ContactProfilePicture_Delete",
    summary: "Deletes the profile picture for the contact specified (the placeholder shows again)",
    tags: [TAG],
    request: { params: contactPath, query: languageQuery, headers: languageHeaders },
    responses: { ...noContent, ...errors(400, 404) },
  },
);

const get = operation(
  { permissions: [PERMISSIONS.contactView, PERMISSIONS.imageView] },
  {
    method: "get",
    path: PATH,
    operationId: "ContactProfilePicture_Get",
    summary: "Returns the stored profile picture, or a placeholder with isDefaultImage true",
    tags: [TAG],
    request: { params: contactPath, query: languageQuery, headers: languageHeaders },
    responses: {
      ...ok(
        z
          .object({ imageContentBase64: z.string(), isDefaultImage: z.boolean() })
          .openapi("ProfilePictureResponse"),
      ),
      ...errors(400, 404),
    },
  },
);

const update = (method: "put" | "post") =>
  operation(
    { permissions: [PERMISSIONS.contactView, PERMISSIONS.imageEdit] },
    {
      method,
      path: PATH,
      operationId: method === "put" ? "ContactProfilePicture_Update" : "ContactProfilePicture_UpdateByPost",
      summary: "Updates and stores a profile picture for the contact specified",
      tags: [TAG],
      request: {
        params: contactPath,
        query: languageQuery,
        headers: languageHeaders,
        ...jsonBody(pictureRequest),
      },
      responses: { ...noContent, ...errors(400, 404) },
    },
  );

/** The image module names its input `data`; DFS callers sent `imageContentBase64`. */
async function storing(run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    if (isDomainError(error) && error.code === "VALIDATION")
      throw validationFailed(
        error.issues.map((i) => ({ ...i, path: i.path === "data" ? "imageContentBase64" : i.path })),
      );
    throw error;
  }
}

export function profilePictureRoutes() {
  const routes = dialectRoutes();
  routes.openapi(get, async (c) => {
    const id = await contactIdOf(c.var.ctx, c.req.valid("param").contactId);
    return c.json(await getProfilePicture(c.var.ctx, id), 200);
  });
  for (const method of ["put", "post"] as const)
    routes.openapi(update(method), async (c) => {
      const id = await contactIdOf(c.var.ctx, c.req.valid("param").contactId);
      const image = c.req.valid("json").imageContentBase64?.trim();
      if (!image) throw validationFailed([{ path: "imageContentBase64", message: "an image is required" }]);
      await storing(() => setProfilePicture(c.var.ctx, id, image));
      return c.body(null, 204);
    });
  routes.openapi(remove, async (c) => {
    const id = await contactIdOf(c.var.ctx, c.req.valid("param").contactId);
    await deleteProfilePicture(c.var.ctx, id);
    return c.body(null, 204);
  });
  return routes;
}
