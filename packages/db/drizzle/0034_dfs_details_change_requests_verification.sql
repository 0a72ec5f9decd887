CREATE TABLE "change_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "change_requests_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"contact_id" uuid NOT NULL,
	"status" smallint DEFAULT 1 NOT NULL,
	"details" jsonb NOT NULL,
	"held" jsonb NOT NULL,
	"initiator_kind" text NOT NULL,
	"initiator_id" uuid NOT NULL,
	"initiator_name" text NOT NULL,
	"initiator_comment" text,
	"reviewer_id" uuid,
	"reviewer_name" text,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "change_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dfs_details" (
	"tenant_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"details" jsonb NOT NULL,
	"schema_version" integer NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dfs_details_tenant_id_owner_kind_owner_id_pk" PRIMARY KEY("tenant_id","owner_kind","owner_id")
);
--> statement-breakpoint
CREATE TABLE "dfs_schemas" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dfs_schemas_tenant_id_key_version_pk" PRIMARY KEY("tenant_id","key","version")
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "notification_outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pending_verifications" (
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"value" text NOT NULL,
	"key_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"requested_by_kind" text NOT NULL,
	"requested_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_verifications_tenant_id_contact_id_channel_pk" PRIMARY KEY("tenant_id","contact_id","channel")
);
--> statement-breakpoint
ALTER TABLE "change_sets" ADD COLUMN "reviewer_id" text;--> statement-breakpoint
ALTER TABLE "change_sets" ADD COLUMN "reviewer_name" text;--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_number_uq" ON "change_requests" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_one_pending_uq" ON "change_requests" USING btree ("tenant_id","contact_id") WHERE "change_requests"."status" = 1;--> statement-breakpoint
CREATE INDEX "change_requests_created_idx" ON "change_requests" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_outbox_created_idx" ON "notification_outbox" USING btree ("tenant_id","created_at");