import {
  createCsvImportJob,
  createCsvSettings,
  createImportSettings,
  createUpload,
  csvMappingInput,
  defaultFileStorage,
  getImportJob,
  getUploadDetails,
  IMPORT_JOB_ACTIONS,
  inTransaction,
  listDivisions,
  listImportJobs,
  MATCHING_CRITERIA,
  previewUpload,
  updateImportJobStatus,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Where the browser sends the file's bytes: the Genesys upload URL, authorized by the upload token alone. */
const uploadUrl = (uploadId: string) => `/api/v2/externalcontacts/import/csv/uploads/${uploadId}/file`;

/** The CSV import wizard: upload, map columns, preview, run, follow the job. */
export const importsRouter = createTRPCRouter({
  createUpload: protectedProcedure
    .input(z.object({ fileName: z.string().max(255), fileSize: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const upload = await createUpload(ctx.domain, input);
      return { ...upload, uploadUrl: uploadUrl(upload.uploadId) };
    }),
  upload: protectedProcedure
    .input(z.object({ uploadId: z.string() }))
    .query(({ ctx, input }) => getUploadDetails(ctx.domain, input.uploadId)),
  /** The first rows as they would be imported with `mappings` (the suggested ones when absent). */
  preview: protectedProcedure
    .input(
      z.object({
        uploadId: z.string(),
        mappings: z.array(csvMappingInput).max(500).optional(),
        rows: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(({ ctx, input }) =>
      previewUpload(ctx.domain, input.uploadId, defaultFileStorage(), {
        mappings: input.mappings,
        rows: input.rows,
      }),
    ),
  divisions: protectedProcedure.query(({ ctx }) => listDivisions(ctx.domain)),
  /**
   * Runs the import: the settings the wizard chose (matching, mappings) are saved as Genesys import settings
   * and CSV settings, and the job is queued, all in one transaction, so a refused job leaves no settings.
   */
  start: protectedProcedure
    .input(
      z.object({
        uploadId: z.uuid(),
        fileName: z.string().max(200),
        mappings: z.array(csvMappingInput).min(1, "map at least one column").max(500),
        matchingCriteria: z.array(z.enum(MATCHING_CRITERIA)).max(2),
        divisionId: z.uuid().nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      inTransaction(ctx.domain, async (tx) => {
        const settings = await createImportSettings(tx, {
          name: `Web import of ${input.fileName || input.uploadId}`,
          matchingCriteria: input.matchingCriteria,
        });
        const csv = await createCsvSettings(tx, {
          externalSettingsId: settings.id,
          mappings: input.mappings,
        });
        return createCsvImportJob(tx, {
          uploadId: input.uploadId,
          settingsId: csv.id,
          divisionId: input.divisionId,
        });
      }),
    ),
  /** The newest import jobs first. */
  recent: protectedProcedure.query(({ ctx }) =>
    listImportJobs(ctx.domain, { pageSize: 10, sortOrder: "Descending" }),
  ),
  job: protectedProcedure
    .input(z.object({ id: z.string() }))
    .query(({ ctx, input }) => getImportJob(ctx.domain, input.id)),
  act: protectedProcedure
    .input(z.object({ id: z.string(), action: z.enum(IMPORT_JOB_ACTIONS) }))
    .mutation(
      async ({ ctx, input }) => (await updateImportJobStatus(ctx.domain, input.id, input.action)).job,
    ),
});
