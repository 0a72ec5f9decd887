import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();

const PATH = `${ORG}/configuration`;

describe("enfore configuration (ops 129-130)", () => {
  it("is the default until stored, is replaced whole, and 422s external management without usable workflows", async () => {
    expect(await call(h(), "GET", PATH, 200)).toEqual({ use_external_contact_management: false });
    const problem = await call(h(), "PUT", PATH, 422, { use_external_contact_management: true });
    expect(problem.title).toBe("Unprocessable Entity");
    await call(h(), "PUT", PATH, 422, {
      use_external_contact_management: true,
      custom_workflow_config: { provider_id: "crm" },
    });
    const full = {
      use_external_contact_management: true,
      custom_workflow_config: {
        provider_id: "crm",
        provide_contact_start_url: "https://crm.example/provide",
        provide_contact_address_start_url: "https://crm.example/address",
        show_contact_details_start_url: "https://crm.example/show",
      },
      api_access_configuration: {
        url: "https://crm.example/api",
        credentials_key: "crm-key",
        timeout_in_millis: 5000,
        max_retries: 1,
        retry_interval_in_millis: 100,
      },
    };
    const saved = await call(h(), "PUT", PATH, 200, full);
    expect(saved).toEqual(full);
    expect(Object.keys(saved)).toEqual(Object.keys(full));
    expect(await call(h(), "GET", PATH, 200)).toEqual(full);

    // Omitted API settings take their defaults; a PUT replaces what was stored.
    const partial = await call(h(), "PUT", PATH, 200, {
      use_external_contact_management: false,
      api_access_configuration: { url: "https://crm.example/api" },
    });
    expect(partial).toEqual({
      use_external_contact_management: false,
      api_access_configuration: {
        url: "https://crm.example/api",
        timeout_in_millis: 2000,
        max_retries: 3,
        retry_interval_in_millis: 250,
      },
    });
    expect(await call(h(), "GET", PATH, 200)).toEqual(partial);
    for (const bad of [
      {},
      { use_external_contact_management: "no" },
      { use_external_contact_management: false, api_access_configuration: { max_retries: -1 } },
    ])
      await call(h(), "PUT", PATH, 400, bad);
  });

  it("403 without the permissions or for another org", async () => {
    const viewer = await h().tokenFor([PERMISSIONS.contactConfigurationView]);
    await call(h(), "GET", PATH, 200, undefined, viewer);
    await call(h(), "PUT", PATH, 403, { use_external_contact_management: false }, viewer);
    const none = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", PATH, 403, undefined, none);
    await call(h(), "GET", "/enfore/org/another-org/configuration", 403);
  });

  it("the OpenAPI document lists the roles, tags, images, placeholder, list, configuration and /full paths", async () => {
    const doc = (await (await h().request("/enfore/openapi.json", { token: null })).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const expected: [string, string[]][] = [
      ["/org/{org-id}/individual/{contact-id}/roles/customer", ["get", "put"]],
      ["/org/{org-id}/organization/{contact-id}/roles/alternative-payer", ["get", "put"]],
      ["/org/{org-id}/organization/{contact-id}/roles/supplier", ["get", "put"]],
      ["/org/{org-id}/individual/{contact-id}/tags/{tag-id}", ["delete"]],
      ["/org/{org-id}/placeholder-customers/{placeholder-customer-id}/images", ["get", "post"]],
      ["/org/{org-id}/customer-lists/{list-id}/items/{contact-id}", ["delete"]],
      ["/org/{org-id}/configuration", ["get", "put"]],
      ["/org/{org-id}/individual/{contact-id}/professional-identities/full", ["get"]],
      ["/org/{org-id}/organization/{contact-id}/full", ["get"]],
    ];
    for (const [path, methods] of expected)
      expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual(methods);
  });
});
