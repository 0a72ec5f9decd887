-- A bearer token acts as an API client (client-credentials grant) or as a member (password grant): exactly one
-- owner. Existing tokens all belong to clients.
ALTER TABLE "api_tokens" ALTER COLUMN "api_client_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "member_id" uuid;--> statement-breakpoint
CREATE INDEX "api_tokens_member_idx" ON "api_tokens" USING btree ("tenant_id","member_id");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_one_owner" CHECK (num_nonnulls("api_tokens"."api_client_id", "api_tokens"."member_id") = 1);--> statement-breakpoint
-- Every server copy caches resolved bearer tokens for at most a second (packages/domain/src/access/tokens.ts)
-- and drops a tenant's entries when it hears its id on `switchboard_principals`: any change to what a token
-- resolves to (the token itself, its client or member, roles, their permissions and divisions, role
-- assignments) notifies at commit, whichever code path or SQL made it. PostgreSQL sends one notification per
-- tenant and transaction however many rows changed.
CREATE FUNCTION "switchboard_notify_principals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchboard_principals', (CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END)::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "api_tokens_notify_principals" AFTER UPDATE OR DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_notify_principals"();--> statement-breakpoint
CREATE TRIGGER "api_clients_notify_principals" AFTER UPDATE OR DELETE ON "api_clients"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_notify_principals"();--> statement-breakpoint
CREATE TRIGGER "members_notify_principals" AFTER UPDATE OR DELETE ON "members"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_notify_principals"();--> statement-breakpoint
CREATE TRIGGER "roles_notify_principals" AFTER UPDATE OR DELETE ON "roles"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_notify_principals"();--> statement-breakpoint
CREATE TRIGGER "role_assignments_notify_principals" AFTER INSERT OR UPDATE OR DELETE ON "role_assignments"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_notify_principals"();
