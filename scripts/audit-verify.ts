import { readFileSync } from 'node:fs';
import { itemsOfDownload, verifyHistoryChain } from '../apps/membership-api/src/partners/history-chain-verifier';

// `npm run audit:verify -- FILE [--head HASH]`: checks a downloaded `/v1/partners/{id}/history`
// offline (format and hash: docs/contract.md, "Tamper evidence"). Exit 0: verified; 1: the chain
// is broken (the first bad event is named) or its head is not HASH; 2: bad arguments or file.

function main(args: string[]): number {
  const headAt = args.indexOf('--head');
  const head = headAt >= 0 ? args[headAt + 1] : undefined;
  const files = headAt >= 0 ? args.filter((_, i) => i !== headAt && i !== headAt + 1) : args;
  if (files.length !== 1 || (headAt >= 0 && head === undefined)) {
    console.error('usage: npm run audit:verify -- FILE [--head HASH]');
    return 2;
  }
  let items: unknown[];
  try {
    items = itemsOfDownload(readFileSync(files[0]!, 'utf8'));
  } catch (error) {
    console.error(`${files[0]}: ${(error as Error).message}`);
    return 2;
  }
  const verdict = verifyHistoryChain(items);
  if (!verdict.ok) {
    console.error(`NOT verified: ${verdict.problem}`);
    return 1;
  }
  if (head !== undefined) {
    if (verdict.heads.length !== 1) {
      console.error(`NOT verified: --head needs the history of one partner; the file holds ${verdict.heads.length} streams`);
      return 1;
    }
    if (verdict.heads[0]!.hash !== head) {
      console.error(`NOT verified: the chain ends at ${verdict.heads[0]!.hash} (revision ${verdict.heads[0]!.revision}), not at the head ${head}`);
      return 1;
    }
  }
  const heads = verdict.heads.map((h) => (verdict.heads.length === 1 ? h.hash : `${h.streamId}@${h.revision} ${h.hash}`)).join(', ');
  console.log(`verified ${verdict.events} events, head ${heads}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
