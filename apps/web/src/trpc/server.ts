import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTRPCContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";

/** Server components call tRPC directly, with this request's headers (so its session cookie) forwarded. */
export const api = cache(async () => createCaller(await createTRPCContext({ headers: await headers() })));
