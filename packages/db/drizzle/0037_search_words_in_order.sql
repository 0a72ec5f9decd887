-- Issue 20. A statement's new search words are inserted in order. A word another transaction inserted and has
-- not committed makes this insert wait for that transaction: two statements inserting their words in no order
-- could each wait for a word the other holds (a deadlock, one aborted after a second). In one order they never
-- do, so import batches written side by side (each writes its contacts in one statement) only queue.
CREATE OR REPLACE FUNCTION "remember_search_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_words" ("tenant_id", "word")
  SELECT DISTINCT "written"."tenant_id", "word"
  FROM "written", unnest(string_to_array("written"."search_text", ' ')) AS "word"
  WHERE length("word") >= 3 AND "word" !~ '[0-9@]'
  ORDER BY "written"."tenant_id", "word"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
