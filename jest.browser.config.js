/** @type {import('jest').Config} */
// The dashboard's browser tests (*.browser-spec.ts, test/browser): Debian's Chromium driving the built
// service, one suite at a time. `npm run test:browser` builds first and makes sure Chromium is there
// (deploy/chromium-local/ensure-chromium.sh); `npm test` leaves them out (its regex does not match).
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testRegex: '\\.browser-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  // A page answers within seconds, but one test signs in, opens pages and waits on several calls on a
  // shared 2-core machine; the demo programme loads once per file in its beforeAll (given more).
  testTimeout: 60_000,
};
