CREATE TABLE "record_numbers" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "record_numbers_tenant_id_kind_pk" PRIMARY KEY("tenant_id","kind")
);
--> statement-breakpoint
-- Numbers are per tenant and kind (DFS int32 ids): the global identities of contacts and organizations are
-- replaced by a per-tenant counter, and existing records are renumbered 1, 2, ... per tenant in creation order.
ALTER TABLE "contacts" ALTER COLUMN "number" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "number" DROP IDENTITY;--> statement-breakpoint
DROP INDEX "contacts_number_idx";--> statement-breakpoint
DROP INDEX "organizations_number_idx";--> statement-breakpoint
-- A number change adds no search word: the statement trigger would re-read every contact's text for nothing.
ALTER TABLE "contacts" DISABLE TRIGGER "contacts_search_words_update";--> statement-breakpoint
ALTER TABLE "organizations" DISABLE TRIGGER "organizations_search_words_update";--> statement-breakpoint
UPDATE "contacts" SET "number" = "numbered"."n"
FROM (SELECT "tenant_id", "id", row_number() OVER (PARTITION BY "tenant_id" ORDER BY "created_at", "number") AS "n" FROM "contacts") AS "numbered"
WHERE "contacts"."tenant_id" = "numbered"."tenant_id" AND "contacts"."id" = "numbered"."id" AND "contacts"."number" <> "numbered"."n";--> statement-breakpoint
UPDATE "organizations" SET "number" = "numbered"."n"
FROM (SELECT "tenant_id", "id", row_number() OVER (PARTITION BY "tenant_id" ORDER BY "created_at", "number") AS "n" FROM "organizations") AS "numbered"
WHERE "organizations"."tenant_id" = "numbered"."tenant_id" AND "organizations"."id" = "numbered"."id" AND "organizations"."number" <> "numbered"."n";--> statement-breakpoint
ALTER TABLE "contacts" ENABLE TRIGGER "contacts_search_words_update";--> statement-breakpoint
ALTER TABLE "organizations" ENABLE TRIGGER "organizations_search_words_update";--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "number" SET DATA TYPE integer;--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "number" SET DATA TYPE integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "number" integer;--> statement-breakpoint
ALTER TABLE "api_clients" ADD COLUMN "number" integer;--> statement-breakpoint
UPDATE "members" SET "number" = "numbered"."n"
FROM (SELECT "tenant_id", "id", row_number() OVER (PARTITION BY "tenant_id" ORDER BY "created_at", "id") AS "n" FROM "members") AS "numbered"
WHERE "members"."tenant_id" = "numbered"."tenant_id" AND "members"."id" = "numbered"."id";--> statement-breakpoint
UPDATE "api_clients" SET "number" = "numbered"."n"
FROM (SELECT "tenant_id", "id", row_number() OVER (PARTITION BY "tenant_id" ORDER BY "created_at", "id") AS "n" FROM "api_clients") AS "numbered"
WHERE "api_clients"."tenant_id" = "numbered"."tenant_id" AND "api_clients"."id" = "numbered"."id";--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_clients" ALTER COLUMN "number" SET NOT NULL;--> statement-breakpoint
INSERT INTO "record_numbers" ("tenant_id", "kind", "last")
SELECT "tenant_id", 'contact', max("number") FROM "contacts" GROUP BY "tenant_id"
UNION ALL SELECT "tenant_id", 'organization', max("number") FROM "organizations" GROUP BY "tenant_id"
UNION ALL SELECT "tenant_id", 'member', max("number") FROM "members" GROUP BY "tenant_id"
UNION ALL SELECT "tenant_id", 'apiClient', max("number") FROM "api_clients" GROUP BY "tenant_id";--> statement-breakpoint
-- `count` numbers of a tenant and kind: returns the last of them (the first is last - count + 1). The counter
-- row stays locked until the transaction ends, so numbers are committed in the order they were given.
-- Past 2147483647 the update fails (integer out of range): numbers stay within int32.
CREATE FUNCTION "allocate_record_numbers"("p_tenant_id" uuid, "p_kind" text, "p_count" integer) RETURNS integer
LANGUAGE sql AS $$
  INSERT INTO "record_numbers" ("tenant_id", "kind", "last") VALUES ("p_tenant_id", "p_kind", "p_count")
  ON CONFLICT ("tenant_id", "kind") DO UPDATE SET "last" = "record_numbers"."last" + excluded."last"
  RETURNING "last"
$$;--> statement-breakpoint
-- Numbers rows inserted without one (single inserts, raw SQL, COPY). The domain's batch inserts allocate a range
-- and give numbers themselves. A row-by-row counter update would slow a large statement quadratically (the row
-- gets a new version per update), so numbers are taken in blocks that double (1, 2, 4, ... 1024) within a
-- transaction, the unused rest of a block kept in a transaction-local setting: a single insert takes exactly
-- one number; a numbers gap is left only by a transaction that inserted several rows this way.
CREATE FUNCTION "assign_record_number"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "kind" text := TG_ARGV[0];
  "setting" text := 'switchboard.numbers_' || TG_ARGV[0] || '_' || replace(NEW."tenant_id"::text, '-', '');
  "block" text := current_setting("setting", true);
  "next" bigint;
  "last" integer;
  "size" integer := 0;
BEGIN
  IF coalesce("block", '') <> '' THEN
    "next" := split_part("block", ',', 1)::bigint;
    "last" := split_part("block", ',', 2)::integer;
    "size" := split_part("block", ',', 3)::integer;
  END IF;
  IF "next" IS NULL OR "next" > "last" THEN
    "size" := least(greatest("size" * 2, 1), 1024);
    "last" := "allocate_record_numbers"(NEW."tenant_id", "kind", "size");
    "next" := "last" - "size" + 1;
  END IF;
  NEW."number" := "next";
  PERFORM set_config("setting", ("next" + 1) || ',' || "last" || ',' || "size", true);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "contacts_number" BEFORE INSERT ON "contacts" FOR EACH ROW WHEN (NEW."number" IS NULL)
  EXECUTE FUNCTION "assign_record_number"('contact');--> statement-breakpoint
CREATE TRIGGER "organizations_number" BEFORE INSERT ON "organizations" FOR EACH ROW WHEN (NEW."number" IS NULL)
  EXECUTE FUNCTION "assign_record_number"('organization');--> statement-breakpoint
CREATE TRIGGER "members_number" BEFORE INSERT ON "members" FOR EACH ROW WHEN (NEW."number" IS NULL)
  EXECUTE FUNCTION "assign_record_number"('member');--> statement-breakpoint
CREATE TRIGGER "api_clients_number" BEFORE INSERT ON "api_clients" FOR EACH ROW WHEN (NEW."number" IS NULL)
  EXECUTE FUNCTION "assign_record_number"('apiClient');--> statement-breakpoint
CREATE UNIQUE INDEX "api_clients_number_uq" ON "api_clients" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "members_number_uq" ON "members" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_number_uq" ON "contacts" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_number_uq" ON "organizations" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "external_ids_value_idx" ON "external_ids" USING btree ("tenant_id","value");
