"use client";

import type { ProfileOwner, ProfileRole, ProfileRoleKind } from "@switchboard/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";
import {
  dangerButton,
  errorsOf,
  FieldError,
  type FieldErrors,
  FormError,
  inputClass,
  invalidProps,
  primaryButton,
  secondaryButton,
} from "../admin/form-errors";

export interface AddressOption {
  id: string;
  label: string;
}

const KINDS: { kind: ProfileRoleKind; label: string; number: string; since: string }[] = [
  { kind: "customer", label: "Customer", number: "Customer number", since: "Customer since" },
  {
    kind: "alternativePayer",
    label: "Alternative payer",
    number: "Alternative payer number",
    since: "Since",
  },
  { kind: "supplier", label: "Supplier", number: "Supplier number", since: "Supplier since" },
];

type Customer = ProfileRole<"customer">;
type Configuration = NonNullable<Customer["deliveryAndInvoicingConfigurations"]>[number];

interface ConfigurationDraft {
  key: number;
  brandId: string;
  alternativePayerId: string;
  invoiceAddressId: string;
  deliveryAddressId: string;
}

const card = "rounded-lg bg-white shadow-sm ring-1 ring-slate-200";
const labelClass = "block text-sm font-medium";

/** Everything a role holds but the form does not edit (kept on save: a role write replaces it whole). */
function keptFields(role: ProfileRole | undefined): Record<string, unknown> {
  if (!role) return {};
  const {
    kind: _k,
    owner: _o,
    createdAt: _c,
    modifiedAt: _m,
    externalCardAdded: _e,
    number: _n,
    isActive: _a,
    since: _s,
    accountNumber: _acc,
    ...rest
  } = role as ProfileRole & Record<string, unknown>;
  return rest;
}

/**
 * The roles a contact or organization holds (customer, alternative payer, supplier): each shown with its
 * fields, and given, edited or taken away. The customer role's credit limit, alternative payer and delivery and
 * invoicing configurations are edited here; what the form does not show is kept as it is.
 */
