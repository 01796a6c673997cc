import { appendContract } from './contract/append.contract';
import { hashChainContract } from './contract/hash-chain.contract';
import type { ContractFixture, ContractOptions, MakeContractStore } from './contract/contract-fixture';
import { messageIdContract } from './contract/message-id.contract';
import { readContract } from './contract/read.contract';
import { scaleContract } from './contract/scale.contract';
import { upcastingContract } from './contract/upcasting.contract';
import { wakeOnAppendContract } from './contract/wake-on-append.contract';

export type { ContractFixture, ContractOptions, ContractStoreOptions, MakeContractStore } from './contract/contract-fixture';

/**
 * The behaviour every {@link EventStore} adapter must share. Call it from an adapter's
 * `*.int-spec.ts`; each test gets a store from `makeStore` and cleans it up afterwards.
 * Tests use unique stream ids and only look at the log after their own starting point, so the
 * suite also runs against a shared, non-empty server.
 */
export function describeEventStoreContract(name: string, makeStore: MakeContractStore, options: ContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: ContractFixture | undefined;
    const fx = (): ContractFixture => {
      if (!fixture) throw new Error('fixture not ready');
      return fixture;
    };
    beforeEach(async () => {
      fixture = await makeStore({});
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    describe('appends', () => appendContract(fx));
    describe('messageIds across streams', () => messageIdContract(fx));
    describe('reads', () => readContract(fx, makeStore, options));
    if (options.wakesOnAppend) describe('waking readers on append', () => wakeOnAppendContract(fx));
    describe('upcasting', () => upcastingContract(makeStore));
    describe('hash chain', () => hashChainContract(fx, makeStore));
    describe('concurrency and scale', () => scaleContract(fx, options));
  });
}
