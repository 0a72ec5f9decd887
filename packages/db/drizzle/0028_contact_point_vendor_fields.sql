ALTER TABLE "contact_points" ADD COLUMN "vendor_type" text;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "usage_context" text;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_usage_context_check" CHECK ("contact_points"."usage_context" in ('ORGANIZATION', 'PERSONAL', 'PROFESSIONAL'));