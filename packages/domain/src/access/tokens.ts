import { type Database, listen } from "@switchboard/db";
import { RATE_LIMIT_WINDOW_SECONDS } from "../rate-limits/rules";
import { waitFor } from "../rate-limits/service";
import { hashToken } from "./rules";
import { type BearerPrincipal, resolveAccessToken, type TokenPrincipal } from "./service";

/**
 * The channel the database notifies, with the tenant id, on any change to what a bearer token resolves to:
 * the token, its client or member, roles and role assignments (triggers of migration 0024).
 */
export const PRINCIPALS_CHANNEL = "switchboard_principals";

/**
 * The longest a server copy honours a bearer token after it was revoked or its access changed, as promised:
 * a cache entry lives at most this long from the moment its lookup was sent, so the bound holds even when a
 * notification never arrives (a lost listener connection, PgBouncer in transaction mode).
 */
export const PRINCIPAL_CACHE_MAX_MS = 1000;

/** `SWITCHBOARD_PRINCIPAL_CACHE_MS`: 0 (no cache) to 1000 ms; 1000 by default. */
export function principalCacheMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SWITCHBOARD_PRINCIPAL_CACHE_MS?.trim();
  const value = raw ? Number(raw) : PRINCIPAL_CACHE_MAX_MS;
  if (!Number.isSafeInteger(value) || value < 0 || value > PRINCIPAL_CACHE_MAX_MS)
    throw new Error(
      `SWITCHBOARD_PRINCIPAL_CACHE_MS must be a whole number from 0 to ${PRINCIPAL_CACHE_MAX_MS}, not "${raw}"`,
    );
  return value;
}

interface Entry {
  tenantId: string;
  principal: BearerPrincipal;
  /** Date.now() after which the entry is not served. */
  validUntil: number;
  /** The token's hits in its window as of the lookup (every server copy's), and when that window ends. */
  hits: number;
  windowEndsAt: number;
  blockedUntil: number | null;
}

/** One token's state: its entry, the requests served since its last lookup, and the lookup under way. */
interface Slot {
  entry?: Entry;
  /** Requests made with the token that no lookup has counted yet. */
  pending: number;
  lookup?: Promise<Entry | null>;
  lastUsed: number;
}

export interface PrincipalCacheOptions {
  /** How long a resolved token is served from memory; 0 turns the cache off. */
  ttlMs: number;
  /** The per-token limit (`rateLimitSettings().tokenPerMinute`); 0: not counted. */
  perMinute: number;
  /** Listen for `PRINCIPALS_CHANNEL` (default true). */
  listen?: boolean;
}

/**
 * The principals behind bearer tokens, kept in memory for `ttlMs` (at most a second) and dropped per tenant
 * when the database notifies a change (`PRINCIPALS_CHANNEL`), so a revoked token or a changed role stops
 * working on every server copy at once, and within a second even without the notification. Concurrent
 * requests with one token share one lookup.
 *
 * The per-token rate limit still counts every request in PostgreSQL, so all copies count together, but in
 * batches: each lookup (at most one per token and second per copy) adds the requests served from memory
 * since the last one, and a request is refused when the window's count as of the last lookup plus those
 * not yet counted is over the limit. Each copy may thus let through what it serves of one token in one
 * `ttlMs` beyond the limit, before it sees the other copies' count.
 */
export class PrincipalCache {
  private readonly slots = new Map<string, Slot>();
  /** Moves on every invalidation: a lookup sent before it is not stored. */
  private generation = 0;
  private sweeper?: ReturnType<typeof setInterval>;

  constructor(
    private readonly db: Database,
    private readonly options: PrincipalCacheOptions,
  ) {}

