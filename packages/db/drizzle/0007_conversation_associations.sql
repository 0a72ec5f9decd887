CREATE TABLE "conversation_associations" (
	"tenant_id" uuid NOT NULL,
	"conversation_id" text NOT NULL,
	"communication_id" text NOT NULL,
	"media_type" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_associations_tenant_id_conversation_id_pk" PRIMARY KEY("tenant_id","conversation_id")
);
--> statement-breakpoint
CREATE INDEX "conversation_associations_contact_idx" ON "conversation_associations" USING btree ("tenant_id","contact_id");