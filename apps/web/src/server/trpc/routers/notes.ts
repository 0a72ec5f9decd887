import { addNote, deleteNote, listNotes, NOTE_PARENTS, updateNote } from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

const parent = z.object({ type: z.enum(NOTE_PARENTS), id: z.string() });

export const notesRouter = createTRPCRouter({
  list: protectedProcedure
    .input(
      z.object({
        parent,
        pageSize: z.number().int().min(1).max(200).default(50),
        pageNumber: z.number().int().min(1).default(1),
      }),
    )
    .query(({ ctx, input }) => listNotes(ctx.domain, input.parent, input)),
  add: protectedProcedure
    .input(z.object({ parent, text: z.string() }))
    .mutation(({ ctx, input }) => addNote(ctx.domain, input.parent, { text: input.text })),
  update: protectedProcedure
    .input(z.object({ parent, id: z.string(), text: z.string() }))
    .mutation(({ ctx, input }) => updateNote(ctx.domain, input.parent, input.id, { text: input.text })),
  delete: protectedProcedure
    .input(z.object({ parent, id: z.string() }))
    .mutation(({ ctx, input }) => deleteNote(ctx.domain, input.parent, input.id)),
});
