CREATE TABLE "customer_list_members" (
	"tenant_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_list_members_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_list_members_tenant_id_list_id_owner_kind_owner_id_pk" PRIMARY KEY("tenant_id","list_id","owner_kind","owner_id")
);
--> statement-breakpoint
CREATE TABLE "customer_lists" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_lists_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"area" text,
	"code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"leader_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"member_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "personal_relationships" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"related_contact_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_relationships_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "personal_relationships_person" CHECK ("personal_relationships"."owner_kind" = 'contact')
);
--> statement-breakpoint
CREATE TABLE "profile_images" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content_type" text NOT NULL,
	"data" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_images_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "profile_roles" (
	"tenant_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"is_active" boolean NOT NULL,
	"since" date NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_roles_tenant_id_owner_kind_owner_id_kind_pk" PRIMARY KEY("tenant_id","owner_kind","owner_id","kind")
);
--> statement-breakpoint
CREATE TABLE "tag_assignments" (
	"tenant_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tag_assignments_tenant_id_owner_kind_owner_id_tag_id_pk" PRIMARY KEY("tenant_id","owner_kind","owner_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tags_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "customer_list_members_order_idx" ON "customer_list_members" USING btree ("tenant_id","list_id","number");--> statement-breakpoint
CREATE INDEX "customer_list_members_owner_idx" ON "customer_list_members" USING btree ("tenant_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "departments_owner_idx" ON "departments" USING btree ("tenant_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "locations_owner_idx" ON "locations" USING btree ("tenant_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "memberships_owner_idx" ON "memberships" USING btree ("tenant_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "memberships_organization_idx" ON "memberships" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "personal_relationships_owner_idx" ON "personal_relationships" USING btree ("tenant_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "personal_relationships_related_idx" ON "personal_relationships" USING btree ("tenant_id","related_contact_id");--> statement-breakpoint
CREATE INDEX "profile_images_owner_idx" ON "profile_images" USING btree ("tenant_id","owner_kind","owner_id","position");--> statement-breakpoint
CREATE INDEX "profile_roles_number_idx" ON "profile_roles" USING btree ("tenant_id","kind","number");--> statement-breakpoint
CREATE INDEX "tag_assignments_tag_idx" ON "tag_assignments" USING btree ("tenant_id","tag_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_uq" ON "tags" USING btree ("tenant_id","name");--> statement-breakpoint
-- Every organization's `tags` array becomes the tenant's tags (one per tenant and name, case-sensitive) and the
-- organization's tag assignments, in the array's order (a name given twice counts once, at its first place).
INSERT INTO "tags" ("tenant_id", "name")
SELECT DISTINCT o."tenant_id", t."name"
FROM "organizations" o CROSS JOIN LATERAL unnest(o."tags") AS t("name")
WHERE t."name" IS NOT NULL
ON CONFLICT ("tenant_id", "name") DO NOTHING;--> statement-breakpoint
INSERT INTO "tag_assignments" ("tenant_id", "owner_kind", "owner_id", "tag_id", "position")
SELECT o."tenant_id", 'organization', o."id", tg."id", (min(t."ordinality") - 1)::integer
FROM "organizations" o
CROSS JOIN LATERAL unnest(o."tags") WITH ORDINALITY AS t("name", "ordinality")
JOIN "tags" tg ON tg."tenant_id" = o."tenant_id" AND tg."name" = t."name"
GROUP BY o."tenant_id", o."id", tg."id";--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "tags";