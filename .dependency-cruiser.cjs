/**
 * Layer rules, checked by `npm run lint:boundaries` (part of `npm test`).
 * The domain is plain TypeScript: rules and decisions only, no framework, store, broker or I/O,
 * so it can be replayed anywhere (auditors, projections, tests) with the same answers.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain must not import NestJS, a store, a broker or node I/O.',
      severity: 'error',
      from: { path: '^libs/domain/src' },
      to: {
        path: [
          'node_modules/@nestjs/',
          'node_modules/better-sqlite3',
          'node_modules/kafkajs',
          'node_modules/@eventstore/',
          'node_modules/pg',
          'node_modules/class-validator',
          '^libs/(?!domain/)',
          '^apps/',
        ],
      },
    },
    {
      name: 'domain-no-node-io',
      comment: 'libs/domain must not use node core modules (fs, net, child_process, …).',
      severity: 'error',
      from: { path: '^libs/domain/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'event-store-is-framework-free',
      comment: 'libs/event-store holds the port and its adapters; NestJS wiring lives in apps/.',
      severity: 'error',
      from: { path: '^libs/event-store/src' },
      to: { path: ['node_modules/@nestjs/', 'node_modules/kafkajs', '^apps/'] },
    },
    {
      name: 'libs-are-framework-free',
      comment: 'Application libraries (ingestion, read-models) are plain TypeScript; NestJS wiring lives in apps/.',
      severity: 'error',
      from: { path: '^libs/(ingestion|read-models|kafka)/src' },
      to: { path: ['node_modules/@nestjs/', '^apps/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['^dist/'] },
  },
};
