import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server, which a test can cut (every connection dropped, new ones
 * refused, as when the database host goes away and says so), black-hole (as when it vanishes
 * without a word: a half-open peer) and restore on the same port.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  /** Client sockets whose bytes go nowhere: connections the black hole swallowed. */
  const held = new Set<Socket>();
  /** Connections forwarding now: the client socket and its upstream. */
  const pairs = new Map<Socket, Socket>();
  let server: Server | null = null;
  let port = 0;
  let silent = false;

  /**
   * Stops forwarding in both directions for good: the peer's bytes are read and dropped, nothing
   * is ever sent back, and the socket stays open until the peer closes it. Reading on keeps the
   * peer's own close visible, so a test can tell when the peer gave the connection up.
   */
  function swallow(client: Socket, upstream?: Socket): void {
    held.add(client);
    client.unpipe();
    upstream?.unpipe();
    client.on('data', () => {}).resume();
    upstream?.on('data', () => {}).resume();
    client.on('close', () => {
      held.delete(client);
      upstream?.destroy();
    });
  }

  function track(socket: Socket, pair: Socket[]): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {
      for (const s of pair) s.destroy();
    });
  }

  async function open(): Promise<void> {
    server = createServer((client) => {
      if (silent) {
        track(client, [client]);
        swallow(client);
        return;
      }
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) track(socket, [client, upstream]);
      client.on('close', () => {
        pairs.delete(client);
        upstream.destroy();
      });
      client.pipe(upstream).pipe(client);
      pairs.set(client, upstream);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as { port: number }).port;
  }

  async function cut(): Promise<void> {
    const closing = server;
    server = null;
    silent = false;
    for (const socket of sockets) socket.destroy();
    pairs.clear();
    if (closing) await new Promise((resolve) => closing.close(resolve));
  }

  /**
   * The database host vanishes without closing anything: every open connection goes silent, and
   * new connections are accepted (the port still answers) but never reach the server.
   */
  function blackHole(): void {
    silent = true;
    for (const [client, upstream] of pairs) swallow(client, upstream);
    pairs.clear();
  }

  /**
   * The database is back for new connections. The ones swallowed stay silent: the server lost
   * those sessions, so only a client that lets them go recovers.
   */
  async function restore(): Promise<void> {
    silent = false;
    if (!server) await open();
  }

  await open();
  return {
    get port() {
      return port;
    },
    /** Connections swallowed by the black hole that their client still holds open. */
    get heldConnections() {
      return held.size;
    },
    cut,
    blackHole,
    restore,
    close: cut,
  };
}
