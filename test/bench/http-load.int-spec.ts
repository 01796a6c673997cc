import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bodies, feeder, postAll, singleIngestion } from '../../bench/sections/http';
import { programme } from '../../scripts/programme-generator';

// The bench's HTTP helpers against a bare server that checks each body is the JSON it announced:
// a load run must leave nothing behind that changes the requests sent after it.

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

/** Answers each POST /v1/events as the service would: one result per message, 400 for a body that is not JSON. */
function eventsServer(): Server {
  let position = 0;
  return createServer((request, response) => {
    void readBody(request).then((text) => {
      let body: { events?: unknown[] };
      try {
        body = JSON.parse(text) as { events?: unknown[] };
      } catch {
        response.writeHead(400).end('not JSON');
        return;
      }
      const results = (body.events ?? [body]).map(() => ({ outcome: 'accepted', position: ++position }));
      response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
    });
  });
}

describe('bench HTTP helpers', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = eventsServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts whole batches after an autocannon load (which once left its Content-Length in shared headers)', async () => {
    const { take } = feeder(programme({ partners: 2_000, dealsPerPartner: 20, prefix: 'L' }));
    const load = await singleIngestion(url, Bodies.singles(take), 1);
    expect(load.non2xx).toBe(0);
    const batch = [...programme({ partners: 30, dealsPerPartner: 20, prefix: 'B' })].slice(0, 600);
    // Every message answered, so the last position is the count so far.
    await expect(postAll(url, batch)).resolves.toBeGreaterThanOrEqual(batch.length);
  });
});
