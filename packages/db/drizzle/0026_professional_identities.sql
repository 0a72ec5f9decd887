CREATE TABLE "professional_identities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "professional_identities_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"job_title" text,
	"activation_date" timestamp with time zone,
	"deactivation_date" timestamp with time zone,
	"department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"location_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"access_policy_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"share" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "professional_identities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "professional_identities_contact_idx" ON "professional_identities" USING btree ("tenant_id","contact_id","number");--> statement-breakpoint
CREATE INDEX "professional_identities_organization_idx" ON "professional_identities" USING btree ("tenant_id","organization_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "professional_identities_primary_uq" ON "professional_identities" USING btree ("tenant_id","contact_id") WHERE "professional_identities"."is_primary";--> statement-breakpoint
-- Every contact with an employer gets a primary active PI there (soft-deleted and merged-away contacts too:
-- enfore reads deleted records). When it became active is not known.
INSERT INTO "professional_identities" ("tenant_id", "contact_id", "organization_id", "is_active", "is_primary", "created_at", "modified_at")
SELECT "tenant_id", "id", "organization_id", true, true, "created_at", "modified_at" FROM "contacts"
WHERE "organization_id" IS NOT NULL;--> statement-breakpoint
-- contacts.organization_id caches the organization of the contact's primary active PI (Genesys
-- externalOrganization). The domain's PI use cases write the PI and then the column; every writer of the
-- column (contact writes, batch and CSV imports, merges, organization deletes) moves the primary PI with it
-- through this trigger, in the same transaction. It does nothing when the column already matches the primary
-- active PI, so the domain's own writes pass through it unchanged.
CREATE FUNCTION "professional_identity_employer"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "found" uuid;
BEGIN
  IF NEW."organization_id" IS NULL THEN
    -- Clearing the employer ends the primary PI; it stays primary (reactivating it restores the employer).
    UPDATE "professional_identities" SET "is_active" = false, "deactivation_date" = now(), "modified_at" = now()
    WHERE "tenant_id" = NEW."tenant_id" AND "contact_id" = NEW."id" AND "is_primary" AND "is_active";
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM "professional_identities"
             WHERE "tenant_id" = NEW."tenant_id" AND "contact_id" = NEW."id" AND "is_primary" AND "is_active"
               AND "organization_id" = NEW."organization_id") THEN
    RETURN NULL;
  END IF;
  -- A new employer: the former primary PI ends and gives up the flag.
  UPDATE "professional_identities" SET "is_primary" = false,
    "deactivation_date" = CASE WHEN "is_active" THEN now() ELSE "deactivation_date" END,
    "is_active" = false, "modified_at" = now()
  WHERE "tenant_id" = NEW."tenant_id" AND "contact_id" = NEW."id" AND "is_primary";
  SELECT "id" INTO "found" FROM "professional_identities"
  WHERE "tenant_id" = NEW."tenant_id" AND "contact_id" = NEW."id" AND "organization_id" = NEW."organization_id"
  ORDER BY "is_active" DESC, "number" LIMIT 1;
  IF "found" IS NULL THEN
    INSERT INTO "professional_identities" ("tenant_id", "contact_id", "organization_id", "is_active", "is_primary", "activation_date")
    VALUES (NEW."tenant_id", NEW."id", NEW."organization_id", true, true, now());
  ELSE
    UPDATE "professional_identities" SET "is_primary" = true,
      "activation_date" = CASE WHEN "is_active" THEN "activation_date" ELSE now() END,
      "deactivation_date" = CASE WHEN "is_active" THEN "deactivation_date" ELSE NULL END,
      "is_active" = true, "modified_at" = now()
    WHERE "tenant_id" = NEW."tenant_id" AND "id" = "found";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "contacts_employer_insert" AFTER INSERT ON "contacts"
FOR EACH ROW WHEN (NEW."organization_id" IS NOT NULL) EXECUTE FUNCTION "professional_identity_employer"();--> statement-breakpoint
CREATE TRIGGER "contacts_employer_update" AFTER UPDATE OF "organization_id" ON "contacts"
FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id") EXECUTE FUNCTION "professional_identity_employer"();