export function RolesPanel({
  owner,
  addresses,
  currencies,
  canEdit,
}: {
  owner: ProfileOwner;
  addresses: AddressOption[];
  currencies: readonly string[];
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const roles = useQuery(trpc.profile.roles.queryOptions({ owner }));
  const payers = useQuery(trpc.profile.alternativePayers.queryOptions());
  const [editing, setEditing] = useState<ProfileRoleKind | null>(null);
  const payerName = (id: string | undefined) =>
    id ? (payers.data?.find((p) => p.id === id)?.name ?? id) : undefined;
  const addressName = (id: string | undefined) =>
    id ? (addresses.find((a) => a.id === id)?.label ?? id) : undefined;

  return (
    <div className="space-y-3">
      {roles.error && <FormError message={roles.error.message} />}
      {KINDS.map(({ kind, label, number, since }) => {
        const role = roles.data?.find((r) => r.kind === kind);
        if (editing === kind)
          return (
            <RoleForm
              key={kind}
              owner={owner}
              kind={kind}
              label={label}
              numberLabel={number}
              sinceLabel={since}
              role={role}
              addresses={addresses}
              currencies={currencies}
              payers={(payers.data ?? []).filter((p) => p.id !== owner.id)}
              onDone={() => setEditing(null)}
            />
          );
        if (!role && !canEdit) return null;
        return (
          <section key={kind} aria-label={`${label} role`} className={`space-y-2 p-4 text-sm ${card}`}>
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="font-medium">{label}</h3>
              {role && (
                <span
                  className={`rounded-full px-2 py-0.5 text-xs ${role.isActive ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-600"}`}
                >
                  {role.isActive ? "active" : "inactive"}
                </span>
              )}
              {role?.kind === "customer" && (role as Customer).isSuspended && (
                <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800">suspended</span>
              )}
              {canEdit && (
                <span className="ml-auto flex gap-2">
                  <button type="button" className={secondaryButton} onClick={() => setEditing(kind)}>
                    {role ? `Edit ${label.toLowerCase()} role` : `Add ${label.toLowerCase()} role`}
                  </button>
                  {role && <RemoveRole owner={owner} kind={kind} label={label} />}
                </span>
              )}
            </div>
            {role ? (
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                <dt className="text-slate-500">{number}</dt>
                <dd data-testid={`${kind}-number`}>{role.number}</dd>
                <dt className="text-slate-500">{since}</dt>
                <dd>{role.since}</dd>
                {"accountNumber" in role && typeof role.accountNumber === "string" && (
                  <>
                    <dt className="text-slate-500">
                      {kind === "supplier" ? "Creditor account" : "Debtor account"}
                    </dt>
                    <dd>{role.accountNumber}</dd>
                  </>
                )}
                {role.kind === "customer" && (
                  <CustomerFields role={role as Customer} payerName={payerName} addressName={addressName} />
                )}
              </dl>
            ) : (
              <p className="text-slate-500">No {label.toLowerCase()} role.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

function CustomerFields({
  role,
  payerName,
  addressName,
}: {
  role: Customer;
  payerName: (id?: string) => string | undefined;
  addressName: (id?: string) => string | undefined;
}) {
  const configs = role.deliveryAndInvoicingConfigurations ?? [];
  return (
    <>
      <dt className="text-slate-500">Credit limit</dt>
      <dd data-testid="customer-credit-limit">
        {role.creditLimit ? `${role.creditLimit.value.toFixed(2)} ${role.creditLimit.unit}` : "—"}
      </dd>
      <dt className="text-slate-500">Alternative payer</dt>
      <dd data-testid="customer-alternative-payer">{payerName(role.alternativePayer?.id) ?? "—"}</dd>
      <dt className="text-slate-500">Delivery and invoicing</dt>
      <dd>
        {configs.length === 0 ? (
          "—"
        ) : (
          <ul aria-label="Delivery and invoicing configurations" className="list-disc pl-4">
            {configs.map((c: Configuration) => (
              // Limitations are unique per role: at most one configuration without any.
              <li key={c.limitations?.brandId ?? ""}>
                {c.limitations?.brandId ? `Brand ${c.limitations.brandId}` : "Without limitations"}
                {c.alternativePayer && `; paid by ${payerName(c.alternativePayer.id)}`}
                {c.invoiceAddressId && `; invoices to ${addressName(c.invoiceAddressId)}`}
                {c.deliveryAddressId && `; delivery to ${addressName(c.deliveryAddressId)}`}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

function RemoveRole({ owner, kind, label }: { owner: ProfileOwner; kind: ProfileRoleKind; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const remove = useMutation(
    trpc.profile.deleteRole.mutationOptions({
      onSuccess: () => {
        queryClient.invalidateQueries({ queryKey: trpc.profile.roles.queryKey({ owner }) });
        queryClient.invalidateQueries({ queryKey: trpc.profile.alternativePayers.queryKey() });
        router.refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  return (
    <>
      <button
        type="button"
        className={dangerButton}
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Remove the ${label.toLowerCase()} role?`)) remove.mutate({ owner, kind });
        }}
      >
        Remove {label.toLowerCase()} role
      </button>
      {error && <FormError message={error} />}
    </>
  );
}

let draftKeys = 0;
const draftOf = (c?: Configuration): ConfigurationDraft => ({
  key: ++draftKeys,
  brandId: c?.limitations?.brandId ?? "",
  alternativePayerId: c?.alternativePayer?.id ?? "",
  invoiceAddressId: c?.invoiceAddressId ?? "",
  deliveryAddressId: c?.deliveryAddressId ?? "",
});

function RoleForm({
  owner,
  kind,
  label,
  numberLabel,
  sinceLabel,
  role,
  addresses,
  currencies,
  payers,
  onDone,
}: {
  owner: ProfileOwner;
  kind: ProfileRoleKind;
  label: string;
  numberLabel: string;
  sinceLabel: string;
  role: ProfileRole | undefined;
  addresses: AddressOption[];
  currencies: readonly string[];
  payers: { id: string; name: string | null; number: string }[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const customer = kind === "customer" ? (role as Customer | undefined) : undefined;
  const [number, setNumber] = useState(role?.number ?? "");
  const [since, setSince] = useState(role?.since ?? new Date().toISOString().slice(0, 10));
  const [isActive, setActive] = useState(role?.isActive ?? true);
  const [isSuspended, setSuspended] = useState(customer?.isSuspended ?? false);
  const [creditLimit, setCreditLimit] = useState(
    customer?.creditLimit ? String(customer.creditLimit.value) : "",
  );
  const [currency, setCurrency] = useState<string>(customer?.creditLimit?.unit ?? "EUR");
  const [payerId, setPayerId] = useState(customer?.alternativePayer?.id ?? "");
  const [configs, setConfigs] = useState<ConfigurationDraft[]>(
    () => customer?.deliveryAndInvoicingConfigurations?.map(draftOf) ?? [],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const put = useMutation(trpc.profile.putRole.mutationOptions());
  const id = (field: string) => `role-${kind}-${field}`;
  const fields = [
    "number",
    "since",
    "isActive",
    "isSuspended",
    "creditLimit",
    "alternativePayer",
    ...configs.map((_, i) => `deliveryAndInvoicingConfigurations.${i}`),
    "deliveryAndInvoicingConfigurations",
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    const base = { ...keptFields(role), number, since, isActive };
    const value = creditLimit.trim() === "" ? undefined : Number(creditLimit);
    if (value !== undefined && !Number.isFinite(value)) {
      setErrors({ creditLimit: "must be a number" });
      return;
    }
    const input =
      kind === "customer"
        ? {
            ...base,
            isSuspended,
            creditLimit: value === undefined ? undefined : { value, unit: currency },
            alternativePayer: payerId ? { id: payerId } : undefined,
            deliveryAndInvoicingConfigurations: configs.length
              ? configs.map((c) => ({
                  limitations: c.brandId.trim() ? { brandId: c.brandId.trim() } : undefined,
                  alternativePayer: c.alternativePayerId ? { id: c.alternativePayerId } : undefined,
                  invoiceAddressId: c.invoiceAddressId || undefined,
                  deliveryAddressId: c.deliveryAddressId || undefined,
                }))
              : undefined,
          }
        : base;
    try {
      await put.mutateAsync({ owner, kind, role: input });
      await queryClient.invalidateQueries({ queryKey: trpc.profile.roles.queryKey({ owner }) });
      if (kind === "alternativePayer")
        await queryClient.invalidateQueries({ queryKey: trpc.profile.alternativePayers.queryKey() });
      router.refresh(); // the timeline records each changed field
      onDone();
    } catch (error) {
      setErrors(errorsOf(error, fields));
    }
  }

  const update = (key: number, patch: Partial<ConfigurationDraft>) =>
    setConfigs((list) => list.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const payerOptions = (
    <>
      <option value="">None</option>
      {payers.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name ?? p.id} ({p.number})
        </option>
      ))}
    </>
  );
  const addressOptions = (
    <>
      <option value="">None</option>
      {addresses.map((a) => (
        <option key={a.id} value={a.id}>
          {a.label}
        </option>
      ))}
    </>
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`${label} role`}
      className={`space-y-3 p-4 text-sm ${card}`}
    >
      <h3 className="font-medium">
        {role ? `Edit the ${label.toLowerCase()} role` : `New ${label.toLowerCase()} role`}
      </h3>
      <FormError message={errors.form} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={id("number")} className={labelClass}>
            {numberLabel}
          </label>
          <input
            id={id("number")}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            {...invalidProps(errors, "number", id("number"))}
            className={inputClass}
          />
          <FieldError id={`${id("number")}-error`} message={errors.number} />
        </div>
        <div>
          <label htmlFor={id("since")} className={labelClass}>
            {sinceLabel}
          </label>
          <input
            id={id("since")}
            type="date"
            value={since}
            onChange={(e) => setSince(e.target.value)}
            {...invalidProps(errors, "since", id("since"))}
            className={inputClass}
          />
          <FieldError id={`${id("since")}-error`} message={errors.since} />
        </div>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isActive} onChange={(e) => setActive(e.target.checked)} />
          Active
        </label>
        {kind === "customer" && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={isSuspended} onChange={(e) => setSuspended(e.target.checked)} />
            Suspended
          </label>
        )}
      </div>
      {kind === "customer" && (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor={id("credit-limit")} className={labelClass}>
                Credit limit
              </label>
              <div className="flex gap-2">
                <input
                  id={id("credit-limit")}
                  inputMode="decimal"
                  value={creditLimit}
                  onChange={(e) => setCreditLimit(e.target.value)}
                  {...invalidProps(errors, "creditLimit", id("credit-limit"))}
                  className={inputClass}
                />
                <select
                  aria-label="Credit limit currency"
                  value={currency}
                  onChange={(e) => setCurrency(e.target.value)}
                  className={`${inputClass} w-28`}
                >
                  {currencies.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </div>
              <FieldError id={`${id("credit-limit")}-error`} message={errors.creditLimit} />
            </div>
            <div>
              <label htmlFor={id("payer")} className={labelClass}>
                Alternative payer
              </label>
              <select
                id={id("payer")}
                value={payerId}
                onChange={(e) => setPayerId(e.target.value)}
                {...invalidProps(errors, "alternativePayer", id("payer"))}
                className={inputClass}
              >
                {payerOptions}
              </select>
              <FieldError id={`${id("payer")}-error`} message={errors.alternativePayer} />
            </div>
          </div>
          <fieldset className="space-y-2">
            <legend className="font-medium">Delivery and invoicing configurations</legend>
            <FieldError id={`${id("configs")}-error`} message={errors.deliveryAndInvoicingConfigurations} />
            {configs.map((c, i) => {
              const cid = (f: string) => id(`config-${c.key}-${f}`);
              const n = i + 1;
              return (
                <div key={c.key} className="grid gap-2 rounded-md bg-slate-50 p-3 sm:grid-cols-2">
                  <div>
                    <label htmlFor={cid("brand")} className={labelClass}>
                      Configuration {n} brand
                    </label>
                    <input
                      id={cid("brand")}
                      value={c.brandId}
                      placeholder="any brand"
                      onChange={(e) => update(c.key, { brandId: e.target.value })}
                      className={inputClass}
                    />
                  </div>
                  <div>
                    <label htmlFor={cid("payer")} className={labelClass}>
                      Configuration {n} alternative payer
                    </label>
                    <select
                      id={cid("payer")}
                      value={c.alternativePayerId}
                      onChange={(e) => update(c.key, { alternativePayerId: e.target.value })}
                      className={inputClass}
                    >
                      {payerOptions}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={cid("invoice")} className={labelClass}>
                      Configuration {n} invoice address
                    </label>
                    <select
                      id={cid("invoice")}
                      value={c.invoiceAddressId}
                      onChange={(e) => update(c.key, { invoiceAddressId: e.target.value })}
                      className={inputClass}
                    >
                      {addressOptions}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={cid("delivery")} className={labelClass}>
                      Configuration {n} delivery address
                    </label>
                    <select
                      id={cid("delivery")}
                      value={c.deliveryAddressId}
                      onChange={(e) => update(c.key, { deliveryAddressId: e.target.value })}
                      className={inputClass}
                    >
                      {addressOptions}
                    </select>
                  </div>
                  <FieldError
                    id={`${cid("error")}`}
                    message={errors[`deliveryAndInvoicingConfigurations.${i}`]}
                  />
                  <div className="sm:col-span-2">
                    <button
                      type="button"
                      className={dangerButton}
                      onClick={() => setConfigs((list) => list.filter((x) => x.key !== c.key))}
                    >
                      Remove configuration {n}
                    </button>
                  </div>
                </div>
              );
            })}
            <button
              type="button"
              className={secondaryButton}
              onClick={() => setConfigs((l) => [...l, draftOf()])}
            >
              Add configuration
            </button>
          </fieldset>
        </>
      )}
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={put.isPending}>
          Save {label.toLowerCase()} role
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
