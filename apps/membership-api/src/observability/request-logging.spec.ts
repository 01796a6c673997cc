import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { requestLogging } from './request-logging';

/** Serves one request through pino-http configured as the app does; returns the log lines written. */
async function logOf(headers: Record<string, string>, status = 200): Promise<Record<string, any>[]> {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  const logger = pinoHttp(requestLogging('debug'), sink);
  const server = createServer((req, res) => {
    logger(req, res);
    res.statusCode = status;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await (await fetch(`http://127.0.0.1:${port}/v1/partners/P-1?asOf=2026-01-01`, { headers })).text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return lines.map((line) => JSON.parse(line));
}

describe('request logging', () => {
  it('logs the request id, method, url and status, never the API key', async () => {
    const [line] = await logOf({ authorization: 'Bearer secret-key-0123456789', cookie: 'session=abc', 'x-request-id': 'req-42' }, 404);
    expect(line).toMatchObject({ level: 40, req: { id: 'req-42', method: 'GET', url: '/v1/partners/P-1?asOf=2026-01-01' }, res: { statusCode: 404 } });
    const text = JSON.stringify(line);
    expect(text).not.toContain('secret-key');
    expect(text).not.toContain('session=abc');
  });

  it('gives a request without a usable X-Request-Id a fresh one', async () => {
    const [line] = await logOf({ 'x-request-id': 'not a valid id!' });
    expect(line?.req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(line?.level).toBe(20);
  });
});
