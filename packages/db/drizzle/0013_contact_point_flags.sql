ALTER TABLE "contacts" ADD COLUMN "has_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "has_phone" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing contacts get their flags from the contact points they have.
UPDATE "contacts" c SET
  "has_email" = EXISTS (SELECT 1 FROM "contact_points" p WHERE p."tenant_id" = c."tenant_id" AND p."owner_kind" = 'contact' AND p."owner_id" = c."id" AND p."kind" = 'email'),
  "has_phone" = EXISTS (SELECT 1 FROM "contact_points" p WHERE p."tenant_id" = c."tenant_id" AND p."owner_kind" = 'contact' AND p."owner_id" = c."id" AND p."kind" = 'phone');
