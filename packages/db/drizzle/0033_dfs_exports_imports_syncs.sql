CREATE TABLE "dfs_export_jobs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'Running' NOT NULL,
	"filter" jsonb,
	"file_id" uuid,
	"row_count" integer,
	"error" text,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "dfs_export_jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dfs_import_files" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_length" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"entry_count" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sync_id" uuid,
	"removed_at" timestamp with time zone,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	CONSTRAINT "dfs_import_files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dfs_sync_failures" (
	"tenant_id" uuid NOT NULL,
	"sync_id" uuid NOT NULL,
	"file_index" integer NOT NULL,
	"entry_index" integer NOT NULL,
	"external_id" text NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "dfs_sync_failures_tenant_id_sync_id_file_index_entry_index_pk" PRIMARY KEY("tenant_id","sync_id","file_index","entry_index")
);
--> statement-breakpoint
CREATE TABLE "dfs_syncs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'InProgress' NOT NULL,
	"error_message" text,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"file_index" integer DEFAULT 0 NOT NULL,
	"entry_index" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_seen_at" timestamp with time zone,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "dfs_syncs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "dfs_import_files_waiting_idx" ON "dfs_import_files" USING btree ("tenant_id","kind","sync_id","uploaded_at");