/** How much traffic one caller may send; read from the environment (see the README's configuration table). */
export interface RateLimitSettings {
  /** Requests per minute one bearer token may make (Genesys documents 300 per token). */
  tokenPerMinute: number;
  /** Token requests or sign-ins per minute for one client id or one email. */
  loginPerMinute: number;
  /** Token requests or sign-ins per minute from one IP address. */
  loginPerIpPerMinute: number;
  /** Failed logins in a row for one client id or email after which it is locked, even for the right secret. */
  lockoutAfterFailures: number;
  /** The first lock; each further failure doubles it, up to `maxLockoutSeconds`. */
  lockoutSeconds: number;
  maxLockoutSeconds: number;
}

/** The counting window of every limit. */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

const VARIABLES: Record<keyof RateLimitSettings, [name: string, fallback: number]> = {
  tokenPerMinute: ["SWITCHBOARD_RATE_LIMIT_TOKEN", 300],
  loginPerMinute: ["SWITCHBOARD_RATE_LIMIT_LOGIN", 20],
  loginPerIpPerMinute: ["SWITCHBOARD_RATE_LIMIT_LOGIN_IP", 60],
  lockoutAfterFailures: ["SWITCHBOARD_LOGIN_LOCKOUT_FAILURES", 5],
  lockoutSeconds: ["SWITCHBOARD_LOGIN_LOCKOUT_SECONDS", 30],
  maxLockoutSeconds: ["SWITCHBOARD_LOGIN_LOCKOUT_MAX_SECONDS", 3600],
};

/** The settings from `env`; a limit of 0 turns that limit off. A value that is not a whole number throws. */
export function rateLimitSettings(env: Record<string, string | undefined> = process.env): RateLimitSettings {
  const settings = {} as RateLimitSettings;
  for (const [field, [name, fallback]] of Object.entries(VARIABLES) as [
    keyof RateLimitSettings,
    [string, number],
  ][]) {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`${name} must be a whole number of 0 or more, not "${raw}"`);
    settings[field] = value;
  }
  return settings;
}

/** Answered when a caller is over a limit or locked out: retry after `retryAfterSeconds`. */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds`);
    this.name = "RateLimited";
  }
}

export const isRateLimited = (e: unknown): e is RateLimited => e instanceof RateLimited;

/**
 * The caller's address from `X-Forwarded-For`: its last entry, the one the nearest proxy added (Next.js sets
 * the header from the connection when a request has none). Null when there is none.
 */
export function forwardedClientIp(forwardedFor: string | null | undefined): string | null {
  const last = forwardedFor?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : null;
}
