ALTER TABLE "csv_uploads" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "csv_uploads_kept_idx" ON "csv_uploads" USING btree ("tenant_id","expires_at") WHERE "csv_uploads"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "import_jobs_upload_idx" ON "import_jobs" USING btree ("tenant_id","upload_id");