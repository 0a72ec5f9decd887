CREATE TABLE "data_schema_versions" (
	"tenant_id" uuid NOT NULL,
	"schema_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean NOT NULL,
	"json_schema" jsonb NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_schema_versions_tenant_id_schema_id_version_pk" PRIMARY KEY("tenant_id","schema_id","version")
);
--> statement-breakpoint
CREATE TABLE "data_schemas" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"applies_to" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "data_schemas_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
