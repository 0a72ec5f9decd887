import { Readable } from "node:stream";
import {
  createExport,
  type ExportEntityType,
  getExport,
  listExports,
  openExportDownload,
  PERMISSIONS,
} from "@switchboard/domain";
import type { RestDeps } from "../../env";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { BASE, exportToWire } from "./mappers";
import { genesysOperation } from "./operations";
import { integerParam, multi } from "./query";
import {
  contactsExportModels,
  notesExportModels,
  organizationsExportModels,
  relationshipsExportModels,
} from "./wire";

/** The query of every export listing (contacts, organizations, notes, relationships). */
const EXPORT_LIST_QUERY = [
  { name: "divisionIds", description: "Division IDs of entities", array: true },
  {
    name: "after",
    description: "The cursor that points to the end of the set of entities that has been returned",
  },
  { name: "pageSize", description: "Number of entities to return", integer: true },
];

const EXPORT_OPERATIONS = {
  postExternalcontactsContactsExports: genesysOperation(
    { permissions: [PERMISSIONS.exportAdd, PERMISSIONS.contactView] },
    {
      method: "post",
      path: "/contacts/exports",
      operationId: "postExternalcontactsContactsExports",
      summary: "Create bulk export",
      body: "ContactsExportRequest",
      status: 201,
      response: "ContactsExport",
    },
  ),
  getExternalcontactsContactsExports: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.contactView] },
    {
      method: "get",
      path: "/contacts/exports",
      operationId: "getExternalcontactsContactsExports",
      summary: "List exports for organization",
      query: EXPORT_LIST_QUERY,
      status: 200,
      response: "ContactsExportListing",
    },
  ),
  getExternalcontactsContactsExport: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.contactView] },
    {
      method: "get",
      path: "/contacts/exports/{exportId}",
      operationId: "getExternalcontactsContactsExport",
      summary: "Get export for exportId",
      status: 200,
      response: "ContactsExport",
    },
  ),
  postExternalcontactsOrganizationsExports: genesysOperation(
    { permissions: [PERMISSIONS.exportAdd, PERMISSIONS.organizationView] },
    {
      method: "post",
      path: "/organizations/exports",
      operationId: "postExternalcontactsOrganizationsExports",
      summary: "Create organizations export",
      body: "OrganizationsExportRequest",
      status: 201,
      response: "OrganizationsExport",
    },
  ),
  getExternalcontactsOrganizationsExports: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.organizationView] },
    {
      method: "get",
      path: "/organizations/exports",
      operationId: "getExternalcontactsOrganizationsExports",
      summary: "List organizations exports",
      query: EXPORT_LIST_QUERY,
      status: 200,
      response: "OrganizationsExportListing",
    },
  ),
  getExternalcontactsOrganizationsExport: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.organizationView] },
    {
      method: "get",
      path: "/organizations/exports/{exportId}",
      operationId: "getExternalcontactsOrganizationsExport",
      summary: "Get organizations export",
      status: 200,
      response: "OrganizationsExport",
    },
  ),
  postExternalcontactsNotesExports: genesysOperation(
    { permissions: [PERMISSIONS.exportAdd, PERMISSIONS.contactView, PERMISSIONS.organizationView] },
    {
      method: "post",
      path: "/notes/exports",
      operationId: "postExternalcontactsNotesExports",
      summary: "Create notes export",
      body: "NotesExportRequest",
      status: 201,
      response: "NotesExport",
    },
  ),
  getExternalcontactsNotesExports: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.contactView, PERMISSIONS.organizationView] },
    {
      method: "get",
      path: "/notes/exports",
      operationId: "getExternalcontactsNotesExports",
      summary: "List notes exports",
      query: EXPORT_LIST_QUERY,
      status: 200,
      response: "NotesExportListing",
    },
  ),
  getExternalcontactsNotesExport: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.contactView, PERMISSIONS.organizationView] },
    {
      method: "get",
      path: "/notes/exports/{exportId}",
      operationId: "getExternalcontactsNotesExport",
      summary: "Get notes export",
      status: 200,
      response: "NotesExport",
    },
  ),
  postExternalcontactsRelationshipsExports: genesysOperation(
    { permissions: [PERMISSIONS.exportAdd, PERMISSIONS.organizationView] },
    {
      method: "post",
      path: "/relationships/exports",
      operationId: "postExternalcontactsRelationshipsExports",
      summary: "Create relationships export",
      body: "RelationshipsExportRequest",
      status: 201,
      response: "RelationshipsExport",
    },
  ),
  getExternalcontactsRelationshipsExports: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.organizationView] },
    {
      method: "get",
      path: "/relationships/exports",
      operationId: "getExternalcontactsRelationshipsExports",
      summary: "List relationships exports",
      query: EXPORT_LIST_QUERY,
      status: 200,
      response: "RelationshipsExportListing",
    },
  ),
  getExternalcontactsRelationshipsExport: genesysOperation(
    { permissions: [PERMISSIONS.exportView, PERMISSIONS.organizationView] },
    {
      method: "get",
      path: "/relationships/exports/{exportId}",
      operationId: "getExternalcontactsRelationshipsExport",
      summary: "Get relationships export",
      status: 200,
      response: "RelationshipsExport",
    },
  ),
};

