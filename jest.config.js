/** @type {import('jest').Config} */
// One config for every test kind; the suffix says what a test needs (STYLE.md):
// *.spec.ts unit, *.int-spec.ts real store, *.e2e-spec.ts whole app. Suites needing a server are
// selected by their own suffix and left out here: *.kafka-spec.ts (npm run test:integration),
// *.pg-spec.ts (npm run test:postgres).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// NestJS 12 ships as ES modules. Node (20.19+, 22.12+, 24) can require() them, but jest's module runtime cannot, so
// jest compiles those packages to CommonJS with swc as well (content-disposition: via
// @fastify/static, which serves the Swagger UI).
const esmOnly = ['@nestjs', 'nestjs-pino', 'content-disposition'];
const swcForEsm = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  // A hook or test that boots the whole app can pass 5 s on a loaded 2-core machine; a test that
  // waits on something has its own, explicit bound.
  testTimeout: 20_000,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.kafka-spec\\.ts$', '\\.pg-spec\\.ts$'],
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcForEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)(?!.*/node_modules/(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@partner-program/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@partner-program/domain/testing$': '<rootDir>/libs/domain/src/testing/index.ts',
    '^@partner-program/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@partner-program/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
    '^@partner-program/ingestion$': '<rootDir>/libs/ingestion/src/index.ts',
    '^@partner-program/read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^@partner-program/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@partner-program/kafka$': '<rootDir>/libs/kafka/src/index.ts',
  },
};
