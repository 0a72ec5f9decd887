export * from "./access";
export * from "./anonymize";
export * from "./bulk";
export * from "./change-history";
export * from "./change-requests";
export * from "./contact-configuration";
export * from "./contact-points";
export * from "./contact-points/use-cases";
export * from "./contacts";
export * from "./details-schemas";
export {
  DFS_IMPORT_MAX_BYTES,
  type DfsExportJob,
  type DfsImportedFile,
  type DfsSyncState,
  type DfsTransferKind,
  getDfsSyncStatus,
  openDfsExportDownload,
  reviveStaleDfsSyncs,
  runDfsExport,
  runDfsSync,
  startDfsExport,
  startDfsSync,
  uploadDfsImportFile,
} from "./dfs-transfer";
export * from "./enrich";
export * from "./exports";
export * from "./external-connections";
export * from "./external-sources";
export * from "./files";
export * from "./full-records";
export * from "./history";
export * from "./identifiers";
export * from "./identity-graph";
export * from "./imports";
export * from "./jobs";
export * from "./journey-segments";
export * from "./legal-entities";
export * from "./lists";
export * from "./lookup";
export * from "./notes";
export * from "./numbers";
export * from "./organizations";
export * from "./placeholder-customers";
export * from "./professional-identities";
export * from "./profile";
export * from "./profile-picture";
export * from "./rate-limits";
export * from "./relationships";
export * from "./schemas";
export * from "./shared/context";
export * from "./shared/errors";
export * from "./shared/patch";
export { readContactRecord } from "./shared/resolved-contacts";
export * from "./shared/validation";
export * from "./tenancy";
export * from "./usernames";
export * from "./verification";
