import {
  listSegmentAssignments,
  PERMISSIONS,
  SEGMENT_ASSIGNMENT_LIMITS,
  type SegmentAssignment,
  updateSegmentAssignments,
} from "@switchboard/domain";
import { z } from "zod";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { inWireTerms } from "./errors";
import { contactUri } from "./mappers";
import { genesysOperation } from "./operations";
import { booleanParam, integerParam } from "./query";

/** `SegmentAssignments` / `SegmentUnassignments`: the segments named by id. */
const segmentIds = z.object({ segments: z.array(z.object({ id: z.string() })) });

/** `UpdateSegmentAssignmentRequest` (the body is optional: none assigns and unassigns nothing). */
export const updateSegmentAssignmentRequest = z.object({
  assign: segmentIds.optional(),
  unassign: segmentIds.optional(),
});

/** `SegmentAssignment`: Switchboard records no journey sessions, so `session` is never set. */
export const segmentAssignment = z.object({
  dateAssigned: z.string(),
  dateForUnassignment: z.string(),
  segment: z.object({ id: z.string(), selfUri: z.string().optional() }),
  externalContact: z.object({ id: z.string(), selfUri: z.string().optional() }),
  session: z.object({ id: z.string(), type: z.string(), selfUri: z.string().optional() }).optional(),
});

export const updateSegmentAssignmentResponse = z.object({
  unprocessedItems: z.object({
    assign: segmentIds.optional(),
    unassign: segmentIds.optional(),
    count: z.number().int(),
  }),
});

export const SEGMENT_SCHEMAS = {
  SegmentAssignment: segmentAssignment,
  SegmentAssignmentListing: z.object({ entities: z.array(segmentAssignment) }),
  UpdateSegmentAssignmentRequest: updateSegmentAssignmentRequest,
  UpdateSegmentAssignmentResponse: updateSegmentAssignmentResponse,
};

const toWire = (a: SegmentAssignment): z.infer<typeof segmentAssignment> => ({
  dateAssigned: a.assignedAt.toISOString(),
  dateForUnassignment: a.expiresAt.toISOString(),
  segment: { id: a.segmentId, selfUri: `/api/v2/journey/segments/${a.segmentId}` },
  externalContact: { id: a.contactId, selfUri: contactUri(a.contactId) },
});

/** Domain paths (`assign`, `assign.3`) in the request's terms (`assign.segments`, `assign.segments.3.id`). */
const wirePath = (path: string) =>
  path.replace(/^(assign|unassign)(?:\.(\d+))?/, (_, list: string, index?: string) =>
    index === undefined ? `${list}.segments` : `${list}.segments.${index}.id`,
  );

const listed = (ids: string[]) => (ids.length ? { segments: ids.map((id) => ({ id })) } : undefined);

const getExternalcontactsContactJourneySegments = genesysOperation(
  { permissions: [PERMISSIONS.segmentAssignmentView] },
  {
    method: "get",
    path: "/contacts/{contactId}/journey/segments",
    operationId: "getExternalcontactsContactJourneySegments",
    summary: "Segment assignments of a contact (unexpired, newest first)",
    query: [
      { name: "includeMerged", description: "true to include every contact of the merge set" },
      { name: "limit", description: "Number of entities to return: default 25, at most 500", integer: true },
    ],
    status: 200,
    response: "SegmentAssignmentListing",
  },
);
const postExternalcontactsContactJourneySegments = genesysOperation(
  { permissions: [PERMISSIONS.segmentAssignmentAdd, PERMISSIONS.segmentAssignmentDelete], any: true },
  {
    method: "post",
    path: "/contacts/{contactId}/journey/segments",
    operationId: "postExternalcontactsContactJourneySegments",
    summary: `Assign or unassign up to ${SEGMENT_ASSIGNMENT_LIMITS.perRequest} segments of a contact; assigning an assigned one refreshes its expiry (${SEGMENT_ASSIGNMENT_LIMITS.expiryDays} days)`,
    body: "UpdateSegmentAssignmentRequest",
    bodyOptional: true,
    status: 200,
    response: "UpdateSegmentAssignmentResponse",
  },
);

/** Journey segment assignments of a contact (current SDK), beside the journey sessions. */
export function journeySegmentRoutes() {
  const app = dialectRoutes();

  app.openapi(getExternalcontactsContactJourneySegments, async (c) => {
    const limit = integerParam(c, "limit", SEGMENT_ASSIGNMENT_LIMITS.listDefault, {
      min: 1,
      max: SEGMENT_ASSIGNMENT_LIMITS.listMax,
    });
    const includeMerged = booleanParam(c, "includeMerged");
    const found = await listSegmentAssignments(c.get("ctx"), c.req.param("contactId"), {
      includeMerged,
      limit,
    });
    return c.json({ entities: found.map(toWire) });
  });

  app.openapi(postExternalcontactsContactJourneySegments, async (c) => {
    // The SDK sends no body when it is given none: that assigns and unassigns nothing.
    const body = (await c.req.text()).trim() ? await readJson(c, updateSegmentAssignmentRequest) : {};
    const result = await inWireTerms(wirePath, () =>
      updateSegmentAssignments(c.get("ctx"), c.req.param("contactId"), {
        assign: body.assign?.segments.map((s) => s.id) ?? [],
        unassign: body.unassign?.segments.map((s) => s.id) ?? [],
      }),
    );
    const { assign, unassign } = result.unprocessed;
    return c.json({
      unprocessedItems: {
        assign: listed(assign),
        unassign: listed(unassign),
        count: assign.length + unassign.length,
      },
    });
  });

  return app;
}
