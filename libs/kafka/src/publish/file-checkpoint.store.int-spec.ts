import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, tempDir } from '../testing/ingestion-fixture';
import { FileCheckpointStore } from './file-checkpoint.store';

describe('FileCheckpointStore', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('pp-checkpoint-')));
  afterEach(() => removeDir(dir));

  it('has no checkpoint before the first save, then the last one saved, across instances', async () => {
    const file = join(dir, 'nested', 'notices.checkpoint.json');
    expect(await new FileCheckpointStore(file).load()).toBeUndefined();
    await new FileCheckpointStore(file).save('41');
    await new FileCheckpointStore(file).save('1234567890123456789');
    expect(await new FileCheckpointStore(file).load()).toBe('1234567890123456789');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ checkpoint: '1234567890123456789' });
  });

  it('leaves no temporary file behind', async () => {
    await new FileCheckpointStore(join(dir, 'c.json')).save('1');
    expect(readdirSync(dir)).toEqual(['c.json']);
  });
});
