import type { Contact, ContactSortField } from "@switchboard/domain";

// Client code imports only types from the domain (its values pull the database into the bundle); these
// lists are checked against the domain's types.
export const CONTACT_SORT_FIELDS = [
  "lastName",
  "firstName",
  "middleName",
  "title",
] as const satisfies readonly ContactSortField[];
export const CONTACT_TYPES = [
  "Curated",
  "Ephemeral",
  "Identified",
] as const satisfies readonly Contact["type"][];

/**
 * Everything the contact list shows lives in the URL (q, filters, sort), so a view is a link: it can be
 * bookmarked, shared, saved by name, and Back undoes a change.
 */
export interface ListState {
  q?: string;
  organizationId?: string;
  divisionId?: string;
  type?: Contact["type"];
  hasEmail?: boolean;
  hasPhone?: boolean;
  field?: string;
  value?: string;
  sort?: ContactSortField;
  dir: "asc" | "desc";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const flag = (v: string | null) => (v === "yes" ? true : v === "no" ? false : undefined);
const uuid = (v: string | null) => (v && UUID.test(v) ? v : undefined);
const text = (v: string | null) => v?.trim() || undefined;

/** Reads the list state from URL parameters; values that are not valid are ignored, never an error page. */
export function parseListState(params: URLSearchParams): ListState {
  const type = params.get("type");
  const sort = params.get("sort");
  return {
    q: text(params.get("q")),
    organizationId: uuid(params.get("org")),
    divisionId: uuid(params.get("division")),
    type: (CONTACT_TYPES as readonly string[]).includes(type ?? "") ? (type as ListState["type"]) : undefined,
    hasEmail: flag(params.get("email")),
    hasPhone: flag(params.get("phone")),
    field: text(params.get("field")),
    value: params.get("value") ?? undefined,
    sort: (CONTACT_SORT_FIELDS as readonly string[]).includes(sort ?? "")
      ? (sort as ContactSortField)
      : undefined,
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** The URL query of a state, with defaults left out so equal views have equal links. */
export function listQuery(state: ListState): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") params.set(key, value);
  };
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? "yes" : "no");
  set("q", state.q);
  set("org", state.organizationId);
  set("division", state.divisionId);
  set("type", state.type);
  set("email", yesNo(state.hasEmail));
  set("phone", yesNo(state.hasPhone));
  set("field", state.field);
  if (state.field) set("value", state.value);
  set("sort", state.sort);
  if (state.sort && state.dir === "desc") set("dir", "desc");
  return params.toString();
}

/** The tRPC list input of a state (without paging). */
export function listInput(state: ListState) {
  return {
    q: state.q,
    organizationId: state.organizationId,
    divisionId: state.divisionId,
    type: state.type,
    hasEmail: state.hasEmail,
    hasPhone: state.hasPhone,
    customField: state.field ? { name: state.field, value: state.value ?? "" } : undefined,
    sort: state.sort ? { field: state.sort, direction: state.dir } : undefined,
  };
}
