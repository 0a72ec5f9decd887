import { z } from "@hono/zod-openapi";
import {
  allows,
  type ChangeRequest,
  cancelChangeRequest,
  DomainError,
  getChangeRequest,
  memberByNumber,
  PERMISSIONS,
  pendingChangeRequest,
  reviewChangeRequest,
  searchChangeRequests,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { type Language, languageOf, t } from "./language";
import { contactIdOf } from "./refs";
import {
  contactRef,
  errors,
  int32,
  iso,
  jsonBody,
  languageHeaders,
  languageQuery,
  memberRef,
  memberRefUId,
  memberRefUid,
  memberRefV10,
  noContent,
  ok,
  paged,
  pagedResult,
  type RefStyle,
  sortOrder,
  statusRef,
} from "./wire";

/**
 * Change requests (#1–#9, §1.2, §4.2). A member's details edit of approval-required fields opens one; another
 * member reviews it; its initiator may cancel it. v1.0 names members by int id, v1.1 by uuid (`uId` in #2,
 * `uid` in #5 and #7); contacts are int ids in both.
 */
const TAG = "ChangeRequests";
const STATUS_IDS = [1, 2, 3, 4] as const;
const view = { permissions: [PERMISSIONS.contactView] };
const edit = { permissions: [PERMISSIONS.contactView, PERMISSIONS.contactEdit] };
const common = { query: languageQuery, headers: languageHeaders };

/** A change request's status `{id, name}`, named in the request's language. */
export const statusOf = (id: number, lang: Language) => ({
  id,
  name: t(`changeRequestStatus.${id as (typeof STATUS_IDS)[number]}`, lang),
});

const requestPath = z.object({ contactId: int32, changeRequestId: int32 });
const contactPath = z.object({ contactId: int32 });
const changeDetail = z
  .object({
    path: z.string(),
    originalValue: z.string().nullable(),
    targetValue: z.string().nullable(),
    isApprovalRequired: z.boolean(),
  })
  .openapi("ChangeDetail");

const changeRequestOf = <M extends z.ZodType>(member: M, name: string) =>
  z
    .object({
      id: z.number().int(),
      uId: z.uuid(),
      contact: contactRef,
      status: statusRef,
      createDate: z.string(),
      initiatorMember: member,
      initiatorComment: z.string().nullable(),
      reviewDate: z.string().nullable(),
      reviewMember: member.nullable(),
      reviewComment: z.string().nullable(),
      details: z.array(changeDetail),
    })
    .openapi(name);

const searchItemOf = <M extends z.ZodType>(member: M, name: string) =>
  z
    .object({
      id: z.number().int(),
      contact: contactRef,
      status: statusRef,
      createDate: z.string(),
      initiatorMember: member,
      reviewDate: z.string().nullable(),
      reviewMember: member.nullable(),
    })
    .openapi(name);

const contactOf = (r: ChangeRequest) => ({ id: r.contact.number, uId: r.contact.id, name: r.contact.name });

function searchItem(r: ChangeRequest, style: RefStyle, lang: Language) {
  const ref = (p: ChangeRequest["initiator"]) => memberRef(p, style as "id");
  return {
    id: r.number,
    contact: contactOf(r),
    status: statusOf(r.status, lang),
    createDate: r.createdAt.toISOString(),
    initiatorMember: ref(r.initiator),
    reviewDate: iso(r.reviewedAt),
    reviewMember: r.reviewer ? ref(r.reviewer) : null,
  };
}

function fullRequest(r: ChangeRequest, style: RefStyle, lang: Language) {
  const { id, contact, status, createDate, initiatorMember, reviewDate, reviewMember } = searchItem(
    r,
    style,
    lang,
  );
  return {
    id,
    uId: r.id,
    contact,
    status,
    createDate,
    initiatorMember,
    initiatorComment: r.initiatorComment,
    reviewDate,
    reviewMember,
    reviewComment: r.reviewComment,
    details: r.details,
  };
}

const statuses = operation(view, {
  method: "get",
  path: "/v1.0/contacts/change-requests/statuses",
  operationId: "ChangeRequests_GetStatuses",
  summary: "Enumerate change-request statuses",
  tags: [TAG],
  request: common,
  responses: {
    ...ok(z.object({ changeRequestStatuses: z.array(statusRef) }).openapi("ChangeRequestStatusesResponse")),
    ...errors(),
  },
});

const getV10 = operation(view, {
  method: "get",
  path: "/v1.0/contacts/{contactId}/change-requests/{changeRequestId}",
  operationId: "ChangeRequests_GetV10",
  summary: "Retrieve a change-request of a contact's details (v1.0 member ids)",
  deprecated: true,
  tags: [TAG],
  request: { params: requestPath, ...common },
  responses: { ...ok(changeRequestOf(memberRefV10, "ChangeRequestV10")), ...errors(400, 404) },
});

const getV11 = operation(view, {
  method: "get",
  path: "/v1.1/contacts/{contactId}/change-requests/{changeRequestId}",
  operationId: "ChangeRequests_GetV11",
  summary: "Retrieve a change-request (member UIDs)",
  tags: [TAG],
  request: { params: requestPath, ...common },
  responses: { ...ok(changeRequestOf(memberRefUId, "ChangeRequestV11")), ...errors(400, 404) },
});

const checkOf = <M extends z.ZodType>(member: M, name: string) =>
  z
    .object({
      hasPendingChangeRequest: z.boolean(),
      changeRequest: z
        .object({ id: z.number().int(), initiatorMember: member, createdDate: z.string() })
        .nullable(),
    })
    .openapi(name);

const checkV10 = operation(view, {
  method: "get",
  path: "/v1.0/contacts/{contactId}/pending-change-request/check",
  operationId: "ChangeRequests_CheckPendingV10",
  summary: "Check whether a pending change-request exists, returning basic info if so (v1.0)",
  deprecated: true,
  tags: [TAG],
  request: { params: contactPath, ...common },
  responses: { ...ok(checkOf(memberRefV10, "PendingChangeRequestCheckV10")), ...errors(400, 404) },
});

const checkV11 = operation(view, {
  method: "get",
  path: "/v1.1/contacts/{contactId}/pending-change-request/check",
  operationId: "ChangeRequests_CheckPendingV11",
  summary: "Check whether a pending change-request exists (member UID)",
  tags: [TAG],
  request: { params: contactPath, ...common },
  responses: { ...ok(checkOf(memberRefUid, "PendingChangeRequestCheckV11")), ...errors(400, 404) },
});

const searchFields = {
  page: z.number().int().min(1).max(2147483647).nullish(),
  pageSize: z.number().int().min(1).max(1000).nullish(),
  sortOrder: sortOrder.nullish(),
  sortBy: z.string().max(50).nullish().openapi({
    description: "Id, StatusId, CreateDate, InitiatorMemberId, ContactId, ReviewDate, ReviewMemberId",
  }),
  excludeHierarchy: z.boolean().nullish(),
  statusId: int32.nullish(),
  createDateFrom: z.string().max(50).nullish(),
  createDateTo: z.string().max(50).nullish(),
  contactIds: z.array(int32).max(1000).nullish(),
  reviewDateFrom: z.string().max(50).nullish(),
  reviewDateTo: z.string().max(50).nullish(),
  paths: z.array(z.string().max(500)).max(100).nullish(),
};

const searchV10 = operation(view, {
  method: "post",
  path: "/v1.0/members/{memberId}/contacts/change-requests/search",
  operationId: "ChangeRequests_SearchV10",
  summary: "Search change-requests visible to a given member (v1.0, int member ids)",
  deprecated: true,
  tags: [TAG],
  request: {
    params: z.object({ memberId: int32 }),
    ...common,
    ...jsonBody(
      z
        .object({
          ...searchFields,
          initiatorMemberIds: z.array(int32).max(1000).nullish(),
          reviewMemberIds: z.array(int32).max(1000).nullish(),
        })
        .openapi("ChangeRequestSearchRequestV10"),
    ),
  },
  responses: {
    ...ok(pagedResult(searchItemOf(memberRefV10, "ChangeRequestSearchItemV10"), "PagedChangeRequestsV10")),
    ...errors(400, 404),
  },
});

const search = operation(view, {
  method: "post",
  path: "/v1.0/contacts/change-requests/search",
  operationId: "ChangeRequests_Search",
  summary: "Search change-requests visible to the caller (member UIDs)",
  tags: [TAG],
  request: {
    ...common,
    ...jsonBody(
      z
        .object({
          ...searchFields,
          initiatorMemberUids: z.array(z.uuid()).max(1000).nullish(),
          reviewMemberUids: z.array(z.uuid()).max(1000).nullish(),
        })
        .openapi("ChangeRequestSearchRequest"),
    ),
  },
  responses: {
    ...ok(pagedResult(searchItemOf(memberRefUid, "ChangeRequestSearchItem"), "PagedChangeRequests")),
    ...errors(400),
  },
});

const cancel = operation(edit, {
  method: "post",
  path: "/v1.0/contacts/{contactId}/change-requests/{changeRequestId}/cancel",
  operationId: "ChangeRequests_Cancel",
  summary: "Cancel a pending change-request (initiator only)",
  tags: [TAG],
  request: { params: requestPath, ...common },
  responses: { ...noContent, ...errors(400, 404, 422) },
});

const review = operation(
  { permissions: [PERMISSIONS.contactView, PERMISSIONS.changeRequestReview] },
  {
    method: "post",
    path: "/v1.0/contacts/{contactId}/change-requests/{changeRequestId}/review",
    operationId: "ChangeRequests_Review",
    summary: "Review (approve or reject) a pending change-request; not by its initiator",
    tags: [TAG],
    request: {
      params: requestPath,
      ...common,
      ...jsonBody(
        z
          .object({ isApproved: z.boolean(), comment: z.string().max(4000).nullish() })
          .openapi("ReviewChangeRequestRequest"),
      ),
    },
    responses: { ...noContent, ...errors(400, 404, 422) },
  },
);

export function changeRequestRoutes() {
  const routes = dialectRoutes();
  routes.openapi(statuses, (c) => {
    const lang = languageOf(c);
    return c.json({ changeRequestStatuses: STATUS_IDS.map((id) => statusOf(id, lang)) }, 200);
  });
  for (const [op, style] of [
    [getV10, "id"],
    [getV11, "uId"],
  ] as const)
    routes.openapi(op, async (c) => {
      const ctx = c.var.ctx;
      const { contactId, changeRequestId } = c.req.valid("param");
      const found = await getChangeRequest(ctx, await contactIdOf(ctx, contactId), changeRequestId);
      return c.json(fullRequest(found, style, languageOf(c)) as never, 200);
    });
  for (const [op, style] of [
    [checkV10, "id"],
    [checkV11, "uid"],
  ] as const)
    routes.openapi(op, async (c) => {
      const ctx = c.var.ctx;
      const pending = await pendingChangeRequest(ctx, await contactIdOf(ctx, c.req.valid("param").contactId));
      return c.json(
        {
          hasPendingChangeRequest: pending !== null,
          changeRequest: pending && {
            id: pending.number,
            initiatorMember: memberRef(pending.initiator, style as "id"),
            createdDate: pending.createdAt.toISOString(),
          },
        } as never,
        200,
      );
    });
  routes.openapi(searchV10, async (c) => {
    const ctx = c.var.ctx;
    const member = await memberByNumber(ctx, c.req.valid("param").memberId);
    // Visibility is the caller's; naming another member's search needs the member administration right.
    if (member.id !== ctx.actor.id && !allows(ctx.actor.permissions, PERMISSIONS.membersManage))
      throw new DomainError("FORBIDDEN", "only the member itself can search its change requests", [
        { path: "memberId", message: PERMISSIONS.membersManage },
      ]);
    const body = c.req.valid("json");
    const found = await searchChangeRequests(ctx, {
      ...body,
      page: body.page ?? 1,
      pageSize: body.pageSize ?? 10,
    });
    const lang = languageOf(c);
    return c.json(
      paged(
        found.results.map((r) => searchItem(r, "id", lang)),
        found.page,
        found.pageSize,
        found.totalCount,
      ) as never,
      200,
    );
  });
  routes.openapi(search, async (c) => {
    const body = c.req.valid("json");
    const found = await searchChangeRequests(c.var.ctx, {
      ...body,
      page: body.page ?? 1,
      pageSize: body.pageSize ?? 10,
    });
    const lang = languageOf(c);
    return c.json(
      paged(
        found.results.map((r) => searchItem(r, "uid", lang)),
        found.page,
        found.pageSize,
        found.totalCount,
      ) as never,
      200,
    );
  });
  routes.openapi(cancel, async (c) => {
    const ctx = c.var.ctx;
    const { contactId, changeRequestId } = c.req.valid("param");
    await cancelChangeRequest(ctx, await contactIdOf(ctx, contactId), changeRequestId);
    return c.body(null, 204);
  });
  routes.openapi(review, async (c) => {
    const ctx = c.var.ctx;
    const { contactId, changeRequestId } = c.req.valid("param");
    await reviewChangeRequest(ctx, await contactIdOf(ctx, contactId), changeRequestId, c.req.valid("json"));
    return c.body(null, 204);
  });
  return routes;
}
