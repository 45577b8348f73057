// The genesis file loads into the typed genesis the core accepts, or says every problem with its path.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as dec from '@marketnode/dec';
import { createNodeState } from '@marketnode/node-state';
import { GenesisError } from '../src/genesis/json-reader.js';
import { parseGenesis, readGenesisFile } from '../src/genesis/genesis-file.js';

const DEMO = fileURLToPath(new URL('../genesis/demo.json', import.meta.url));

t.test('the bundled demo genesis loads and builds a node state', async (t) => {
  const { chainId, genesis } = readGenesisFile(DEMO);
  t.equal(chainId, 'marketnode-demo');
  const state = createNodeState(genesis);
  t.equal(state.market.params.minStabilitySpread, dec.parse('0.005'));
  t.equal(state.oracle.exchangeRates.get('usdr'), dec.parse('60'));
  t.equal(state.staking.validators.size, 4);
  t.equal(state.bank.balances.get('terra1alice')?.get('uusd'), 100_000_000_000_000n);
});

t.test('every problem is reported at once, each with its JSON path', async (t) => {
  const demo = JSON.parse(readFileSync(DEMO, 'utf8'));
  demo.market.params.base_pool = '1e12';
  demo.market.params.pool_recovery_period = '0';
  demo.balances[0].account = 'terra1.alice';
  demo.oracle.params.whitelist[0].tobin_tax = '0.1234567890123456789';
  const error = t.throws(() => parseGenesis(new TextEncoder().encode(JSON.stringify(demo))));
  t.ok(error instanceof GenesisError);
  const problems = (error as GenesisError).problems.join('\n');
  t.match(problems, /genesis\.market\.params\.base_pool: must be a decimal string/);
  t.match(problems, /genesis\.market\.params: pool recovery period should be positive/);
  t.match(problems, /genesis\.balances\[0\]\.account: must be 1-128 letters/);
  t.match(problems, /genesis\.oracle\.params\.whitelist\[0\]\.tobin_tax: must be a decimal/);
});

t.test('a file that is not JSON, or missing, says so', async (t) => {
  t.throws(() => parseGenesis(new TextEncoder().encode('{')), /not valid JSON/);
  t.throws(() => readGenesisFile('/nonexistent/genesis.json'), /cannot read \/nonexistent\/genesis\.json/);
});