  /** The token's principal and whether it is over its limit, or null when the token is not (or no longer) valid. */
  async resolve(token: string): Promise<(BearerPrincipal & { retryAfterSeconds: number | null }) | null> {
    const limit = { perMinute: this.options.perMinute };
    if (this.options.ttlMs <= 0) return resolveAccessToken(this.db, token, limit);
    this.start();
    const key = hashToken(token);
    const now = Date.now();
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { pending: 0, lastUsed: now };
      this.slots.set(key, slot);
    }
    slot.pending++;
    slot.lastUsed = now;
    let entry: Entry | null | undefined = slot.entry;
    if (!entry || entry.validUntil <= now) {
      slot.entry = undefined;
      slot.lookup ??= this.lookup(key, token, slot);
      entry = await slot.lookup;
      if (!entry) return null;
    }
    return { ...entry.principal, retryAfterSeconds: this.wait(entry, slot) };
  }

  /** Drops the entries of `tenantId` (of every tenant when absent): their next request looks them up again. */
  invalidate(tenantId?: string): void {
    this.generation++;
    for (const slot of this.slots.values())
      if (tenantId === undefined || slot.entry?.tenantId === tenantId) slot.entry = undefined;
  }

  /** Stops the sweeper (the listener ends with the database connection). */
  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private start() {
    if (this.sweeper) return;
    // Tokens unused for longer than a window are forgotten (their uncounted requests belong to a past window).
    const idle = (RATE_LIMIT_WINDOW_SECONDS + 1) * 1000;
    this.sweeper = setInterval(() => {
      const before = Date.now() - idle;
      for (const [key, slot] of this.slots)
        if (!slot.lookup && slot.lastUsed < before) this.slots.delete(key);
    }, idle);
    this.sweeper.unref();
    if (this.options.listen === false) return;
    // Every (re)connection of the listener drops everything: what changed while it was away was not heard.
    void listen(
      this.db,
      PRINCIPALS_CHANNEL,
      (tenantId) => this.invalidate(tenantId),
      () => this.invalidate(),
    ).catch((error: unknown) => {
      // Without notifications the entries still expire after `ttlMs` (at most a second).
      console.error(
        `[principals] cannot listen for ${PRINCIPALS_CHANNEL}; entries expire after their TTL`,
        error,
      );
    });
  }

  private async lookup(key: string, token: string, slot: Slot): Promise<Entry | null> {
    const generation = this.generation;
    const sentAt = Date.now();
    // This lookup counts every request made since the last one, this one included.
    const hits = slot.pending;
    slot.pending = 0;
    let found: TokenPrincipal | null;
    try {
      found = await resolveAccessToken(this.db, token, { perMinute: this.options.perMinute }, hits);
    } catch (error) {
      slot.pending += hits;
      throw error;
    } finally {
      slot.lookup = undefined;
    }
    if (!found) {
      this.slots.delete(key);
      return null;
    }
    const counted = found.counted;
    const entry: Entry = {
      tenantId: found.tenantId,
      principal: { tenantId: found.tenantId, tenantSlug: found.tenantSlug, actor: found.actor },
      validUntil: Math.min(sentAt + this.options.ttlMs, found.expiresAt.getTime()),
      hits: counted?.hits ?? 0,
      windowEndsAt: sentAt + (counted?.windowLeftSeconds ?? 0) * 1000,
      blockedUntil: counted?.blockedLeftSeconds ? sentAt + counted.blockedLeftSeconds * 1000 : null,
    };
    // A change notified while the lookup ran may not be in what it read: serve it to the requests that
    // waited for it, but keep none of it.
    if (generation === this.generation) slot.entry = entry;
    return entry;
  }

  /** Seconds to wait when the token is over its limit: its window's count as of the lookup, plus those since. */
  private wait(entry: Entry, slot: Slot): number | null {
    if (this.options.perMinute <= 0) return null;
    const now = Date.now();
    const inWindow = now < entry.windowEndsAt;
    return waitFor(
      {
        hits: (inWindow ? entry.hits : 0) + slot.pending,
        window_left: inWindow
          ? Math.ceil((entry.windowEndsAt - now) / 1000)
          : RATE_LIMIT_WINDOW_SECONDS - (Math.floor(now / 1000) % RATE_LIMIT_WINDOW_SECONDS),
        blocked_left: entry.blockedUntil === null ? null : Math.ceil((entry.blockedUntil - now) / 1000),
      },
      this.options.perMinute,
    );
  }
}
