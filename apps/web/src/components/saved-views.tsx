"use client";

import Link from "next/link";
import { type FormEvent, useEffect, useState } from "react";

interface SavedView {
  name: string;
  query: string;
}

// A view is the list's URL query, so it is kept in this browser; sharing one is sharing its link.
const KEY = "switchboard.contactViews";

function readViews(): SavedView[] {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((v): v is SavedView => typeof v?.name === "string" && typeof v?.query === "string")
      : [];
  } catch {
    return [];
  }
}

/** Named links to list states (search, filters, sort): save the current one, open or delete saved ones. */
export function SavedViews({ query }: { query: string }) {
  const [views, setViews] = useState<SavedView[]>([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  useEffect(() => setViews(readViews()), []);

  const store = (next: SavedView[]) => {
    setViews(next);
    window.localStorage.setItem(KEY, JSON.stringify(next));
  };

  function save(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    // Saving under an existing name replaces that view.
    store([...views.filter((v) => v.name !== trimmed), { name: trimmed, query }]);
    setName("");
    setNaming(false);
  }

  return (
    <section aria-label="Saved views" className="flex flex-wrap items-center gap-2 text-sm">
      <h2 className="font-medium text-slate-700">Saved views:</h2>
      {views.length === 0 && <span className="text-slate-500">none yet</span>}
      <ul className="flex flex-wrap gap-2">
        {views.map((v) => (
          <li
            key={v.name}
            className={`flex items-center rounded-full border ${v.query === query ? "border-indigo-400 bg-indigo-50" : "border-slate-300 bg-white"}`}
          >
            <Link
              href={`/contacts${v.query ? `?${v.query}` : ""}`}
              aria-current={v.query === query ? "page" : undefined}
              className="rounded-l-full py-0.5 pr-1 pl-3 text-indigo-700 hover:underline"
            >
              {v.name}
            </Link>
            <button
              type="button"
              aria-label={`Delete view ${v.name}`}
              onClick={() => store(views.filter((x) => x.name !== v.name))}
              className="rounded-r-full px-2 py-0.5 text-slate-500 hover:text-red-700"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {naming ? (
        <form onSubmit={save} className="flex items-center gap-2">
          <label htmlFor="view-name" className="sr-only">
            View name
          </label>
          <input
            id="view-name"
            // biome-ignore lint/a11y/noAutofocus: the field opened by the user's own click
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setNaming(false)}
            maxLength={80}
            placeholder="View name"
            className="rounded-md border border-slate-300 px-2 py-1"
          />
          <button
            type="submit"
            className="rounded-md bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700"
          >
            Save
          </button>
          <button type="button" onClick={() => setNaming(false)} className="px-2 py-1 text-slate-600">
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setNaming(true)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-100"
        >
          Save view
        </button>
      )}
    </section>
  );
}
