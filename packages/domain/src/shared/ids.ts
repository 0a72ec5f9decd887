import { V7Generator } from "uuidv7";

/** Ids on every route are opaque strings; only a uuid can name a record, anything else is simply not found. */
export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * Random words for the id generator, drawn from the platform's cryptographic source 4 KB at a time. The
 * package's own source draws 32 bytes at a time: a `getRandomValues` call every third or fourth id, ~3% of an
 * import worker's profile for its four ids a row (0.51 → 0.28 µs an id).
 */
function bufferedRandom() {
  const words = new Uint32Array(1024);
  let next = words.length;
  return {
    nextUint32() {
      if (next === words.length) {
        crypto.getRandomValues(words);
        next = 0;
      }
      return words[next++]!;
    },
  };
}

const generator = new V7Generator(bufferedRandom());

/**
 * The id of a record the application names itself (an import's contacts and their history entries, every new
 * contact point): a UUIDv7, ordered by the time it was made, so a batch's rows go in at the end of their
 * tables' id and owner indexes rather than each into a random page of them (PostgreSQL's work for an import's
 * batch, −14%). Ids that column defaults make are random (v4) UUIDs; both are opaque to every reader.
 */
export const newRecordId = (): string => generator.generate().toString();
