"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "~/trpc/react";

export type PickedOrganization = { id: string; name: string } | null;

/**
 * The organization a contact works for: search by name (the same search as the organizations list) and
 * choose one of the matches, or remove it. Every control is a button or a labelled input, so it works by keyboard.
 */
export function OrganizationPicker({
  value,
  onChange,
  error,
}: {
  value: PickedOrganization;
  onChange: (next: PickedOrganization) => void;
  error?: string;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [searching, setSearching] = useState(false);
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 200);
    return () => clearTimeout(timer);
  }, [q]);
  const matches = useQuery({
    ...trpc.organizations.list.queryOptions({ q: debounced, pageSize: 8 }),
    enabled: searching && debounced.length >= 2,
  });
  const describedBy = error ? `${id}-error` : undefined;

  return (
    <div className="sm:col-span-2">
      <span id={`${id}-label`} className="block text-sm font-medium">
        Organization
      </span>
      {value && !searching ? (
        <div className="mt-1 flex items-center gap-3 text-sm">
          <span className="font-medium" data-testid="picked-organization">
            {value.name}
          </span>
          <button type="button" className="underline" onClick={() => setSearching(true)}>
            Change organization
          </button>
          <button type="button" className="text-red-700 underline" onClick={() => onChange(null)}>
            Remove organization
          </button>
        </div>
      ) : (
        <div className="mt-1 space-y-1">
          <input
            id={`${id}-search`}
            type="search"
            value={q}
            placeholder="Search organizations by name"
            onFocus={() => setSearching(true)}
            onChange={(e) => {
              setSearching(true);
              setQ(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") setSearching(false);
            }}
            aria-labelledby={`${id}-label`}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-500"
          />
          {searching && debounced.length >= 2 && (
            <ul aria-label="Matching organizations" className="rounded-md ring-1 ring-slate-200">
              {matches.data?.entities.map((o) => (
                <li key={o.id}>
                  <button
                    type="button"
                    className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus:bg-slate-100"
                    onClick={() => {
                      onChange({ id: o.id, name: o.name });
                      setSearching(false);
                      setQ("");
                    }}
                  >
                    {o.name}
                  </button>
                </li>
              ))}
              {matches.data?.entities.length === 0 && (
                <li className="px-3 py-1.5 text-sm text-slate-500">No organization matches.</li>
              )}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p id={describedBy} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
