-- A member's email is unique per tenant (the same person may belong to several tenants), compared lowercased.
-- Existing emails were unique across all tenants, so they stay unique per tenant; any not yet stored lowercased
-- (the app always lowercases) are lowercased first.
DROP INDEX "members_email_uq";--> statement-breakpoint
UPDATE "members" SET "email" = lower(trim("email")) WHERE "email" <> lower(trim("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "members_tenant_email_uq" ON "members" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "members_email_idx" ON "members" USING btree (lower("email"));
