import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { socketsWithoutDelay } from "../src/client";

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A server that counts the connections it accepts, listening on `where` (a port of its own, or a path). */
async function countingServer(where?: string) {
  const server = createServer((socket) => {
    accepted.count++;
    sockets.push(socket);
  });
  const accepted = { count: 0, server };
  servers.push(server);
  if (where) server.listen(where);
  else server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return accepted;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

/** Node keeps `noDelay` in a symbol-keyed field until the socket connects, then sets it on the handle. */
const noDelayOf = (socket: Socket) => {
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === "kSetNoDelay");
  if (!key) throw new Error("this Node keeps noDelay elsewhere: update the test");
  return (socket as unknown as Record<symbol, boolean>)[key];
};

describe("the sockets postgres.js connects with", () => {
  it("turn Nagle's algorithm off, and go to each host of a multi-host URL in turn", async () => {
    const [a, b] = [await countingServer(), await countingServer()];
    const open = socketsWithoutDelay();
    const options = { host: ["127.0.0.1", "127.0.0.1"], port: [portOf(a.server), portOf(b.server)] };
    for (let i = 0; i < 3; i++) {
      const socket = open(options);
      sockets.push(socket);
      await once(socket, "connect");
      expect(noDelayOf(socket)).toBe(true);
    }
    await expect.poll(() => [a.count, b.count]).toEqual([2, 1]);
  });

  it("go to the Unix socket when the URL names one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchboard-socket-"));
    try {
      const path = join(dir, ".s.PGSQL.5432");
      const server = await countingServer(path);
      const socket = socketsWithoutDelay()({ host: ["/unused"], port: [5432], path });
      sockets.push(socket);
      await once(socket, "connect");
      await expect.poll(() => server.count).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
