import { describe, expect, it } from "vitest";
import { selectDeliveryAndInvoicingConfiguration } from "../src";

describe("selectDeliveryAndInvoicingConfiguration", () => {
  const priority = ["La", "Lb", "Lc", "Ld"];
  const context = { La: "a", Lb: "b", Lc: "c", Ld: "d" };
  const config = (name: string, limitations?: Record<string, string>) => ({ name, limitations });
  const seed = [
    config("none"),
    config("La", { La: "a" }),
    config("Lb", { Lb: "b" }),
    config("La+Ld", { La: "a", Ld: "d" }),
    config("Lb+Lc+Ld", { Lb: "b", Lc: "c", Ld: "d" }),
  ];

  it("takes {La, Ld} of the seed's example: {La, Ld} > {La} > {Lb, Lc, Ld} > {Lb}, all matching", () => {
    expect(selectDeliveryAndInvoicingConfiguration(seed, context, priority)?.name).toBe("La+Ld");
    // The same order in any input order, and one step down the order each time the winner is taken away.
    expect(selectDeliveryAndInvoicingConfiguration([...seed].reverse(), context, priority)?.name).toBe(
      "La+Ld",
    );
    const order: string[] = [];
    let left = seed;
    for (let i = 0; i < 4; i++) {
      const chosen = selectDeliveryAndInvoicingConfiguration(left, context, priority)!;
      order.push(chosen.name);
      left = left.filter((c) => c !== chosen);
    }
    expect(order).toEqual(["La+Ld", "La", "Lb+Lc+Ld", "Lb"]);
  });

  it("drops a configuration with any limitation the context does not match, then falls back to the unlimited one", () => {
    expect(selectDeliveryAndInvoicingConfiguration(seed, { ...context, Ld: "x" }, priority)?.name).toBe("La");
    expect(selectDeliveryAndInvoicingConfiguration(seed, { Lc: "c" }, priority)?.name).toBe("none");
    expect(selectDeliveryAndInvoicingConfiguration(seed.slice(1), { Lc: "c" }, priority)).toBeUndefined();
    expect(selectDeliveryAndInvoicingConfiguration([], context, priority)).toBeUndefined();
  });

  it("uses brand as the only limitation by default; an empty limitations object is no limitation", () => {
    const configs = [
      { limitations: {}, deliveryAddressId: "own" },
      { limitations: { brandId: "b1" }, deliveryAddressId: "b1" },
    ];
    expect(selectDeliveryAndInvoicingConfiguration(configs, { brandId: "b1" })?.deliveryAddressId).toBe("b1");
    expect(selectDeliveryAndInvoicingConfiguration(configs, { brandId: "b2" })?.deliveryAddressId).toBe(
      "own",
    );
  });
});
