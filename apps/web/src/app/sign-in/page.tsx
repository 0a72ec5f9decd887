import type { Metadata } from "next";
import { redirectTarget } from "~/server/redirect-target";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { error, email, organization, next, retry } = await searchParams;
  const askOrganization = error === "organization";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        method="post"
        action="/api/auth/sign-in"
        className="w-full max-w-sm space-y-5 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200"
      >
        <div>
          <h1 className="text-xl font-semibold">Sign in to Switchboard</h1>
          <p className="mt-1 text-sm text-slate-600">Your contact hub.</p>
        </div>
        {error === "locked" ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            Too many sign-in attempts for this email or from this address. Try again in{" "}
            {Number(retry) > 0 ? `${Number(retry)} seconds` : "a little while"}.
          </p>
        ) : askOrganization ? (
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This email and password belong to more than one organization. Enter the organization to sign in
            to.
          </p>
        ) : (
          error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              That email and password do not match.
            </p>
          )
        )}
        <input type="hidden" name="next" value={redirectTarget(next)} />
        <label className="block text-sm font-medium">
          Email
          <input
            name="email"
            type="email"
            required
            autoComplete="username"
            defaultValue={email}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            required
            autoComplete="current-password"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <div>
          <label className="block text-sm font-medium">
            Organization{" "}
            {askOrganization ? null : <span className="font-normal text-slate-500">(optional)</span>}
            <input
              name="organization"
              type="text"
              required={askOrganization}
              autoComplete="organization"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={63}
              defaultValue={organization}
              aria-describedby="organization-hint"
              aria-invalid={askOrganization || undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
          </label>
          {/* Outside the label, so it is a description and not part of the field's name. */}
          <p id="organization-hint" className="mt-1 text-xs text-slate-500">
            Only needed when your sign-in belongs to several organizations: its short name, such as acme-ltd.
          </p>
        </div>
        <button
          type="submit"
          className="w-full rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
