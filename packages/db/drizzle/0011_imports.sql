CREATE TABLE "csv_settings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "csv_settings_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"external_settings_id" uuid,
	"mappings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csv_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "csv_uploads" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text,
	"declared_size" bigint NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"file_id" uuid,
	"uploaded_at" timestamp with time zone,
	"delimiter" text,
	"encoding" text,
	"separator_valid" boolean,
	"encoding_valid" boolean,
	"headers" jsonb,
	"row_count" integer,
	"line_errors" jsonb,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csv_uploads_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "import_jobs_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"settings_id" uuid,
	"csv_settings_id" uuid,
	"upload_id" uuid,
	"division_id" uuid NOT NULL,
	"status" text DEFAULT 'Created' NOT NULL,
	"status_details" text,
	"execution_step" text,
	"plan" jsonb,
	"file_name" text,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"succeeded_rows" integer DEFAULT 0 NOT NULL,
	"failed_rows" integer DEFAULT 0 NOT NULL,
	"created_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"last_committed_row" integer DEFAULT 0 NOT NULL,
	"error_file_id" uuid,
	"lease_owner" text,
	"lease_seen_at" timestamp with time zone,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "import_jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_row_errors" (
	"tenant_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"field" text NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "import_row_errors_tenant_id_job_id_row_number_position_pk" PRIMARY KEY("tenant_id","job_id","row_number","position")
);
--> statement-breakpoint
CREATE TABLE "import_settings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "import_settings_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"matching_criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"merge_contacts" boolean DEFAULT false NOT NULL,
	"external_source_id" uuid,
	"import_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "csv_settings_number_idx" ON "csv_settings" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "import_jobs_number_idx" ON "import_jobs" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "import_jobs_status_idx" ON "import_jobs" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "import_settings_number_idx" ON "import_settings" USING btree ("tenant_id","number");