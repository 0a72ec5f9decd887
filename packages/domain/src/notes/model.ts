import { z } from "zod";

export const NOTE_PARENTS = ["contact", "organization"] as const;
export type NoteParentType = (typeof NOTE_PARENTS)[number];
export interface NoteParent {
  type: NoteParentType;
  id: string;
}

export const noteInput = z.object({
  text: z.string().min(1, "a note needs text").max(32_000, "must be at most 32000 characters"),
  /** The author; defaults to the acting member. */
  createdById: z.string().trim().min(1).max(100).nullish(),
});
export type NoteInput = z.input<typeof noteInput>;

export interface Note {
  id: string;
  entityType: NoteParentType;
  entityId: string;
  text: string;
  createdById: string;
  createdByName: string | null;
  createdAt: Date;
  modifiedAt: Date;
}

export const noteListInput = z.object({
  pageSize: z.number().int().min(1).max(200).default(20),
  pageNumber: z.number().int().min(1).default(1),
  direction: z.enum(["asc", "desc"]).default("desc"),
});
export type NoteListInput = z.input<typeof noteListInput>;
