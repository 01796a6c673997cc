import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { KEYS, envelope, startTestApp } from './test-app';

// Nest closes the HTTP server before it runs onApplicationShutdown, and the server's close waits
// for every keep-alive connection that is busy at that moment. Intake must stop before that, and
// draining responses must end their connection, or a publisher that keeps posting (or retries a
// 503) on its connection holds the process open for ever.

describe('graceful shutdown under keep-alive load', () => {
  it('app.close() finishes while a publisher keeps posting on a busy keep-alive connection', async () => {
    const t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const server = t.app.getHttpServer();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let seq = 0;
    /** One POST on the shared keep-alive connection; the second half of the body waits for `release`. */
    const post = (release: Promise<unknown> = Promise.resolve()) =>
      new Promise<number | undefined>((resolve) => {
        const body = JSON.stringify(envelope('TrainingCompleted', 'P-TERM-1', { courseId: 'vsp-foundation', learnerId: `L-${seq++}` }));
        const headers = { Authorization: `Bearer ${KEYS.publisher}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
        const req = request(url, { method: 'POST', agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', () => resolve(undefined)); // the server is gone
        req.write(body.slice(0, 10));
        void release.then(() => req.end(body.slice(10)));
      });

    expect(await post()).toBe(201);
    let release!: () => void;
    const first = post(new Promise<void>((resolve) => (release = resolve)));
    // The server is handling that request: its connection is busy, not idle, when close begins.
    await new Promise((resolve) => server.once('request', resolve));
    const closing = t.close();
    setTimeout(release, 100);
    const statuses: number[] = [];
    let stop = false;
    const publisher = (async () => {
      for (let status = await first; status !== undefined; status = await post()) {
        statuses.push(status);
        if (stop) return;
        if (status === 503) await delay(20); // retry later, as the 503 asks
      }
    })();
    const outcome = await Promise.race([closing.then(() => 'closed'), delay(10_000, 'still open after 10 s', { ref: false })]);
    stop = true;
    await publisher;
    await closing;
    agent.destroy();
    expect(outcome).toBe('closed');
    // Once shutdown began, writes were refused (the publisher retries elsewhere), never appended.
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 503)).toBe(true);
  }, 30_000);
});
