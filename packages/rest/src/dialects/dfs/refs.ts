import { type Context, resolveNumber } from "@switchboard/domain";

/**
 * DFS addresses contacts by int32 `contactId` (the contact's number) in v1.0 and v1.1 alike; the record's uuid
 * is its `uId`. A merged-away contact's number resolves to the survivor; an unknown or deleted one is 404.
 */
export async function contactIdOf(ctx: Context, contactId: number): Promise<string> {
  return (await resolveNumber(ctx, "contact", contactId)).id;
}

/** A legal entity's int32 id is its organization's number. */
export async function organizationIdOf(ctx: Context, legalEntityId: number): Promise<string> {
  return (await resolveNumber(ctx, "organization", legalEntityId)).id;
}
