import { z } from "zod";
import { SCHEMA_LIMITS } from "./core-types";

export const SCHEMA_TARGETS = ["contact", "organization"] as const;
export type SchemaTarget = (typeof SCHEMA_TARGETS)[number];

/** What an author writes: the name, whether it may be assigned, and the JSON Schema document of its fields. */
export const dataSchemaInput = z.object({
  name: z
    .string()
    .trim()
    .min(SCHEMA_LIMITS.minSchemaNameCharacters, "a name is required")
    .max(SCHEMA_LIMITS.maxSchemaNameCharacters),
  enabled: z.boolean().default(true),
  jsonSchema: z
    .object({
      title: z.string().max(SCHEMA_LIMITS.maxSchemaNameCharacters).optional(),
      description: z.string().max(SCHEMA_LIMITS.maxSchemaDescriptionCharacters).optional(),
      type: z.literal("object").default("object"),
      required: z.array(z.string()).default([]),
      properties: z.record(z.string(), z.unknown()).default({}),
      additionalProperties: z.unknown().optional(),
    })
    .loose(),
});
export type DataSchemaInput = z.input<typeof dataSchemaInput>;

export interface DataSchema {
  id: string;
  appliesTo: SchemaTarget;
  name: string;
  version: number;
  enabled: boolean;
  jsonSchema: Record<string, unknown>;
  createdById: string;
  createdByName: string | null;
  /** When this version was saved. */
  createdAt: Date;
}

/** How a record points at the schema version its custom fields follow. */
export interface CustomFieldsRef {
  schemaId?: string | null;
  schemaVersion?: number | null;
  customFields?: Record<string, unknown> | null;
}
