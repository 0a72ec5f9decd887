-- An organization's websites (Genesys `websites`) are its web contact points (enfore web addresses), one list
-- written and read through both (cross-dialect §3); `organizations.websites` stays as the urls' cache for
-- exports and search, written with the points. Each website that is not yet a web point of its organization
-- becomes one (type `website`, after the organization's web points, in the list's order, each url once).
INSERT INTO "contact_points" ("tenant_id", "id", "owner_kind", "owner_id", "kind", "type", "value", "details", "position")
SELECT o."tenant_id", gen_random_uuid(), 'organization', o."id", 'web', 'website', w."url",
  jsonb_build_object('url', w."url"),
  coalesce((SELECT max(p."position") FROM "contact_points" p
            WHERE p."tenant_id" = o."tenant_id" AND p."owner_kind" = 'organization' AND p."owner_id" = o."id"
              AND p."kind" = 'web'), -1) + w."ord"::integer
FROM "organizations" o
CROSS JOIN LATERAL unnest(o."websites") WITH ORDINALITY AS w("url", "ord")
WHERE btrim(coalesce(w."url", '')) <> ''
  AND w."ord" = (SELECT min(x."ord") FROM unnest(o."websites") WITH ORDINALITY AS x("url", "ord") WHERE x."url" = w."url")
  AND NOT EXISTS (SELECT 1 FROM "contact_points" p
                  WHERE p."tenant_id" = o."tenant_id" AND p."owner_kind" = 'organization' AND p."owner_id" = o."id"
                    AND p."kind" = 'web' AND p."value" = w."url");--> statement-breakpoint
-- The cache: every web point's url, in position order.
UPDATE "organizations" o SET "websites" = (
  SELECT array_agg(p."value" ORDER BY p."position") FROM "contact_points" p
  WHERE p."tenant_id" = o."tenant_id" AND p."owner_kind" = 'organization' AND p."owner_id" = o."id" AND p."kind" = 'web')
WHERE EXISTS (SELECT 1 FROM "contact_points" p
              WHERE p."tenant_id" = o."tenant_id" AND p."owner_kind" = 'organization' AND p."owner_id" = o."id"
                AND p."kind" = 'web');
