import { normalizePhone } from "../contact-points/rules";
import type { FieldIssue } from "../shared/errors";
import type { IdentifierType } from "./model";

/**
 * The form an identifier is stored and matched in: phones as E.164 (they must carry a `+` country code),
 * emails lower-cased, everything else as given (trimmed).
 */
export function normalizeIdentifier(
  type: IdentifierType,
  value: string,
): { value: string } | { issue: FieldIssue } {
  const trimmed = value.trim();
  if (type === "Email") return { value: trimmed.toLowerCase() };
  if (type === "Phone") {
    const phone = trimmed.startsWith("+") ? normalizePhone({ type: "other", display: trimmed }) : null;
    return phone?.e164
      ? { value: phone.e164 }
      : {
          issue: {
            path: "value",
            message: "a phone identifier needs a valid number with its + country code",
          },
        };
  }
  return { value: trimmed };
}
