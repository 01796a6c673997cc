// ── @partner-program/ingestion: the write side's application layer, shared by HTTP and Kafka ──
export * from './validation';
export * from './ingest-result';
export * from './rejection-log';
export { SqliteRejectionLog } from './sqlite-rejection-log';
export { RejectionLogProjector, type RejectionLogProjectorOptions } from './rejection-log.projector';
export { IngestionService, type IngestInput, type IngestionDeps } from './ingestion.service';
export { PartnerCommandHandler, type HandledCommand, type PartnerCommandHandlerOptions } from './partner-command-handler';
export { toNewEvent, type CommandContext } from './recorded-events';
export { PostgresRejectionLog, type PostgresRejectionLogOptions } from './postgres-rejection-log';
export {
  RejectionReplayer,
  RejectionNotFoundError,
  PayloadTruncatedError,
  type ReplayCaller,
  type ReplayResult,
  type RejectionReplayerDeps,
} from './rejection-replayer';
