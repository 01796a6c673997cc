import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminQuery, dropSchema, testDatabaseUrl } from '@partner-program/event-store/testing';
import { validateEnvironment } from '../config/app-config';
import { openSharedPool, postgresSchemas } from '../core/postgres';
import { publisherCheckpoints } from './publisher-checkpoints';

describe("the publishers' checkpoints follow EVENT_STORE", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-publisher-checkpoints-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('with EVENT_STORE=postgres: a row per publisher in <prefix>publishers, nothing in DATA_DIR', async () => {
    const config = validateEnvironment({
      EVENT_STORE: 'postgres',
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_POOL_SIZE: '3',
      DATABASE_SCHEMA_PREFIX: `pc_${randomBytes(4).toString('hex')}_`,
      DATA_DIR: dataDir,
    });
    const pool = (await openSharedPool(config))!;
    expect(pool.options.max).toBe(3);
    const schema = postgresSchemas(config).publishers;
    try {
      await publisherCheckpoints(config, pool, 'renewal-notices').save('42');
      expect(await publisherCheckpoints(config, pool, 'renewal-notices').load()).toBe('42');
      const { rows } = await adminQuery(`SELECT name, checkpoint FROM "${schema}".checkpoints`);
      expect(rows).toEqual([{ name: 'renewal-notices', checkpoint: '42' }]);
      expect(existsSync(join(dataDir, 'kafka'))).toBe(false);
    } finally {
      await pool.end();
      await dropSchema(schema);
    }
  });

  it('otherwise: a file per publisher in DATA_DIR/kafka', async () => {
    const config = validateEnvironment({ DATA_DIR: dataDir });
    await publisherCheckpoints(config, undefined, 'status-changes').save('7');
    expect(existsSync(join(dataDir, 'kafka', 'status-changes.checkpoint.json'))).toBe(true);
    expect(await publisherCheckpoints(config, undefined, 'status-changes').load()).toBe('7');
  });
});
