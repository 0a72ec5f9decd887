import { describe, expect, it } from "vitest";
import {
  acceptedRowInput,
  applyRowPatch,
  binaryReason,
  contactInput,
  detectDelimiter,
  IMPORT_TARGET_FIELDS,
  issueColumn,
  mappingIssues,
  matchKeys,
  newUploadToken,
  parseUploadToken,
  patchOf,
  secretMatches,
  suggestMappings,
} from "../src";
import { batchesInOrder, slices } from "../src/imports/prepare";

describe("suggestMappings", () => {
  it("maps target names, export headers and common synonyms, each target once", () => {
    expect(
      suggestMappings([
        "First Name",
        "Surname",
        "E-mail",
        "Mobile",
        "zip",
        "city",
        "customFields.tier_text",
        "Notes",
        "email",
      ]),
    ).toEqual([
      { sourceField: "First Name", targetField: "firstName" },
      { sourceField: "Surname", targetField: "lastName" },
      { sourceField: "E-mail", targetField: "workEmail" },
      { sourceField: "Mobile", targetField: "cellPhone" },
      { sourceField: "zip", targetField: "address.postalCode" },
      { sourceField: "city", targetField: "address.city" },
      { sourceField: "customFields.tier_text", targetField: "customFields.tier_text" },
    ]);
  });

  it("round-trips the contacts export header", () => {
    const mapped = suggestMappings(["id", "firstName", "workPhone", "address1", "countryCode"]);
    // The export's `id` is the contact's own id: not suggested as an external id.
    expect(mapped.map((m) => m.targetField)).toEqual([
      "firstName",
      "workPhone",
      "address.address1",
      "address.countryCode",
    ]);
  });
});

describe("mappingIssues", () => {
  it("names unknown targets, doubles and missing columns", () => {
    expect(
      mappingIssues(
        [
          { sourceField: "a", targetField: "shoeSize" },
          { sourceField: "b", targetField: "firstName" },
          { sourceField: "c", targetField: "firstName" },
        ],
        ["a", "b"],
      ),
    ).toEqual([
      { path: "mappings.0.targetField", message: "shoeSize is not an importable field" },
      { path: "mappings.2.targetField", message: "firstName is mapped twice" },
      { path: "mappings.2.sourceField", message: "the file has no column c" },
    ]);
  });
});

describe("detectDelimiter", () => {
  it("finds the separator that is consistent across lines, ignoring quoted ones", () => {
    expect(detectDelimiter("a;b;c\n1;2;3\n4;5;6\n")).toEqual({ delimiter: ";", found: true });
    expect(detectDelimiter('name,"x;y"\n"a;b",2\n"c;d",3\n')).toEqual({ delimiter: ",", found: true });
    expect(detectDelimiter("a\tb\n1\t2\n")).toEqual({ delimiter: "\t", found: true });
    expect(detectDelimiter("just one column\nvalue\n").found).toBe(false);
  });
});

