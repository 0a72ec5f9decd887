-- Record numbers come from one sequence per tenant and kind instead of a counter row. A counter row bumped in the
-- inserting transaction stayed locked until that transaction ended, so every create of a kind in a tenant waited
-- for the one before it to commit (web creates behind a whole import batch, REST bulk writes one at a time).
-- A sequence is not transactional: numbers are still unique per tenant and kind, within int32 and never reused,
-- but a rolled-back insert leaves a gap, and numbers are no longer committed in the order they were given.
CREATE FUNCTION "record_number_sequence"("p_tenant_id" uuid, "p_kind" text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'record_numbers_' || replace("p_tenant_id"::text, '-', '') || '_' || lower("p_kind")
$$;--> statement-breakpoint
CREATE FUNCTION "create_record_number_sequences"("p_tenant_id" uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  "kind" text;
BEGIN
  FOREACH "kind" IN ARRAY ARRAY['contact', 'organization', 'member', 'apiClient'] LOOP
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I AS integer', "record_number_sequence"("p_tenant_id", "kind"));
  END LOOP;
END
$$;--> statement-breakpoint
-- A tenant's sequences are made with the tenant, so no two first inserts of a new tenant race to create one.
CREATE FUNCTION "tenant_record_number_sequences"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "kind" text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "create_record_number_sequences"(NEW."id");
    RETURN NEW;
  END IF;
  FOREACH "kind" IN ARRAY ARRAY['contact', 'organization', 'member', 'apiClient'] LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I', "record_number_sequence"(OLD."id", "kind"));
  END LOOP;
  RETURN OLD;
END
$$;--> statement-breakpoint
CREATE TRIGGER "tenants_record_number_sequences" AFTER INSERT OR DELETE ON "tenants"
  FOR EACH ROW EXECUTE FUNCTION "tenant_record_number_sequences"();--> statement-breakpoint
SELECT "create_record_number_sequences"("id") FROM "tenants";--> statement-breakpoint
SELECT setval("record_number_sequence"("tenant_id", "kind"), "last") FROM "record_numbers" WHERE "last" > 0;--> statement-breakpoint
-- `count` consecutive numbers of a tenant and kind: returns the last of them (the first is last - count + 1).
-- A range is a nextval and a setval; a session-level advisory lock (held for those two calls only, not until the
-- transaction ends) keeps another allocation from landing inside it. Past 2147483647 the sequence refuses.
CREATE OR REPLACE FUNCTION "allocate_record_numbers"("p_tenant_id" uuid, "p_kind" text, "p_count" integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  "sequence" text := "record_number_sequence"("p_tenant_id", "p_kind");
  "lock" integer := hashtext("sequence");
  "last" bigint;
BEGIN
  PERFORM pg_advisory_lock(7405, "lock");
  BEGIN
    "last" := nextval("sequence") + "p_count" - 1;
    IF "p_count" > 1 THEN
      PERFORM setval("sequence", "last");
    END IF;
  EXCEPTION WHEN OTHERS THEN
    PERFORM pg_advisory_unlock(7405, "lock");
    RAISE;
  END;
  PERFORM pg_advisory_unlock(7405, "lock");
  RETURN "last";
END
$$;--> statement-breakpoint
DROP TABLE "record_numbers" CASCADE;
