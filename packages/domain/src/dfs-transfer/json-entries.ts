/**
 * Entry-wise reading of a DFS import file (`dfs-client-services.md` §4.9: a JSON array of entries, or an
 * object whose `items` is one) without holding the file: a scanner finds where each entry of the array begins
 * and ends (tracking strings, escapes and nesting), and only that entry's text goes to `JSON.parse`. Memory is
 * one entry and one chunk, whatever the file's size.
 */

export class JsonFileError extends Error {}

type Mode = "start" | "object" | "entries" | "done";

export class JsonEntryScanner {
  private mode: Mode = "start";
  private inString = false;
  private escaped = false;
  // entries mode: nesting inside the current entry, and its text so far
  private depth = 0;
  private parts: string[] = [];
  private sawSeparator = false;
  // object mode: nesting below the outer object, the key being read and the last key read at its top level
  private objectDepth = 0;
  private key: string[] | null = null;
  private lastKey: string | null = null;
  private afterColon = false;
  private foundItems = false;
  private offset = 0;
  /** Entries read so far. */
  count = 0;

  /** Feeds the next piece of text; returns the entries it completed, parsed. */
  push(text: string): unknown[] {
    const out: unknown[] = [];
    let start = 0; // where the current entry's text begins in `text` (entries mode)
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.mode === "entries") {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (ch === "\\") this.escaped = true;
          else if (ch === '"') this.inString = false;
          continue;
        }
        if (ch === '"') this.inString = true;
        else if (ch === "{" || ch === "[") this.depth++;
        else if (ch === "}" || ch === "]") {
          if (this.depth === 0) {
            if (ch === "}") throw this.error(i, "an unexpected }");
            this.parts.push(text.slice(start, i));
            this.finishEntry(out, true, i);
            this.mode = this.foundItems ? "object" : "done";
            if (this.foundItems) {
              this.afterColon = false;
              this.lastKey = null;
            }
            start = i + 1;
            continue;
          }
          this.depth--;
        } else if (ch === "," && this.depth === 0) {
          this.parts.push(text.slice(start, i));
          this.finishEntry(out, false, i);
          start = i + 1;
        }
        continue;
      }
      if (this.mode === "done") {
        if (!isSpace(ch)) throw this.error(i, "text after the end of the data");
        continue;
      }
      if (this.mode === "start") {
        if (isSpace(ch) || ch === "\uFEFF") continue;
        if (ch === "[") {
          this.mode = "entries";
          start = i + 1;
        } else if (ch === "{") this.mode = "object";
        else throw this.error(i, 'the file must hold a JSON array of entries, or an object with "items"');
        continue;
      }
      // object mode: the outer object; its `items` array holds the entries, other values are skipped
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          this.key?.push("\\", ch);
        } else if (ch === "\\") this.escaped = true;
        else if (ch === '"') {
          this.inString = false;
          if (this.key) {
            this.lastKey = JSON.parse(`"${this.key.join("")}"`) as string;
            this.key = null;
          }
        } else this.key?.push(ch);
        continue;
      }
      if (ch === '"') {
        this.inString = true;
        this.key = this.objectDepth === 0 && !this.afterColon ? [] : null;
      } else if (ch === ":" && this.objectDepth === 0) this.afterColon = true;
      else if (ch === "," && this.objectDepth === 0) {
        this.afterColon = false;
        this.lastKey = null;
      } else if (ch === "[" && this.objectDepth === 0 && this.afterColon && this.lastKey === "items") {
        if (this.foundItems) throw this.error(i, 'two "items" arrays');
        this.foundItems = true;
        this.mode = "entries";
        start = i + 1;
      } else if (ch === "{" || ch === "[") this.objectDepth++;
      else if (ch === "}" || ch === "]") {
        if (this.objectDepth === 0) {
          if (ch === "]") throw this.error(i, "an unexpected ]");
          if (!this.foundItems) throw this.error(i, 'the object has no "items" array');
          this.mode = "done";
        } else this.objectDepth--;
      }
    }
    if (this.mode === "entries" && start < text.length) this.parts.push(text.slice(start));
    this.offset += text.length;
    return out;
  }

  /** Called at the end of the file: refuses a file that stopped inside its data. */
  end(): void {
    if (this.mode !== "done") throw new JsonFileError("The file ends before its JSON data does");
  }

  private finishEntry(out: unknown[], closing: boolean, at: number) {
    const raw = this.parts.join("").trim();
    this.parts = [];
    if (raw === "") {
      // `[]` is an empty file; `[1,]` and `[,1]` are not JSON
      if (closing && !this.sawSeparator) return;
      throw this.error(at, "an empty entry");
    }
    try {
      out.push(JSON.parse(raw));
    } catch {
      throw this.error(at, `entry ${this.count + 1} is not valid JSON`);
    }
    this.count++;
    this.sawSeparator = !closing;
  }

  private error(i: number, what: string) {
    return new JsonFileError(`Invalid JSON data file at character ${this.offset + i + 1}: ${what}`);
  }
}

const isSpace = (ch: string) => ch === " " || ch === "\n" || ch === "\r" || ch === "\t";

/** The entries of a JSON data file read from `chunks` (UTF-8 bytes or text), in file order, one at a time. */
export async function* jsonEntries(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const scanner = new JsonEntryScanner();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new JsonFileError("The file is not UTF-8 text");
    }
    for (const entry of scanner.push(text)) yield entry;
  }
  for (const entry of scanner.push(decoder.decode())) yield entry;
  scanner.end();
}
