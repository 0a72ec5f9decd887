ALTER TABLE "import_jobs" ADD COLUMN "dry_run_succeeded_rows" integer;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "dry_run_failed_rows" integer;