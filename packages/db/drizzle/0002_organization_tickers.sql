ALTER TABLE "organizations" ADD COLUMN "tickers" jsonb;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "external_system_url" text;