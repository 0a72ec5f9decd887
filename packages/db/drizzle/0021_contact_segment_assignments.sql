CREATE TABLE "contact_segment_assignments" (
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"segment_id" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contact_segment_assignments_tenant_id_contact_id_segment_id_pk" PRIMARY KEY("tenant_id","contact_id","segment_id")
);
--> statement-breakpoint
CREATE INDEX "contact_segment_assignments_contact_idx" ON "contact_segment_assignments" USING btree ("tenant_id","contact_id","assigned_at");