describe("binaryReason", () => {
  it("refuses workbooks, PDFs, UTF-16 and binary data, and lets text through", () => {
    expect(binaryReason(new Uint8Array([0x50, 0x4b, 3, 4, 1]))).toMatch(/xlsx/);
    expect(binaryReason(new Uint8Array([0x25, 0x50, 0x44, 0x46]))).toMatch(/PDF/);
    expect(binaryReason(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toMatch(/UTF-16/);
    expect(binaryReason(new Uint8Array([0x61, 0, 0x62]))).toMatch(/binary/);
    expect(binaryReason(new TextEncoder().encode("a,b\n1,2\n"))).toBeNull();
  });
});

describe("upload tokens", () => {
  it("carry the tenant and verify only against their own hash", () => {
    const tenant = crypto.randomUUID();
    const { token, hash } = newUploadToken(tenant);
    const parsed = parseUploadToken(token)!;
    expect(parsed.tenantId).toBe(tenant);
    expect(secretMatches(parsed.secret, hash)).toBe(true);
    expect(secretMatches(`${parsed.secret}x`, hash)).toBe(false);
    expect(parseUploadToken("garbage")).toBeNull();
  });
});

describe("applyRowPatch", () => {
  const source = crypto.randomUUID();
  const columns = [
    "firstName",
    "lastName",
    "workEmail",
    "cellPhone",
    "address.city",
    "externalId",
    "customFields.age_integer",
  ].map((target, index) => ({ index, target }));
  const existing = {
    firstName: "Ada",
    lastName: "Byron",
    emails: [{ type: "work" as const, address: "ada@old.example" }],
    phones: [{ type: "home" as const, display: "+12025550100" }],
    addresses: [{ type: "home" as const, city: "London", postalCode: "W1" }],
    externalIds: [{ sourceId: source, value: "A-1" }],
  };

  it("Upsert: an empty cell clears its field; unmapped fields stay", () => {
    const patch = patchOf(["Ada", "Lovelace", "", "555", "", "A-1", "36"], columns);
    const out = applyRowPatch(existing, patch, { merge: false, externalSourceId: source });
    expect(out).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      emails: [],
      phones: [
        { type: "home", display: "+12025550100" },
        { type: "cell", display: "555" },
      ],
      addresses: [{ type: "home", city: null, postalCode: "W1" }],
      externalIds: [{ sourceId: source, value: "A-1" }],
      customFields: { age_integer: 36 },
    });
  });

  it("Merge: empty cells keep what the contact has", () => {
    const patch = patchOf(["", "Lovelace", "", "", "", "", ""], columns);
    const out = applyRowPatch(existing, patch, { merge: true, externalSourceId: source });
    expect(out).toMatchObject({ ...existing, lastName: "Lovelace" });
  });

  it("gives match keys in priority order: external id, then the criteria as configured", () => {
    const input = applyRowPatch(
      {},
      patchOf(["", "X", "Ada@Example.COM", "(202) 555-0101", "", "A-9", ""], columns),
      {
        merge: true,
        externalSourceId: source,
      },
    );
    expect(matchKeys(input, { matchingCriteria: ["Phone", "Email"], externalSourceId: source })).toEqual([
      "externalId:A-9",
      "phone:+12025550101",
      "email:ada@example.com",
    ]);
    expect(matchKeys(input, { matchingCriteria: [], externalSourceId: null })).toEqual([]);
  });

  it("names the CSV column behind a validation issue", () => {
    const mappings = [{ sourceField: "Mail", targetField: "workEmail" }];
    const input = { emails: [{ type: "work" as const, address: "x" }] };
    expect(issueColumn("emails.0.address", input, mappings)).toBe("Mail");
    expect(issueColumn("addresses.0.city", input, mappings)).toBe("address.city");
  });
});

describe("acceptedRowInput", () => {
  const source = crypto.randomUUID();
  const VALUES: Record<string, string> = {
    firstName: "Ada  Marie",
    middleName: "É",
    lastName: "O'Brien-Lovelace",
    salutation: "Dr",
    title: "Countess of Lovelace",
    externalSystemUrl: "https://crm.example/ada",
    surveyOptOut: "yes",
    workPhone: "(202) 555-0101",
    cellPhone: "+44 20 7946 0958",
    homePhone: "not a number but text",
    otherPhone: "555",
    workEmail: "Ada@Example.COM",
    personalEmail: "ada.l@mail.example.org",
    otherEmail: "a+b@c.example",
    "address.address1": "12 St James's Square",
    "address.address2": "Flat 3",
    "address.city": "London",
    "address.state": "LDN",
    "address.postalCode": "SW1Y 4LB",
    "address.countryCode": "GB",
    externalId: "A-1",
    "externalOrganization.id": crypto.randomUUID(),
    schemaId: crypto.randomUUID(),
    schemaVersion: "3",
  };
  const CUSTOM = [
    "customFields.age_integer",
    "customFields.vip_boolean",
    "customFields.tags_tag",
    "customFields.note",
  ];
  const targets = [...IMPORT_TARGET_FIELDS, ...CUSTOM];
  const columns = targets.map((target, index) => ({ index, target }));
  const row = (blank: (target: string, i: number) => boolean) =>
    patchOf(
      targets.map((t, i) =>
        blank(t, i)
          ? " "
          : (VALUES[t] ??
            {
              "customFields.age_integer": "36",
              "customFields.vip_boolean": "no",
              "customFields.tags_tag": "a| b",
            }[t] ??
            " free text "),
      ),
      columns,
    );

  it("is what the contact rules make of a row they accept, for every field a column can map to", () => {
    expect(targets.every((t) => t in VALUES || CUSTOM.includes(t))).toBe(true);
    const rows = [row(() => false), row((_, i) => i % 2 === 0), row((_, i) => i % 2 === 1), row(() => true)];
    for (const patch of rows)
      for (const merge of [true, false]) {
        const input = applyRowPatch({ divisionId: crypto.randomUUID() }, patch, {
          merge,
          externalSourceId: source,
        });
        expect(acceptedRowInput(input)).toEqual(contactInput.parse(input));
      }
  });
});

describe("slices", () => {
  it("hands the event loop back once a slice has lasted 0.5 ms, and not before", async () => {
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const pace = slices();
    expect(pace()).toBeUndefined(); // the slice has just started
    let replied = false;
    setImmediate(() => {
      replied = true; // stands for the reply of a statement in flight
    });
    spin(1);
    const handedBack = pace();
    expect(handedBack).toBeInstanceOf(Promise);
    expect(replied).toBe(false);
    await handedBack;
    expect(replied).toBe(true);
    expect(pace()).toBeUndefined(); // a new slice
  });
});

