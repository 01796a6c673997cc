// Test builders other libraries' tests share (`@partner-program/domain/testing`; not part of the build).
export * from './facts';
export { arbitraryHistory, arbitraryTime } from './arbitrary-history';
