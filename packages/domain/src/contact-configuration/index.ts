import { contactConfigurations, eq } from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { unprocessable } from "../shared/errors";
import { parseInput } from "../shared/validation";

/**
 * The tenant's contact-management configuration (enfore `configuration`): whether an external contact management
 * (custom workflows, "CUWOs", and an external API) replaces the built-in one. Without a stored one, the default.
 */
const text = z.string().min(1).max(2048);
export const contactConfigurationInput = z.object({
  useExternalContactManagement: z.boolean(),
  customWorkflowConfig: z
    .object({
      providerId: text.optional(),
      provideContactStartUrl: text.optional(),
      provideContactAddressStartUrl: text.optional(),
      showContactDetailsStartUrl: text.optional(),
    })
    .optional(),
  apiAccessConfiguration: z
    .object({
      url: text.optional(),
      credentialsKey: text.optional(),
      timeoutInMillis: z.number().int().min(0).max(600_000).default(2000),
      maxRetries: z.number().int().min(0).max(100).default(3),
      retryIntervalInMillis: z.number().int().min(0).max(600_000).default(250),
    })
    .optional(),
});
export type ContactConfigurationInput = z.input<typeof contactConfigurationInput>;
export type ContactConfiguration = z.infer<typeof contactConfigurationInput>;

export const DEFAULT_CONTACT_CONFIGURATION: ContactConfiguration = { useExternalContactManagement: false };

/** Workflows that can stand in for the built-in contact management: a provider and at least one start URL. */
const usableWorkflows = (c: ContactConfiguration["customWorkflowConfig"]) =>
  Boolean(
    c?.providerId &&
      (c.provideContactStartUrl || c.provideContactAddressStartUrl || c.showContactDetailsStartUrl),
  );

export async function getContactConfiguration(ctx: Context): Promise<ContactConfiguration> {
  requirePermission(ctx, PERMISSIONS.contactConfigurationView);
  const [row] = await ctx.db
    .select({ document: contactConfigurations.document })
    .from(contactConfigurations)
    .where(eq(contactConfigurations.tenantId, ctx.tenantId));
  return (row?.document as ContactConfiguration | undefined) ?? DEFAULT_CONTACT_CONFIGURATION;
}

/**
 * Replaces the configuration whole. Switching to external contact management without usable custom workflows
 * (a provider and a start URL) is refused (422, enfore).
 */
export async function putContactConfiguration(
  ctx: Context,
  input: ContactConfigurationInput,
): Promise<ContactConfiguration> {
  requirePermission(ctx, PERMISSIONS.contactConfigurationEdit);
  const valid = parseInput(contactConfigurationInput, input);
  if (valid.useExternalContactManagement && !usableWorkflows(valid.customWorkflowConfig))
    throw unprocessable("external contact management needs custom workflows: a provider and a start URL", {
      reason: "NoUsableCustomWorkflows",
      issues: [{ path: "customWorkflowConfig", message: "needs providerId and a start URL" }],
    });
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select({ document: contactConfigurations.document })
      .from(contactConfigurations)
      .where(eq(contactConfigurations.tenantId, tx.tenantId))
      .for("update");
    await tx.db
      .insert(contactConfigurations)
      .values({ tenantId: tx.tenantId, document: valid })
      .onConflictDoUpdate({
        target: contactConfigurations.tenantId,
        set: { document: valid, modifiedAt: new Date() },
      });
    const changes = diff(before?.document ?? DEFAULT_CONTACT_CONFIGURATION, valid);
    if (changes.length)
      await recordChangeSet(tx, {
        entityType: "contactConfiguration",
        entityId: tx.tenantId,
        action: "update",
        changes,
      });
    return valid;
  });
}
