import { openExportDownload } from "@switchboard/domain";
import { sessionDownload } from "~/server/session-download";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The finished CSV of an export, for the exports page's download link. */
export const GET = sessionDownload(openExportDownload);
