/**
 * Every benchmark scenario and the baseline routes they need. A new scenario (1M-contact search, bulk add,
 * CSV import, ...) is a module here: a `Scenario` for the bench and its `BaselineRoute`s for the baseline.
 */
import type { BaselineRoute, Scenario } from "../scenario";
import { bulkAdd, bulkAddBaseline } from "./bulk-add";
import { contactReads, contactReadsBaseline } from "./contact-reads";
import { dfsReads, dfsReadsBaseline } from "./dfs-reads";
import { enforeReads, enforeReadsBaseline } from "./enfore-reads";
import { genesysOrganizationReads, genesysOrganizationReadsBaseline } from "./genesys-organization-reads";

export const SCENARIOS: Scenario[] = [contactReads, genesysOrganizationReads, enforeReads, dfsReads, bulkAdd];

export const BASELINE_ROUTES: BaselineRoute[] = [
  ...contactReadsBaseline,
  ...genesysOrganizationReadsBaseline,
  ...enforeReadsBaseline,
  ...dfsReadsBaseline,
  ...bulkAddBaseline,
];
