CREATE TABLE "external_ids" (
	"tenant_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"value" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "external_ids_tenant_id_source_id_value_pk" PRIMARY KEY("tenant_id","source_id","value")
);
--> statement-breakpoint
CREATE TABLE "external_sources" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "external_sources_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"uri_template" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_sources_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "external_ids_entity_idx" ON "external_ids" USING btree ("tenant_id","entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "external_sources_name_uq" ON "external_sources" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "external_sources_number_idx" ON "external_sources" USING btree ("tenant_id","number");