// ── @partner-program/platform: the NestJS shell shared by the apps ───────────────────────────
export * from './config/app-config';
export * from './config/api-keys';
export * from './core/tokens';
export { CoreModule, type CoreOptions } from './core/core.module';
export { ShutdownCoordinator } from './core/shutdown-coordinator';
export { loadRulesetCatalog } from './core/rulesets-file';
export { postgresAnswers, postgresSchemas, type PostgresSchemas } from './core/postgres';
export { BackgroundModule } from './background/background.module';
export { RenewalScheduler } from './background/renewal-scheduler';
export { RenewalNoticeIssuer } from './background/renewal-notice-issuer';
export { ProjectionLoop } from './background/projection-loop';
export { Metrics } from './observability/metrics';
export { flushLogOutput, logOutput, tolerateClosedOutput } from './observability/log-output';
export { stopGracefullyOn } from './core/graceful-stop';
export { KafkaEdgeModule } from './kafka/kafka-edge.module';
export { KafkaWorkerHost } from './kafka/kafka-worker.host';
