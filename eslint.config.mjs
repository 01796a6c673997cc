// ESLint 10 flat config: typescript-eslint's type-aware rules over every TypeScript file the
// compiler sees (tsconfig.json), run by `npm run lint` (part of `npm test`), cached in .cache/.
// Layer rules on imports live in .dependency-cruiser.cjs; this file adds what a dependency graph
// cannot see: promises nobody awaits, switches that miss a case, and the clock and randomness in
// the domain. eslint-config-prettier comes last so no rule here fights the formatter.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// The domain decides from its arguments alone, so replays give the same answer on any machine on
// any day: time, randomness, timers and the process come in from the caller, never from a global.
const domainImpurities = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'The domain takes the time as an argument (a replay must decide the same): no Date.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'The domain takes the time as an argument (a replay must decide the same): no new Date() without an argument.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'The domain is deterministic: ids and choices come in as arguments, no Math.random().',
  },
  {
    selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']",
    message: 'The domain does not measure time: no performance.now().',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.cache/', 'data/', 'data-demo/', 'deploy/**/.cache/', '**/*.js', '**/*.cjs', '**/*.mjs', '**/*.py'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error and its ordering (an append acknowledged before it
      // is stored); `void` says on purpose that it runs on its own.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a sync one is expected (e.g. an event listener) is not awaited.
      '@typescript-eslint/no-misused-promises': 'error',
      // A new fact, event or outcome type must fail the lint until every switch over it has a case.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
      // Type-only imports vanish from the build, so a module imported for its types is not loaded.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Off: ports are async (a store may do I/O) and the SQLite adapters and test fakes implement
      // them synchronously; `async` there keeps a throw a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      // `_`-prefixed names are deliberately unused (exhaustiveness checks, ignored tuple members).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read JSON bodies (supertest's `body`, JSON.parse) as `any` and pin them with expect(),
    // which is the type check there; jest's `expect(fake.method)` passes methods unbound on purpose.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.kafka-spec.ts', '**/*.pg-spec.ts', '**/*.fixture.ts', '**/testing/**', '**/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts', 'libs/domain/src/testing/**'],
    rules: {
      'no-restricted-syntax': ['error', ...domainImpurities],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The domain reads no environment: configuration comes in as arguments.' },
        { name: 'setTimeout', message: 'The domain schedules nothing: the caller runs timers.' },
        { name: 'setInterval', message: 'The domain schedules nothing: the caller runs timers.' },
        { name: 'setImmediate', message: 'The domain schedules nothing: the caller runs timers.' },
        { name: 'performance', message: 'The domain does not measure time.' },
      ],
    },
  },
  {
    // The event store is generic: which streams are partners' is the domain's naming
    // (partnerStreamId in @partner-program/domain), so no name in its code speaks of partners.
    files: ['libs/event-store/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.pg-spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Identifier[name=/[Pp]artner/]',
          message: 'The event store knows no partners: stream naming lives in @partner-program/domain (partner-stream.ts).',
        },
        {
          selector: 'Literal[value=/^partner-/]',
          message: 'The event store knows no partners: a stream prefix is its caller’s argument.',
        },
      ],
    },
  },
  prettier,
);
