import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { type CsvError, parse } from "csv-parse";
import type { CsvAnalysis, CsvLineError } from "./model";
import { binaryReason, detectDelimiter } from "./rules";

/** Line errors kept per upload: enough to fix a file, bounded whatever the file. */
const MAX_LINE_ERRORS = 1000;
const SAMPLE_BYTES = 64 * 1024;

export interface CsvRecord {
  record: string[];
  /** Physical line where the record ends (1-based). */
  line: number;
}

/** Records of a CSV, streamed through csv-parse: memory stays flat whatever the file size. */
export async function* readCsv(
  source: Readable,
  options: { delimiter: string; encoding: CsvAnalysis["encoding"] },
): AsyncGenerator<CsvRecord> {
  const parser = source.pipe(
    parse({
      delimiter: options.delimiter,
      encoding: options.encoding === "UTF-8" ? "utf8" : "latin1",
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }),
  );
  source.on("error", (error) => parser.destroy(error));
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    yield { record, line: info.lines };
  }
}

/** Reads the first bytes of a stream without consuming the rest (the caller opens a fresh one). */
async function headOf(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= SAMPLE_BYTES) break;
  }
  source.destroy();
  return Buffer.concat(chunks).subarray(0, SAMPLE_BYTES);
}

/** Thrown when the bytes are not a CSV at all (a workbook, a PDF, binary): the upload is refused. */
export class NotCsvError extends Error {}

/**
 * Analyses a stored CSV in one streaming pass: separator (from a sample), encoding (UTF-8 if every byte
 * decodes, else read as ISO-8859-1), headers, data row count, and line errors (blank or repeated headers,
 * rows with another number of fields than the header, unreadable quoting).
 */
export async function analyzeCsv(open: () => Readable): Promise<CsvAnalysis> {
  const head = await headOf(open());
  const notCsv = binaryReason(head);
  if (notCsv) throw new NotCsvError(notCsv);
  const { delimiter, found } = detectDelimiter(head.toString("utf8"));

  const errors: CsvLineError[] = [];
  const report = (lineNumber: number, message: string) => {
    if (errors.length < MAX_LINE_ERRORS) errors.push({ lineNumber, message });
  };
  if (!found && head.length > 0)
    report(1, "no separator found in the header line (expected a comma, semicolon, tab or |)");

  // UTF-8 check in the same pass: a fatal decoder fed chunk by chunk.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let utf8 = true;
  let linesBefore = 0;
  const checker = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (utf8) {
        try {
          decoder.decode(chunk, { stream: true });
          for (const b of chunk) if (b === 10) linesBefore++;
        } catch {
          utf8 = false;
          report(linesBefore + 1, "the file is not valid UTF-8; it is read as ISO-8859-1 (Latin-1)");
        }
      }
      done(null, chunk);
    },
  });
  const source = open();
  source.on("error", (error) => checker.destroy(error));
  source.pipe(checker);

  let headers: string[] = [];
  let rowCount = 0;
  try {
    // Decoding as Latin-1 never fails, so the structure can be read whatever the encoding turns out to be.
    for await (const { record, line } of readCsv(checker, { delimiter, encoding: "ISO-8859-1" })) {
      if (headers.length === 0 && rowCount === 0) {
        headers = record.map((h) => h.trim());
        const seen = new Set<string>();
        headers.forEach((h, i) => {
          if (!h) report(line, `column ${i + 1} has no header`);
          else if (seen.has(h)) report(line, `the header ${h} appears twice`);
          seen.add(h);
        });
        continue;
      }
      rowCount++;
      if (record.length !== headers.length)
        report(line, `expected ${headers.length} fields as in the header, found ${record.length}`);
    }
  } catch (error) {
    const e = error as CsvError & { lines?: number };
    report(e.lines ?? 0, e.message);
  }
  if (headers.length === 0) report(1, "the file is empty");
  return {
    delimiter,
    encoding: utf8 ? "UTF-8" : "ISO-8859-1",
    separatorValid: found,
    fileEncodingValid: utf8,
    // Header names were read as Latin-1 above; re-decode them when the file is UTF-8.
    headers: utf8 ? headers.map((h) => Buffer.from(h, "latin1").toString("utf8")) : headers,
    rowCount,
    errors,
  };
}
