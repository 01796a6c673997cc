import pg from 'pg';
import { POSTGRES_TYPES } from './postgres-rows';

/**
 * LISTEN on the store's channel on a connection of its own, so readers waiting for appends wake
 * as soon as any process commits one (the payload is the group's last position). Notifications
 * are a hint, not the source of truth: a reader re-reads the table, and its wait is bounded (a
 * dropped listener connection loses notifications; it is reopened after a pause and everyone is
 * woken to re-read).
 */
export class PostgresAppendListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onAppended: (position: bigint) => void,
    private readonly onReconnected: () => void,
    private readonly retryDelayMs: number,
  ) {}

  /** Connects and listens; resolves once LISTEN is in effect. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, types: POSTGRES_TYPES });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.onAppended(BigInt(message.payload));
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private lost(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    this.retry = setTimeout(() => {
      if (this.closed) return;
      this.start().then(this.onReconnected, () => this.reconnectLater());
    }, this.retryDelayMs);
  }
}
