import {
  type ContactPointInput,
  contactPointInput,
  displayNameOf,
  joinName,
  namesFromDisplayName,
  parseInput,
  pointsOf,
  writeSlot,
} from "@switchboard/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ADDRESS_TYPES,
  ADDRESS_USAGES,
  AddressInputSchema,
  addressFromWire,
  addressToWire,
  COUNTRY_CODES,
  EMAIL_TYPES,
  EmailInputSchema,
  emailFromWire,
  emailToWire,
  PHONE_TYPES,
  PHONE_USAGES,
  PhoneInputSchema,
  phoneFromWire,
  phoneToWire,
  USAGE_CONTEXTS,
  WEB_ADDRESS_TYPES,
  WebAddressInputSchema,
  webAddressFromWire,
  webAddressToWire,
} from "../src/dialects/enfore/wire";

// Properties of the two mappings enfore and Genesys share (cross-dialect.md §2, §3), over the pure rules the
// dialects and the domain use: a value written through one dialect reads back unchanged through it after any
// sequence of writes through the other.

const word = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]{0,11}$/);
const name = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));
const genesysNames = fc.record({
  firstName: fc.option(word, { nil: null }),
  lastName: fc.option(word, { nil: null }),
});

interface Person {
  displayName: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
}

/** A Genesys write of the names keeps the display name (the Genesys model has none). */
const genesysWrite = (p: Person, names: { firstName: string | null; lastName: string | null }): Person => ({
  ...p,
  ...names,
});
const enforeWrite = (p: Person, n: string): Person => ({ ...p, ...namesFromDisplayName(p, n) });

describe("the name split (enfore name ⇄ Genesys first/last)", () => {
  it("an enfore name reads back as written, whatever names the person had", () => {
    fc.assert(
      fc.property(genesysNames, name, (names, n) => {
        const person = enforeWrite({ displayName: null, middleName: null, ...names }, n);
        expect(displayNameOf(person)).toBe(n);
        // A person who had names keeps them: Genesys reads what it wrote.
        if (names.firstName || names.lastName) {
          expect(person.firstName).toBe(names.firstName);
          expect(person.lastName).toBe(names.lastName);
        } else expect(joinName(person)).toBe(n);
      }),
    );
  });

  it("after any sequence of Genesys name writes, an explicit enfore name stays and a derived one follows", () => {
    fc.assert(
      fc.property(
        genesysNames,
        name,
        fc.array(genesysNames, { minLength: 1, maxLength: 5 }),
        (first, n, later) => {
          const written = enforeWrite({ displayName: null, middleName: null, ...first }, n);
          const explicit = n !== joinName(written);
          const after = later.reduce(genesysWrite, written);
          const last = later.at(-1)!;
          expect(after.firstName).toBe(last.firstName);
          expect(after.lastName).toBe(last.lastName);
          expect(displayNameOf(after)).toBe(explicit ? n : joinName(last) || "");
        },
      ),
    );
  });
});

// ------------------------------------------------------------------------------------------ contact points

const text = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9 .,-]{0,18}[A-Za-z0-9])?$/);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const usagesOf = <T extends string>(values: readonly T[]) =>
  optional(fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: values.length }));
const context = fc.constantFrom(...USAGE_CONTEXTS);
const host = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

const wireEmail = fc.record(
  {
    type: fc.constantFrom(...EMAIL_TYPES),
    address: fc.tuple(host, host).map(([a, b]) => `${a}@${b}.example`),
    description: text,
    usage_context: context,
  },
  { requiredKeys: ["type", "address", "usage_context"] },
);
const wirePhone = fc.record(
  {
    type: fc.constantFrom(...PHONE_TYPES),
    number: fc.oneof(
      fc.stringMatching(/^\+49 30 [1-9]\d{6}$/),
      fc.stringMatching(/^[0-9][0-9 /-]{2,14}[0-9]$/),
    ),
    description: text,
    usages: usagesOf(PHONE_USAGES),
    usage_context: context,
  },
  { requiredKeys: ["type", "number", "usage_context"] },
);
const wireWeb = fc.record(
  {
    type: fc.constantFrom(...WEB_ADDRESS_TYPES),
    url: fc.tuple(host, host).map(([a, b]) => `https://${a}.example/${b}`),
    description: text,
    usage_context: context,
  },
  { requiredKeys: ["type", "url", "usage_context"] },
);
const wireAddress = fc.record(
  {
    type: fc.constantFrom(...ADDRESS_TYPES),
    full_address: text,
    recipient_name: text,
    care_of: text,
    street_name: text,
    street_number: text,
    additional: text,
    city: text,
    zip: text,
    country_code: fc.constantFrom(...COUNTRY_CODES),
    description: text,
    usages: usagesOf(ADDRESS_USAGES),
    usage_context: context,
  },
  { requiredKeys: ["type", "full_address", "usage_context"] },
);

/** What the store keeps of a point written through enfore (the domain's validation and normalization). */
function stored(input: ContactPointInput) {
  const { kind, ...point } = parseInput(contactPointInput, input);
  const lists = pointsOf(
    {
      phones: kind === "phone" ? [point as never] : [],
      emails: kind === "email" ? [point as never] : [],
      addresses: kind === "address" ? [point as never] : [],
      webAddresses: kind === "web" ? [point as never] : [],
    },
    {},
  );
  return lists;
}

const withoutId = <T extends { id?: string }>({ id: _id, ...rest }: T) => rest;

describe("the contact-point type mapping (enfore vendor types ⇄ canonical types and Genesys slots)", () => {
  it("an enfore detail of any type reads back through enfore exactly as written", () => {
    fc.assert(
      fc.property(wireEmail, (w) => {
        EmailInputSchema.parse(w);
        const [e] = stored(emailFromWire(w)).emails;
        expect(withoutId(emailToWire(e!, "contact"))).toEqual(w);
      }),
    );
    fc.assert(
      fc.property(wirePhone, (w) => {
        PhoneInputSchema.parse(w);
        const [p] = stored(phoneFromWire(w)).phones;
        expect(withoutId(phoneToWire(p!, "contact"))).toEqual(w);
      }),
    );
    fc.assert(
      fc.property(wireWeb, (w) => {
        WebAddressInputSchema.parse(w);
        const [x] = stored(webAddressFromWire(w)).webAddresses;
        expect(withoutId(webAddressToWire(x!, "organization"))).toEqual(w);
      }),
    );
    fc.assert(
      fc.property(wireAddress, (w) => {
        AddressInputSchema.parse(w);
        const [a] = stored(addressFromWire(w)).addresses;
        expect(withoutId(addressToWire(a!, "contact"))).toEqual(w);
      }),
    );
  });

  it("Genesys writes of an email's slot change its address only: enfore keeps reading its type, context and description", () => {
    fc.assert(
      fc.property(wireEmail, fc.array(fc.tuple(host, host), { minLength: 1, maxLength: 4 }), (w, writes) => {
        let emails = stored(emailFromWire(w)).emails;
        const slotType = emails[0]!.type;
        for (const [a, b] of writes) {
          const address = `${a}@${b}.example`;
          // The Genesys slot of this canonical type, written in place (mappers' `writeSlots`).
          emails = stored({
            kind: "email",
            ...writeSlot(emails, (p) => p.type === slotType, { type: slotType, address })[0]!,
          } as never).emails;
        }
        const read = emailToWire(emails[0]!, "contact");
        expect(withoutId(read)).toEqual({
          ...w,
          address: `${writes.at(-1)![0]}@${writes.at(-1)![1]}.example`,
        });
      }),
    );
  });
});
