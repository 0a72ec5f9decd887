ALTER TABLE "roles" ADD COLUMN "division_ids" uuid[];--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "trustor_org_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "trustor_linked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "trustor_linked_by" text;--> statement-breakpoint
CREATE INDEX "contacts_canonical_idx" ON "contacts" USING btree ("tenant_id","canonical_contact_id") WHERE "contacts"."canonical_contact_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_trustor_uq" ON "organizations" USING btree ("tenant_id","trustor_org_id") WHERE "organizations"."trustor_org_id" is not null and "organizations"."deleted_at" is null;