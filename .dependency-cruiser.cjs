/**
 * Layer rules, checked by `npm run lint:boundaries` (part of `npm test`); each rule says why.
 * The domain is plain TypeScript: rules and decisions only, no framework, store, broker or I/O,
 * so it can be replayed anywhere (auditors, projections, tests) with the same answers. The clock,
 * randomness and timers it must not touch either are refused by ESLint (eslint.config.mjs).
 *
 * The layers, from the inside out: domain ← event-store (generic, beside it) ← ingestion,
 * read-models ← kafka ← platform ← apps. A library is used through its index only.
 */
const TESTS = ['\\.(spec|int-spec|e2e-spec|kafka-spec|pg-spec)\\.ts$', '/testing/', '\\.fixture\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-itself',
      comment:
        'An allow-list: libs/domain imports nothing but libs/domain, no package and no node core module, so nothing ' +
        'it decides can depend on a framework, a store, a broker, the file system or the network.',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: TESTS },
      to: { pathNot: '^libs/domain/src/' },
    },
    {
      name: 'domain-tests-import-domain-and-fast-check',
      comment: "The domain's tests and test builders stay as pure as the domain: property tests need fast-check, nothing else.",
      severity: 'error',
      from: { path: ['^libs/domain/src/.*\\.spec\\.ts$', '^libs/domain/src/testing/'] },
      to: { pathNot: ['^libs/domain/src/', 'node_modules/fast-check/'] },
    },
    {
      name: 'event-store-is-generic',
      comment:
        'libs/event-store stores streams of any events: it knows nothing of partners, the domain, or the layers ' +
        'that use it, so its contract suite holds for every store without a domain to run.',
      severity: 'error',
      from: { path: '^libs/event-store/src' },
      to: { path: ['^libs/(?!event-store/)', '^apps/'] },
    },
    {
      name: 'event-store-is-framework-free',
      comment: 'libs/event-store holds the port and its adapters; NestJS wiring lives in apps/ and libs/platform, brokers in libs/kafka.',
      severity: 'error',
      from: { path: '^libs/event-store/src' },
      to: { path: ['node_modules/@nestjs/', 'node_modules/kafkajs/'] },
    },
    {
      name: 'ingestion-knows-no-readers-or-transports',
      comment:
        'libs/ingestion validates, decides and stores a message, whoever delivered it: it knows no read model, no ' +
        'broker (libs/kafka feeds it) and no wiring (libs/platform, apps).',
      severity: 'error',
      from: { path: '^libs/ingestion/src' },
      to: { path: ['^libs/(read-models|kafka|platform)/', '^apps/', 'node_modules/kafkajs/'] },
    },
    {
      name: 'read-models-know-no-writers-or-transports',
      comment: 'libs/read-models projects the stored log: how a fact arrived (ingestion, Kafka) is not its concern, so a ' + 'rebuild needs the store alone.',
      severity: 'error',
      from: { path: '^libs/read-models/src' },
      to: { path: ['^libs/(ingestion|kafka|platform)/', '^apps/', 'node_modules/kafkajs/'] },
    },
    {
      name: 'kafka-knows-no-read-models',
      comment:
        'libs/kafka feeds ingestion and publishes from the log; the read models are another consumer of that log, ' +
        'so its production code imports none of them (its volume test checks the projector downstream).',
      severity: 'error',
      from: { path: '^libs/kafka/src', pathNot: TESTS },
      to: { path: ['^libs/(read-models|platform)/', '^apps/'] },
    },
    {
      name: 'libs-are-framework-free',
      comment: 'Application libraries (ingestion, read-models, kafka) are plain TypeScript; NestJS wiring lives in libs/platform and apps/.',
      severity: 'error',
      from: { path: '^libs/(ingestion|read-models|kafka)/src' },
      to: { path: ['node_modules/@nestjs/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Apps are the outermost shell: a library that needs something of an app takes it as an argument.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libraries-through-their-index',
      comment:
        'Another library is used through its index (@partner-program/<lib>): its internals can move without breaking ' +
        'its users. A test may reach inside to probe them. Test helpers of one library for the tests of others are ' +
        'a second index (@partner-program/<lib>/testing).',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/', pathNot: TESTS },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/testing/index\\.ts$'] },
    },
    {
      name: 'dashboard-is-browser-code',
      comment:
        'apps/dashboard runs in the browser and speaks to the API over HTTP only: it imports itself, its front-end ' +
        "packages and the domain's vocabulary (pure, bundled), never a server library, a node core module or another app.",
      severity: 'error',
      from: { path: '^apps/dashboard/' },
      to: { pathNot: ['^apps/dashboard/', 'node_modules/(preact|uplot)/', '^libs/domain/src/'] },
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