/** Who may download an export of a kind: who may read it (`getExternalcontacts…Export`). */
const DOWNLOAD_ACCESS = {
  contacts: { permissions: [PERMISSIONS.exportView, PERMISSIONS.contactView] },
  organizations: { permissions: [PERMISSIONS.exportView, PERMISSIONS.organizationView] },
  notes: { permissions: [PERMISSIONS.exportView, PERMISSIONS.contactView, PERMISSIONS.organizationView] },
  relationships: { permissions: [PERMISSIONS.exportView, PERMISSIONS.organizationView] },
} satisfies Record<ExportEntityType, unknown>;

/** Each kind's request model: its own filter fields, checked before the domain sees the request. */
const REQUESTS = {
  contacts: contactsExportModels.request,
  organizations: organizationsExportModels.request,
  notes: notesExportModels.request,
  relationships: relationshipsExportModels.request,
} satisfies Record<ExportEntityType, unknown>;

/**
 * Genesys exports: `/{contacts|organizations|notes|relationships}/exports` to create (201), list
 * (after-cursor) and poll, plus the download `downloadUrl` points at. An export of one kind is not found
 * under another kind's path.
 */
export function exportRoutes(deps: RestDeps) {
  const app = dialectRoutes();
  const origin = (url: string) => new URL(url).origin;

  for (const [kind, request] of Object.entries(REQUESTS) as [ExportEntityType, typeof REQUESTS.contacts][]) {
    const path = `/${kind}/exports`;
    const Kind = `${kind[0]!.toUpperCase()}${kind.slice(1)}` as Capitalize<ExportEntityType>;
    const create = EXPORT_OPERATIONS[`postExternalcontacts${Kind}Exports`];
    const list = EXPORT_OPERATIONS[`getExternalcontacts${Kind}Exports`];
    const get = EXPORT_OPERATIONS[`getExternalcontacts${Kind}Export`];
    // Not an SDK operation: where `downloadUrl` points, under the permissions of reading the export.
    const download = genesysOperation(DOWNLOAD_ACCESS[kind], {
      method: "get",
      path: `${path}/{exportId}/download`,
      operationId: `getExternalcontacts${Kind}ExportDownload`,
      summary: `Download a ${kind} export's CSV (where its downloadUrl points)`,
      status: 200,
    });

    app.openapi(create, async (c) => {
      const body = await readJson(c, request);
      const job = await createExport(c.get("ctx"), {
        entityType: kind,
        divisionIds: body.divisionIds,
        queryConditions: body.queryConditions,
      });
      return c.json(exportToWire(job, origin(c.req.url)), 201);
    });

    app.openapi(list, async (c) => {
      const pageSize = integerParam(c, "pageSize", 25, { min: 1, max: 200 });
      const divisionIds = multi(c, "divisionIds");
      const after = c.req.query("after");
      const page = await listExports(c.get("ctx"), {
        entityType: kind,
        after,
        pageSize,
        divisionIds: divisionIds.length ? divisionIds : undefined,
      });
      const uri = (cursor?: string) => {
        const params = new URLSearchParams({ pageSize: String(pageSize) });
        if (cursor) params.set("after", cursor);
        for (const d of divisionIds) params.append("divisionIds", d);
        return `${BASE}${path}?${params}`;
      };
      return c.json({
        entities: page.entities.map((job) => exportToWire(job, origin(c.req.url))),
        selfUri: uri(after),
        ...(page.nextCursor && { nextUri: uri(page.nextCursor) }),
      });
    });

    app.openapi(get, async (c) => {
      const job = await getExport(c.get("ctx"), c.req.param("exportId"), kind);
      return c.json(exportToWire(job, origin(c.req.url)));
    });

    /** Where `downloadUrl` points: the CSV, streamed, to a caller allowed to view the export. */
    app.openapi(download, async (c) => {
      const file = await openExportDownload(c.get("ctx"), c.req.param("exportId"), deps.storage, kind);
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: {
          "content-type": `${file.contentType}; charset=utf-8`,
          "content-length": String(file.size),
          "content-disposition": `attachment; filename="${file.fileName}"`,
        },
      });
    });
  }

  return app;
}
