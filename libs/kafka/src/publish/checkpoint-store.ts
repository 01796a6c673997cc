/**
 * Where a publisher keeps the last position it has seen acknowledged by the broker: a file
 * beside the SQLite store (FileCheckpointStore), a table in PostgreSQL (PostgresCheckpointStore).
 */
export interface CheckpointStore {
  /** The saved checkpoint, or `undefined` before the first save. */
  load(): Promise<string | undefined>;
  /**
   * Durably replaces the checkpoint; resolves once it survives a crash. A fenced store refuses
   * the write with `FencedOutError` once a newer leader has written (the publisher then stops).
   */
  save(checkpoint: string): Promise<void>;
}
