CREATE TABLE "search_words" (
	"tenant_id" uuid NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "search_words_tenant_id_word_pk" PRIMARY KEY("tenant_id","word")
);
--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("tenant_id","word" gin_trgm_ops);--> statement-breakpoint
-- The words a typo can be corrected to, kept from every statement that writes contacts or organizations
-- (set-based, through the statement's transition table: a bulk import adds its words once per batch).
CREATE FUNCTION "remember_search_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_words" ("tenant_id", "word")
  SELECT DISTINCT "written"."tenant_id", "word"
  FROM "written", regexp_split_to_table("written"."search_text", ' ') AS "word"
  WHERE length("word") >= 3 AND "word" !~ '[0-9@]'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "contacts_search_words_insert" AFTER INSERT ON "contacts" REFERENCING NEW TABLE AS "written"
  FOR EACH STATEMENT EXECUTE FUNCTION "remember_search_words"();
--> statement-breakpoint
CREATE TRIGGER "contacts_search_words_update" AFTER UPDATE ON "contacts" REFERENCING NEW TABLE AS "written"
  FOR EACH STATEMENT EXECUTE FUNCTION "remember_search_words"();
--> statement-breakpoint
CREATE TRIGGER "organizations_search_words_insert" AFTER INSERT ON "organizations" REFERENCING NEW TABLE AS "written"
  FOR EACH STATEMENT EXECUTE FUNCTION "remember_search_words"();
--> statement-breakpoint
CREATE TRIGGER "organizations_search_words_update" AFTER UPDATE ON "organizations" REFERENCING NEW TABLE AS "written"
  FOR EACH STATEMENT EXECUTE FUNCTION "remember_search_words"();
--> statement-breakpoint
INSERT INTO "search_words" ("tenant_id", "word")
SELECT DISTINCT "tenant_id", "word"
FROM (SELECT "tenant_id", "search_text" FROM "contacts" UNION ALL SELECT "tenant_id", "search_text" FROM "organizations") AS "texts",
  regexp_split_to_table("texts"."search_text", ' ') AS "word"
WHERE length("word") >= 3 AND "word" !~ '[0-9@]'
ON CONFLICT DO NOTHING;
