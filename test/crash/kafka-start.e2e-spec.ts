import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killed, startApi } from './api-process';

// The HTTP API must not wait for the Kafka consumer: after a crash its group join waits for the
// dead member's session to time out, and a broker may be down. Here the broker is unreachable.

describe('the service with KAFKA_BROKERS set and no broker reachable', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-kafka-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers at once, reports Kafka not ready, keeps trying, and stops on SIGTERM', async () => {
    const [port, nobody] = [await freePort(), await freePort()];
    const started = Date.now();
    const api = await startApi(dataDir, port, { until: 'live', env: { KAFKA_BROKERS: `127.0.0.1:${nobody}`, LOG_LEVEL: 'warn' } });
    try {
      expect(Date.now() - started).toBeLessThan(10_000);
      const ready = await fetch(`${api.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ statusCode: 503, message: 'not ready: kafka', details: { error: { kafka: { status: 'down' } } } });
      const status = await fetch(`${api.url}/v1/partners/P-1`, { headers: { Authorization: 'Bearer admin-crash-key-0123456789' } });
      expect(status.status).toBe(404);
    } finally {
      const exit = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
      await killed(api.child, 'SIGTERM');
      expect(await exit).toBe(0);
    }
  }, 40_000);
});
