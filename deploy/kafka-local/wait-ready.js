// Waits until the broker answers a kafkajs admin call (the client the services use), so "ready"
// means what the services need, not just an open port.
// Usage: node wait-ready.js <host:port> [timeoutSeconds] [brokerPid]
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const [broker = '127.0.0.1:9092', timeoutArg = '90', pidArg] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg) * 1000;

function brokerAlive() {
  if (!pidArg) return true;
  try {
    process.kill(Number(pidArg), 0);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const kafka = new Kafka({ clientId: 'kafka-local-wait', brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  let lastError = 'no attempt';
  while (Date.now() < deadline) {
    if (!brokerAlive()) {
      console.error(`broker process ${pidArg} exited`);
      return 1;
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return 0;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`no answer from ${broker} within ${timeoutArg}s: ${lastError}`);
  return 1;
}

main().then((code) => process.exit(code));
