import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONTACT_SCHEMA,
  detailsIssues,
  fieldsMetadataOf,
  flattenDetails,
  jsonSchemaOf,
  layoutOf,
  mergeDetails,
  nestDetails,
} from "../src/details-schemas";

const name = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/);
const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
/** Details documents without nulls or empty objects (those have no leaf paths). */
const doc: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  node: fc.dictionary(name, fc.oneof({ depthSize: "small" }, leaf, tie("node")), { minKeys: 1, maxKeys: 4 }),
})).node as fc.Arbitrary<Record<string, unknown>>;

describe("DFS details rules", () => {
  it("flattening to leaf paths and nesting back gives the same document", () => {
    fc.assert(
      fc.property(doc, (d) => {
        expect(nestDetails(flattenDetails(d))).toEqual(d);
      }),
    );
  });

  it("merging a patch keeps what it does not name and replaces what it does", () => {
    fc.assert(
      fc.property(doc, doc, (base, patch) => {
        const merged = flattenDetails(mergeDetails(base, patch));
        for (const [path, value] of flattenDetails(patch)) expect(merged.get(path)).toEqual(value);
        for (const [path, value] of flattenDetails(base)) {
          const named = [...flattenDetails(patch).keys()].some(
            (p) => p === path || path.startsWith(`${p}.`) || p.startsWith(`${path}.`),
          );
          if (!named) expect(merged.get(path)).toEqual(value);
        }
      }),
    );
  });

  it("validates details against the generated JSON Schema, one issue per bad path", () => {
    const schema = jsonSchemaOf(DEFAULT_CONTACT_SCHEMA);
    expect(detailsIssues(schema, { personalInformation: { firstName: "Ada", dateOfBirth: null } })).toEqual(
      [],
    );
    expect(
      detailsIssues(schema, {
        personalInformation: { dateOfBirth: "31.12.1990", nickname: "x" },
        communicationMethods: { primaryEmail: "not an email" },
      }).map((i) => i.path),
    ).toEqual([
      "details.personalInformation.nickname",
      "details.personalInformation.dateOfBirth",
      "details.communicationMethods.primaryEmail",
    ]);
  });

  it("derives layout and field metadata, localized, with the layout path of each field", () => {
    expect(layoutOf(DEFAULT_CONTACT_SCHEMA, "de").find((l) => l.key === "personalInformation")).toMatchObject(
      {
        label: "Persönliche Angaben",
        parentKey: null,
      },
    );
    const [street] = fieldsMetadataOf(DEFAULT_CONTACT_SCHEMA, "en", {
      fieldKeys: ["addresses.primaryAddress.street"],
    });
    expect(street!.layoutPath.map((p) => p.key)).toEqual(["addresses", "addresses.primaryAddress"]);
  });
});
