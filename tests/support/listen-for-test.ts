/**
 * A test server on an ephemeral port, with its cleanup handed to the test: the cleanup destroys
 * every connection still open, then closes the server (`close` alone waits for keep-alive
 * connections to go idle, which a client under test may never let happen).
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as TcpServer, Socket } from 'node:net';

export async function listenForTest<T extends HttpServer | TcpServer>(
  server: T,
  addCleanup: (cleanup: () => Promise<void>) => void,
  host = '127.0.0.1',
): Promise<T> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  addCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return server;
}
