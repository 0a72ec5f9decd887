import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Phone, PhoneInput } from "./model";

/**
 * Genesys phone rule: when `display` parses (with `normalizationCountryCode`, default US, for numbers without
 * a country prefix) it is rewritten to international format and `e164`/`countryCode` are set; otherwise it is
 * kept as given. The raw input is always kept in `userInput`.
 */
export function normalizePhone(input: PhoneInput): Phone {
  const country = (input.normalizationCountryCode?.toUpperCase() || "US") as CountryCode;
  const parsed = parsePhoneNumberFromString(input.display, country);
  const valid = parsed?.isValid() ?? false;
  return {
    type: input.type,
    display: valid && parsed ? parsed.formatInternational() : input.display,
    e164: valid && parsed ? parsed.number : null,
    countryCode: valid && parsed ? (parsed.country ?? null) : null,
    userInput: input.display,
    extension: input.extension ?? null,
    acceptsSms: input.acceptsSms ?? null,
    normalizationCountryCode: input.normalizationCountryCode ?? null,
  };
}

export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * A phone whose number did not change keeps what the user first typed: an integration that sends back the
 * formatted number it read is not editing the phone.
 */
export function keepUserInput(before: Phone[], after: Phone[]): Phone[] {
  return after.map((p) => {
    const same = before.find(
      (b) => b.type === p.type && b.e164 !== null && b.e164 === p.e164 && b.display === p.display,
    );
    return same ? { ...p, userInput: same.userInput } : p;
  });
}
