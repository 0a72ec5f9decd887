CREATE TABLE "contact_configurations" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placeholder_customers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"customer_id" text NOT NULL,
	"name" text NOT NULL,
	"is_active" boolean NOT NULL,
	"customer_since" date NOT NULL,
	"requires_formal_invoice" boolean NOT NULL,
	"track_revenue" boolean NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placeholder_customers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "profile_roles" ADD COLUMN "account_number" integer;--> statement-breakpoint
CREATE INDEX "placeholder_customers_order_idx" ON "placeholder_customers" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "placeholder_customers_customer_id_uq" ON "placeholder_customers" USING btree ("tenant_id","customer_id") WHERE "placeholder_customers"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "placeholder_customers_external_id_uq" ON "placeholder_customers" USING btree ("tenant_id","external_id") WHERE "placeholder_customers"."deleted_at" is null and "placeholder_customers"."external_id" is not null;--> statement-breakpoint
-- Debtor and creditor account numbers (enfore `debtor_account_id`, `creditor_account_id`) come from two more
-- number sequences per tenant, made with the tenant as the record-number sequences are (migration 0030).
CREATE OR REPLACE FUNCTION "create_record_number_sequences"("p_tenant_id" uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  "kind" text;
BEGIN
  FOREACH "kind" IN ARRAY ARRAY['contact', 'organization', 'member', 'apiClient', 'debtorAccount', 'creditorAccount'] LOOP
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I AS integer', "record_number_sequence"("p_tenant_id", "kind"));
  END LOOP;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "tenant_record_number_sequences"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "kind" text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "create_record_number_sequences"(NEW."id");
    RETURN NEW;
  END IF;
  FOREACH "kind" IN ARRAY ARRAY['contact', 'organization', 'member', 'apiClient', 'debtorAccount', 'creditorAccount'] LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I', "record_number_sequence"(OLD."id", "kind"));
  END LOOP;
  RETURN OLD;
END
$$;--> statement-breakpoint
SELECT "create_record_number_sequences"("id") FROM "tenants";--> statement-breakpoint
-- Roles held before this migration get their account numbers: one debtor account per owner for its customer
-- and alternative-payer roles, one creditor account per supplier.
WITH "owners" AS (
  SELECT DISTINCT "tenant_id", "owner_kind", "owner_id" FROM "profile_roles" WHERE "kind" IN ('customer', 'alternativePayer')
), "numbered" AS (
  SELECT "owners".*, nextval("record_number_sequence"("tenant_id", 'debtorAccount')::regclass) AS "n" FROM "owners"
)
UPDATE "profile_roles" "r" SET "account_number" = "numbered"."n" FROM "numbered"
WHERE "r"."tenant_id" = "numbered"."tenant_id" AND "r"."owner_kind" = "numbered"."owner_kind"
  AND "r"."owner_id" = "numbered"."owner_id" AND "r"."kind" IN ('customer', 'alternativePayer');--> statement-breakpoint
UPDATE "profile_roles" SET "account_number" = nextval("record_number_sequence"("tenant_id", 'creditorAccount')::regclass)
WHERE "kind" = 'supplier';
