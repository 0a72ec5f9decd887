CREATE TABLE "organization_identifiers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"division_id" uuid NOT NULL,
	"source_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_identifiers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "organization_identifiers_value_uq" ON "organization_identifiers" USING btree ("tenant_id","type","value");--> statement-breakpoint
CREATE INDEX "organization_identifiers_organization_idx" ON "organization_identifiers" USING btree ("tenant_id","organization_id");