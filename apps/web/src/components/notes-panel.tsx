"use client";

import type { NoteParentType } from "@switchboard/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";

/** Notes of a contact or organization: newest first, add, edit in place, delete. */
export function NotesPanel({ parent }: { parent: { type: NoteParentType; id: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notes = useQuery(trpc.notes.list.queryOptions({ parent }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notes.list.queryKey({ parent }) });
  const add = useMutation(trpc.notes.add.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.notes.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.notes.delete.mutationOptions({ onSuccess: refresh }));
  const [text, setText] = useState("");
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await add.mutateAsync({ parent, text });
      setText("");
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not add the note");
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-2">
        <label htmlFor="new-note" className="block text-sm font-medium">
          Add a note
        </label>
        <textarea
          id="new-note"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          maxLength={32000}
          className="block w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {error && (
          <p className="text-sm text-red-700" role="status">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={add.isPending || text.trim() === ""}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          Add note
        </button>
      </form>
      <ul className="space-y-3" aria-label="Notes">
        {notes.data?.entities.map((note) => (
          <li key={note.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            {editing?.id === note.id ? (
              <div className="space-y-2">
                <label htmlFor={`edit-${note.id}`} className="sr-only">
                  Edit note
                </label>
                <textarea
                  id={`edit-${note.id}`}
                  value={editing.text}
                  onChange={(e) => setEditing({ id: note.id, text: e.target.value })}
                  rows={3}
                  className="block w-full rounded-md border border-slate-300 px-3 py-2"
                />
                <div className="flex gap-2 text-sm">
                  <button
                    type="button"
                    onClick={async () => {
                      await update.mutateAsync({ parent, id: note.id, text: editing.text });
                      setEditing(null);
                    }}
                    className="rounded-md bg-indigo-600 px-3 py-1 text-white"
                  >
                    Save note
                  </button>
                  <button
                    type="button"
                    onClick={() => setEditing(null)}
                    className="rounded-md border border-slate-300 px-3 py-1"
                  >
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <>
                <p className="whitespace-pre-wrap">{note.text}</p>
                <p className="mt-2 flex gap-3 text-xs text-slate-500">
                  <span>
                    {note.createdByName ?? note.createdById} ·{" "}
                    {note.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                  </span>
                  <button
                    type="button"
                    onClick={() => setEditing({ id: note.id, text: note.text })}
                    className="underline"
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => remove.mutate({ parent, id: note.id })}
                    className="text-red-700 underline"
                  >
                    Delete
                  </button>
                </p>
              </>
            )}
          </li>
        ))}
        {notes.data?.entities.length === 0 && <li className="text-sm text-slate-500">No notes yet.</li>}
      </ul>
    </div>
  );
}