describe("batchesInOrder", () => {
  const tick = () => new Promise((done) => setTimeout(done, 5));
  const beside = () => true;
  const after = () => false;
  /** A prepared batch of `n` rows, none refused. */
  const batch = (n: number) => ({
    count: n,
    lastRow: n,
    errors: [],
    failed: new Set<number>(),
    candidates: [],
  });

  it("prepares one batch at a time, in file order, each while the one before it is handled", async () => {
    const events: string[] = [];
    const batches = batchesInOrder();
    const prepare = (n: number) => async () => {
      events.push(`prepare ${n}`);
      await tick();
      await tick();
      events.push(`prepared ${n}`);
      return batch(n);
    };
    const handle = async (ready: { count: number }) => {
      events.push(`handle ${ready.count}`);
      await tick();
      events.push(`handled ${ready.count}`);
    };
    for (const n of [1, 2, 3]) await batches.add(prepare(n), handle);
    await batches.done();
    expect(events).toEqual([
      "prepare 1",
      "prepared 1",
      "prepare 2",
      "handle 1",
      "handled 1",
      "prepared 2",
      "prepare 3",
      "handle 2",
      "handled 2",
      "prepared 3",
      "handle 3",
      "handled 3",
    ]);
  });

  it("prepares up to `ahead` batches while one is handled", async () => {
    const events: string[] = [];
    const batches = batchesInOrder(2);
    const prepare = (n: number) => async () => {
      events.push(`prepare ${n}`);
      await tick();
      return batch(n);
    };
    const handle = async (ready: { count: number }) => {
      events.push(`handle ${ready.count}`);
      for (let i = 0; i < 6; i++) await tick(); // the database is slower than preparing
      events.push(`handled ${ready.count}`);
    };
    for (const n of [1, 2, 3, 4]) await batches.add(prepare(n), handle);
    await batches.done();
    // Batches 2 and 3 are ready before batch 1 is written; batch 4 waits until it is.
    expect(events.slice(0, 5)).toEqual(["prepare 1", "prepare 2", "handle 1", "prepare 3", "handled 1"]);
    expect(events.filter((e) => e.startsWith("handled"))).toEqual([
      "handled 1",
      "handled 2",
      "handled 3",
      "handled 4",
    ]);
  });

  it("handles a batch that overlaps beside the one before, never beside two, and gives it the one before", async () => {
    const events: string[] = [];
    const batches = batchesInOrder(2);
    const handle = async (ready: { count: number }, before: Promise<void>) => {
      events.push(`write ${ready.count}`);
      for (let i = 0; i < 4; i++) await tick();
      await before; // commits after the batch before
      events.push(`commit ${ready.count}`);
    };
    for (const n of [1, 2, 3])
      await batches.add(
        async () => batch(n),
        handle,
        () => true,
      );
    await batches.done();
    // Batch 2 is written while batch 1 is; batch 3 waits for batch 1 to end, not for batch 2.
    expect(events).toEqual(["write 1", "write 2", "commit 1", "write 3", "commit 2", "commit 3"]);
  });

  it("handles a batch that does not overlap only after the one before, and fails the batches after a failure", async () => {
    const events: string[] = [];
    const batches = batchesInOrder(2);
    const handle = async (ready: { count: number }, before: Promise<void>) => {
      events.push(`write ${ready.count}`);
      await tick();
      if (ready.count === 1) throw new Error("batch 1 refused");
      await before;
      events.push(`commit ${ready.count}`);
    };
    await batches.add(async () => batch(1), handle, beside);
    await batches.add(async () => batch(2), handle, beside);
    // The third add waits for batch 1's handling (two ahead), and surfaces its failure.
    await expect(batches.add(async () => batch(3), handle, after)).rejects.toThrow("batch 1 refused");
    await expect(batches.done()).rejects.toThrow("batch 1 refused");
    // Batch 2 was written beside batch 1 but never committed; batch 3 never started.
    expect(events).toEqual(["write 1", "write 2"]);
  });

  it("surfaces a batch's failure at `done`, without handling the batch", async () => {
    const batches = batchesInOrder();
    const handled: number[] = [];
    await batches.add(
      async () => batch(0),
      async () => {
        handled.push(1);
      },
    );
    await batches.add(
      async () => {
        throw new Error("row 2001 could not be read");
      },
      async () => {
        handled.push(2);
      },
    );
    await expect(batches.done()).rejects.toThrow("row 2001 could not be read");
    expect(handled).toEqual([1]);
  });
});
