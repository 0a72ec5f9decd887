CREATE TABLE "cluster_scans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "cluster_scans_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"total_clusters" integer NOT NULL,
	"automatic_merge_successes" integer DEFAULT 0 NOT NULL,
	"automatic_merge_failures" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cluster_scans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"contact_ids" uuid[] NOT NULL,
	"division_ids" uuid[] NOT NULL,
	"graph" jsonb NOT NULL,
	"merge_status" text DEFAULT 'NotMerged' NOT NULL,
	"merge_error" jsonb,
	"merged_at" timestamp with time zone,
	"merged_contact_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clusters_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "graph_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"automatic_merging_enabled" boolean DEFAULT false NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cluster_scans_number_idx" ON "cluster_scans" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "clusters_scan_position_idx" ON "clusters" USING btree ("tenant_id","scan_id","position");