import { Kafka, logLevel } from 'kafkajs';
import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// The all-in-one process with KAFKA_BROKERS set: upstream messages on Kafka reach the same read
// models as HTTP ones, and readiness reports the broker. Needs a broker (npm run test:integration).

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run npm run test:integration');

describe('all-in-one with Kafka', () => {
  let t: TestApp;
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'all-in-one-spec', logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  beforeAll(async () => {
    t = await startTestApp({ now: new Date().toISOString(), kafkaBrokers: brokers });
    await producer.connect();
  }, 60_000);
  afterAll(async () => {
    await producer.disconnect();
    await t.close();
  });

  it('reports the broker in readiness', async () => {
    const deadline = Date.now() + 30_000;
    let body: { info?: Record<string, { status: string }> } = {};
    while (Date.now() < deadline && body.info?.kafka?.status !== 'up') {
      body = (await t.http.get('/health/ready')).body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(body.info?.kafka).toEqual({ status: 'up' });
  }, 40_000);

  it('ingests upstream messages from Kafka into the same partner status as HTTP', async () => {
    const partnerId = `P-KAFKA-${Date.now()}`;
    const messages = [...goodStandingEnvelopes(partnerId), envelope('SolutionCompetencyEarned', partnerId, { competency: 'pks' })];
    await producer.send({ topic: 'partner-program.upstream.v1', acks: -1, messages: messages.map((m) => ({ key: partnerId, value: JSON.stringify(m) })) });
    const deadline = Date.now() + 30_000;
    let status: { areas?: Record<string, { tier: string | null }> } = {};
    while (Date.now() < deadline && status.areas?.['modern-applications']?.tier !== 'partner') {
      const response = await t.http.get(`/v1/partners/${partnerId}`).set(t.as('reader'));
      status = response.status === 200 ? response.body : {};
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status.areas?.['modern-applications']?.tier).toBe('partner');
    const history = await t.http.get(`/v1/partners/${partnerId}/history`).set(t.as('auditor')).expect(200);
    expect(history.body.items.map((e: { messageId: string }) => e.messageId)).toEqual(messages.map((m) => m.messageId));
  }, 40_000);
});
