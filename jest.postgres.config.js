/** @type {import('jest').Config} */
// The PostgreSQL suites (*.pg-spec.ts) alone, with the main config's transforms: `npm run test:postgres`
// (DATABASE_URL from deploy/postgres-local/with-postgres.sh). Paths may follow, as with plain jest.
const base = require('./jest.config');

module.exports = {
  ...base,
  testRegex: '\\.pg-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
