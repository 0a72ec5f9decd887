"use client";

import {
  type InvalidateOptions,
  type InvalidateQueryFilters,
  QueryClient,
  QueryClientProvider,
  type QueryKey,
} from "@tanstack/react-query";
import { createTRPCClient, httpBatchStreamLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/trpc/root";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * Invalidating after a write must read after the write. TanStack refetches a query that has data, but a first
 * load still in flight (no data yet) is reused, and it may have read before the write: the panel would miss a
 * note added while it loaded until the data went stale. Such loads are cancelled first, so they start again.
 */
class QueryClientReadingAfterWrites extends QueryClient {
  override async invalidateQueries<TTaggedQueryKey extends QueryKey = QueryKey>(
    filters?: InvalidateQueryFilters<TTaggedQueryKey>,
    options?: InvalidateOptions,
  ) {
    if (filters?.refetchType !== "none")
      await this.cancelQueries({
        ...filters,
        predicate: (query) => query.state.data === undefined && (filters?.predicate?.(query) ?? true),
      });
    return super.invalidateQueries(filters, options);
  }
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClientReadingAfterWrites({ defaultOptions: { queries: { staleTime: 30_000 } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // The contact list's pages go out at once, in the click that asks for them: a batch waits for the
          // next tick, by which time the browser has laid out and painted the click first (~10-30 ms).
          condition: (op) => op.path === "contacts.listRows",
          true: httpLink({ url: "/api/trpc", transformer: superjson }),
          // Streamed: each call of a batch is answered as soon as it is ready, so a quick one is not held
          // back by a slow one sent with it.
          false: httpBatchStreamLink({ url: "/api/trpc", transformer: superjson }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
