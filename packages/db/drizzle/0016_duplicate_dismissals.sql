CREATE TABLE "duplicate_dismissals" (
	"tenant_id" uuid NOT NULL,
	"contact_a" uuid NOT NULL,
	"contact_b" uuid NOT NULL,
	"dismissed_by_kind" text NOT NULL,
	"dismissed_by_id" text NOT NULL,
	"dismissed_by_name" text,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duplicate_dismissals_tenant_id_contact_a_contact_b_pk" PRIMARY KEY("tenant_id","contact_a","contact_b"),
	CONSTRAINT "duplicate_dismissals_ordered" CHECK ("duplicate_dismissals"."contact_a" < "duplicate_dismissals"."contact_b")
);
--> statement-breakpoint
CREATE INDEX "duplicate_dismissals_at_idx" ON "duplicate_dismissals" USING btree ("tenant_id","dismissed_at");