import { openImportErrorReport } from "@switchboard/domain";
import { sessionDownload } from "~/server/session-download";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The error report of an import job (row, field, message), for the import wizard's link. */
export const GET = sessionDownload(openImportErrorReport);
