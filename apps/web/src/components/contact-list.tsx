"use client";

import { keepPreviousData, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { type FormEvent, memo, useEffect, useMemo, useRef, useState } from "react";
import type { ContactListRow } from "~/server/trpc/routers/contacts";
import { useTRPC } from "~/trpc/react";
import { CONTACT_TYPES, type ListState, listInput, listQuery, parseListState } from "./contact-list-state";
import { SavedViews } from "./saved-views";
import { useScrollRacing } from "./use-scroll-racing";

/**
 * Rows per request: one request fills three screens, and a page is cached once fetched. Larger pages made
 * every sort or filter click wait for rows nobody sees yet.
 */
const PAGE_SIZE = 50;
const ROW_HEIGHT = 41;
/** How long a view may take to load before the rows it replaces are dimmed. */
const SLOW_LOAD_MS = 200;

type SortField = NonNullable<ListState["sort"]>;
const COLUMNS: { label: string; sort?: SortField; width: string }[] = [
  { label: "Name", sort: "lastName", width: "w-[21%]" },
  { label: "First name", sort: "firstName", width: "w-[12%]" },
  { label: "Title", sort: "title", width: "w-[12%]" },
  { label: "Email", width: "w-[20%]" },
  { label: "Phone", width: "w-[14%]" },
  { label: "Type", width: "w-[10%]" },
  { label: "Modified", width: "w-[11%]" },
];

const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const label = "block text-xs font-medium text-slate-600";

/**
 * The contact list: search, filters and sort kept in the URL (pushState, no server round trip), and a
 * virtualized table over the whole result: the scroll area is as tall as every match, only the visible rows
 * render, and the pages under them are fetched (and cached) on demand.
 */
export function ContactList() {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const state = useMemo(() => parseListState(new URLSearchParams(searchParams.toString())), [searchParams]);
  const query = listQuery(state);

  const queryClient = useQueryClient();
  /**
   * A page of a view's rows, without the count of all its matches (the count comes from `countOf`); with
   * `pageCount`, that many pages from `pageNumber` on, read together.
   */
  const pageOf = (view: ListState, pageNumber: number, knownTotal?: number, pageCount = 1) =>
    trpc.contacts.listRows.queryOptions({
      ...listInput(view),
      pageSize: PAGE_SIZE,
      pageNumber,
      withTotal: false,
      knownTotal,
      ...(pageCount > 1 ? { pageCount } : {}),
    });
  // The total does not depend on the order: counted once per search and filters, so a re-sort or a scroll
  // only reads a page (at 100k contacts the count is most of a list query).
  const countOf = (view: ListState) =>
    trpc.contacts.listRows.queryOptions({ ...listInput(view), sort: undefined, pageSize: 1, pageNumber: 1 });
  /** Loads a view the pointer or focus is on, so the click that follows finds its rows ready. */
  const prefetch = (...next: ListState[]) => {
    for (const view of next) {
      void queryClient.prefetchQuery(pageOf(view, 1));
      void queryClient.prefetchQuery(countOf(view));
    }
  };

  const scroller = useRef<HTMLElement>(null);
  /** The view whose scroll position was already reset, by `navigate`. */
  const scrolledTopFor = useRef<string | null>(null);
  const navigate = (next: ListState) => {
    // Ask for the new view's rows now, not after the re-render that the URL change starts (~20 ms later).
    void queryClient.prefetchQuery(pageOf(next, 1));
    const qs = listQuery(next);
    // A new view starts at its top. Scrolled here, before React changes the DOM, the scroll costs nothing;
    // in an effect after the render it forced a layout of the table in the middle of the click (~10 ms).
    if (scroller.current) scroller.current.scrollTop = 0;
    scrolledTopFor.current = qs;
    window.history.pushState(null, "", qs ? `?${qs}` : window.location.pathname);
  };

  // Keep the old rows and count on screen while a new sort or filter loads, instead of flashing an empty table.
  const first = useQuery({ ...pageOf(state, 1), placeholderData: keepPreviousData });
  // Counted once the rows are in: run together, the count (a scan of every match) slowed the page down.
  const rowsIn = first.data !== undefined && !first.isPlaceholderData;
  const counted = useQuery({ ...countOf(state), placeholderData: keepPreviousData, enabled: rowsIn });
  // The rows show as soon as their page is in; the count of all matches may come a moment later. Until it
  // does, a first page that is not full is the whole result, and a full one keeps the previous height.
  const firstRows = first.isPlaceholderData ? undefined : first.data?.entities.length;
  const counting = counted.data === undefined || counted.isPlaceholderData;
  const exactFromPage = counting && firstRows !== undefined && firstRows < PAGE_SIZE;
  const totalKnown = !counting || exactFromPage;
  const total = exactFromPage ? (firstRows ?? 0) : Math.max(counted.data?.total ?? 0, firstRows ?? 0);
  /** Pages of this view from `n`; past the middle they carry the count, so the server reads from the end. */
  const viewPage = (n: number, pageCount = 1) =>
    pageOf(state, n, !counting && (n - 1) * PAGE_SIZE * 2 > total ? total : undefined, pageCount);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // A view reached another way (a saved view, back and forward) starts at its top too.
  useEffect(() => {
    if (scrolledTopFor.current !== query && scroller.current) scroller.current.scrollTop = 0;
    scrolledTopFor.current = null;
  }, [query]);

  const items = virtualizer.getVirtualItems();
  const pageAt = (index: number) => Math.floor(index / PAGE_SIZE) + 1;
  // The pages under the visible rows, plus the next one when the end of a page is near: read ahead only once
  // the rows on screen are in, so a new view or a long jump asks for what it shows first and nothing else.
  const onScreen = [...new Set(items.map((i) => pageAt(i.index)))];
  // The pages on screen the cache holds, observed (not fetched here), so a page arriving renders again.
  const held = useQueries({ queries: onScreen.map((n) => ({ ...viewPage(n), enabled: false })) });
  const missing = onScreen.filter((n, i) => n > 1 && held[i]?.data === undefined);
  const shown = rowsIn && missing.length === 0;
  // Pages a scroll races past are not read; those where it comes to rest are.
  const racing = useScrollRacing(scroller);
  // Several pages on screen and none of them in (a jump deep into the list) are read in one request: read
  // apart, each would walk the sort index from the start to its own offset.
  const span =
    !racing && missing.length > 1
      ? Array.from({ length: Math.min(4, missing.at(-1)! - missing[0]! + 1) }, (_, i) => missing[0]! + i)
      : [];
  // Without a span the query is off, on a key no page uses (two pages from the first).
  const spanned = useQuery({ ...viewPage(span[0] ?? 1, Math.max(span.length, 2)), enabled: span.length > 1 });
  const spanRows = (data: NonNullable<typeof spanned.data>, i: number) =>
    data.entities.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE);
  // Once in, a span's rows are cached as the pages they are, as if each page had been read alone.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per span read, by design
  useEffect(() => {
    const data = spanned.data;
    if (!data) return;
    for (let i = 0; i * PAGE_SIZE < data.entities.length; i++) {
      const pageNumber = data.pageNumber + i;
      queryClient.setQueryData(viewPage(pageNumber).queryKey, {
        ...data,
        pageNumber,
        entities: spanRows(data, i),
      });
    }
  }, [spanned.data]);
  const next = pageAt(Math.min(Math.max(total - 1, 0), (items.at(-1)?.index ?? 0) + PAGE_SIZE / 2));
  const pageNumbers = [...new Set([...onScreen, ...(shown ? [next] : [])])].filter(
    (n) => n > 1 && !span.includes(n) && !racing,
  );
  useQueries({ queries: pageNumbers.map((n) => viewPage(n)) });
  // The rows on screen: the first page (the previous view's while a new one loads), then what the cache holds.
  const loaded = new Map<number, ContactListRow[]>();
  if (first.data) loaded.set(1, first.data.entities);
  const spanData = spanned.data;
  if (spanData) for (const [i, n] of span.entries()) loaded.set(n, spanRows(spanData, i));
  for (const [i, n] of onScreen.entries()) {
    const data = held[i]?.data;
    if (n > 1 && data) loaded.set(n, data.entities);
  }
  const rowAt = (index: number) => loaded.get(pageAt(index))?.[index % PAGE_SIZE];

  // The previous view's rows, while a new sort or filter loads, are dimmed once the load is slow enough to
  // notice. A quick one changes nothing on screen: a CSS transition with a delay cost each click ~5-20 ms.
  const slowLoad = useHeldFor(first.isPlaceholderData, SLOW_LOAD_MS);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    navigate({ ...state, q: text("q"), field: text("field"), value: text("value") });
  }

  const sorted = (field: SortField): ListState => {
    const active = (state.sort ?? "lastName") === field;
    return { ...state, sort: field, dir: active && state.dir === "asc" ? "desc" : "asc" };
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3" aria-label="Search and filter contacts">
        <search className="flex gap-2">
          <label htmlFor="q" className="sr-only">
            Search contacts
          </label>
          <input
            key={`q-${state.q ?? ""}`}
            id="q"
            name="q"
            type="search"
            defaultValue={state.q}
            placeholder="Name, email or phone"
            className="w-full max-w-md rounded-md border border-slate-300 px-3 py-2"
          />
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
          >
            Search
          </button>
        </search>
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">Filters</legend>
          <OrganizationFilter
            value={state.organizationId}
            onChange={(organizationId) => navigate({ ...state, organizationId })}
          />
          <DivisionFilter
            value={state.divisionId}
            onChange={(divisionId) => navigate({ ...state, divisionId })}
          />
          <div>
            <label htmlFor="filter-type" className={label}>
              Type
            </label>
            <select
              id="filter-type"
              className={input}
              onPointerEnter={() => prefetch(...CONTACT_TYPES.map((type) => ({ ...state, type })))}
              onFocus={() => prefetch(...CONTACT_TYPES.map((type) => ({ ...state, type })))}
              value={state.type ?? ""}
              onChange={(e) =>
                navigate({ ...state, type: (e.target.value || undefined) as ListState["type"] })
              }
            >
              <option value="">Any</option>
              {CONTACT_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </div>
          <PresenceFilter
            id="filter-email"
            label="Email"
            value={state.hasEmail}
            onChange={(hasEmail) => navigate({ ...state, hasEmail })}
            onIntent={() => prefetch({ ...state, hasEmail: true }, { ...state, hasEmail: false })}
          />
          <PresenceFilter
            id="filter-phone"
            label="Phone"
            value={state.hasPhone}
            onChange={(hasPhone) => navigate({ ...state, hasPhone })}
            onIntent={() => prefetch({ ...state, hasPhone: true }, { ...state, hasPhone: false })}
          />
          <CustomFieldFilter key={`cf-${state.field ?? ""}-${state.value ?? ""}`} state={state} />
          {query && query !== listQuery({ dir: "asc", q: state.q }) && (
            <button
              type="button"
              onClick={() => navigate({ dir: "asc", q: state.q })}
              className="px-2 py-1.5 text-sm text-indigo-700 underline-offset-2 hover:underline"
            >
              Clear filters
            </button>
          )}
        </fieldset>
      </form>

      <SavedViews query={query} />

      <p className="text-sm text-slate-600" aria-live="polite">
        {first.isError
          ? `Could not load contacts: ${first.error.message}`
          : first.data && totalKnown
            ? `${total.toLocaleString("en")} ${total === 1 ? "contact" : "contacts"}${state.q ? ` matching “${state.q}”` : ""}`
            : first.data
              ? "Counting contacts…"
              : "Loading contacts…"}
      </p>

      <section
        ref={scroller}
        // Keyboard users scroll the table with the arrow and page keys once it has focus.
        aria-label="Contacts table"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
        tabIndex={0}
        data-testid="contact-table"
        data-view={rowsIn ? query || "(all)" : "loading"}
        aria-busy={!shown}
        className="max-h-[65vh] overflow-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <table className="w-full table-fixed text-left text-sm" aria-rowcount={total + 1}>
          <thead className="sticky top-0 z-10 bg-slate-50 text-slate-600 shadow-[0_1px_0_theme(colors.slate.200)]">
            <tr aria-rowindex={1}>
              {COLUMNS.map((col) => {
                const active = col.sort && (state.sort ?? "lastName") === col.sort;
                const ariaSort = active ? (state.dir === "desc" ? "descending" : "ascending") : undefined;
                return (
                  <th
                    key={col.label}
                    scope="col"
                    aria-sort={ariaSort}
                    className={`${col.width} px-3 py-2 font-medium`}
                  >
                    {col.sort ? (
                      <button
                        type="button"
                        onClick={() => navigate(sorted(col.sort!))}
                        onPointerEnter={() => prefetch(sorted(col.sort!))}
                        onFocus={() => prefetch(sorted(col.sort!))}
                        className="inline-flex items-center gap-1 rounded font-medium hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                      >
                        {col.label}
                        <span aria-hidden="true" className="text-xs">
                          {active ? (state.dir === "desc" ? "▼" : "▲") : "↕"}
                        </span>
                      </button>
                    ) : (
                      col.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className={`divide-y divide-slate-100 ${slowLoad ? "opacity-50" : ""}`}>
            {paddingTop > 0 && (
              <tr style={{ height: paddingTop }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
            {items.map((item) => (
              <ContactRow key={item.key} index={item.index} contact={rowAt(item.index)} />
            ))}
            {paddingBottom > 0 && (
              <tr style={{ height: paddingBottom }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
            {rowsIn && total === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="px-4 py-8 text-center text-slate-500">
                  No contacts found.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}

const cell = "truncate px-3 py-2";

/**
 * One table row. Memoized: a click re-renders the list several times before its new rows arrive (the URL,
 * the placeholder, the queries), and a row whose contact object is unchanged is then skipped; the query
 * cache keeps an unchanged row's object, so only rows that changed render again.
 */
const ContactRow = memo(function ContactRow({
  index,
  contact: c,
}: {
  index: number;
  contact: ContactListRow | undefined;
}) {
  return (
    <tr aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }} className="hover:bg-slate-50">
      {c ? <ContactCells contact={c} /> : <LoadingCells />}
    </tr>
  );
});

function ContactCells({ contact: c }: { contact: ContactListRow }) {
  return (
    <>
      <td className={cell}>
        {/* Not prefetched: every row scrolled into view would render a contact page on the server, and
            those requests queue before the list's own. */}
        <Link
          href={`/contacts/${c.id}`}
          prefetch={false}
          className="font-medium text-indigo-700 hover:underline"
        >
          {c.name}
        </Link>
      </td>
      <td className={cell}>{c.firstName}</td>
      <td className={cell}>{c.title}</td>
      <td className={cell}>{c.email}</td>
      <td className={cell}>{c.phone}</td>
      <td className={`${cell} text-slate-600`}>{c.type}</td>
      <td className={`${cell} text-slate-600`}>
        <time dateTime={c.modifiedAt}>{c.modifiedAt.slice(0, 10)}</time>
      </td>
    </>
  );
}

function LoadingCells() {
  return (
    <td colSpan={COLUMNS.length} className="px-3 py-2 text-slate-400">
      Loading…
    </td>
  );
}

/** Whether `on` has held for `ms` without a break. */
function useHeldFor(on: boolean, ms: number): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    setHeld(false);
    if (!on) return;
    const timer = setTimeout(() => setHeld(true), ms);
    return () => clearTimeout(timer);
  }, [on, ms]);
  return held;
}

function PresenceFilter({
  id,
  label: text,
  value,
  onChange,
  onIntent,
}: {
  id: string;
  label: string;
  value: boolean | undefined;
  onChange: (value: boolean | undefined) => void;
  onIntent: () => void;
}) {
  return (
    <div>
      <label htmlFor={id} className={label}>
        {text}
      </label>
      <select
        id={id}
        className={input}
        value={value === undefined ? "" : value ? "yes" : "no"}
        onPointerEnter={onIntent}
        onFocus={onIntent}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "yes")}
      >
        <option value="">Any</option>
        <option value="yes">Has {text.toLowerCase()}</option>
        <option value="no">No {text.toLowerCase()}</option>
      </select>
    </div>
  );
}

function OrganizationFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const trpc = useTRPC();
  const list = useQuery(trpc.organizations.list.queryOptions({ pageSize: 200 }, { staleTime: 300_000 }));
  const options = list.data?.entities ?? [];
  // A linked view may name an organization beyond the first 200: show it by name all the same.
  const missing = value !== undefined && list.data !== undefined && !options.some((o) => o.id === value);
  const chosen = useQuery(trpc.organizations.get.queryOptions({ id: value ?? "" }, { enabled: missing }));
  return (
    <div>
      <label htmlFor="filter-organization" className={label}>
        Organization
      </label>
      <select
        id="filter-organization"
        className={`${input} max-w-48`}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">Any</option>
        {missing && <option value={value}>{chosen.data?.name ?? "…"}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function DivisionFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const trpc = useTRPC();
  const divisions = useQuery(trpc.contacts.divisions.queryOptions(undefined, { staleTime: 300_000 }));
  return (
    <div>
      <label htmlFor="filter-division" className={label}>
        Division
      </label>
      <select
        id="filter-division"
        className={`${input} max-w-40`}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">Any</option>
        {divisions.data?.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A custom field's name (suggested from the contact schemas) and the value it must hold; applied on submit. */
function CustomFieldFilter({ state }: { state: ListState }) {
  const trpc = useTRPC();
  // Members without the custom-fields permission still filter by a typed field name.
  const schemas = useQuery({
    ...trpc.schemas.list.queryOptions({ target: "contact" }, { staleTime: 300_000 }),
    retry: false,
  });
  const names = [
    ...new Set(
      (schemas.data ?? []).flatMap((s) =>
        Object.keys((s.jsonSchema as { properties?: Record<string, unknown> }).properties ?? {}),
      ),
    ),
  ].sort();
  return (
    <>
      <div>
        <label htmlFor="filter-field" className={label}>
          Custom field
        </label>
        <input
          id="filter-field"
          name="field"
          list="custom-field-names"
          defaultValue={state.field}
          className={`${input} w-36`}
        />
        <datalist id="custom-field-names">
          {names.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="filter-value" className={label}>
          equals
        </label>
        <input id="filter-value" name="value" defaultValue={state.value} className={`${input} w-32`} />
      </div>
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
      >
        Apply
      </button>
    </>
  );
}
