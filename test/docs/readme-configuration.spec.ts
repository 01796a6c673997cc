import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '@partner-program/platform';
import { ids, tableAfterHeader } from './markdown-table';

// The README's configuration table is the operator's list of variables: it names every variable
// the configuration reads and nothing it does not.

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('the README configuration table and the configuration', () => {
  it('documents every variable the configuration reads, and no other', () => {
    const documented = tableAfterHeader(readme, 'variable').flatMap(([variable]) => ids(variable));
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
