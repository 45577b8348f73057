/**
 * Adapters for the `oracle` functions, one file per concept under `oracle/`. Every adapter runs the
 * real `@marketnode/oracle` (and `@marketnode/staking`) over a state built from the case's inputs,
 * falling back on the fixture of the upstream test the function comes from for what a case leaves out.
 */
import type { FunctionTable } from '../function-table.js';
import { BALLOT_FUNCTIONS } from './oracle/ballot.js';
import { CLEAR_BALLOTS_FUNCTIONS } from './oracle/clear-ballots.js';
import { COMMIT_REVEAL_FUNCTIONS } from './oracle/commit-reveal.js';
import { SLASH_WINDOW_FUNCTIONS } from './oracle/slash-window.js';
import { SLASHING_FUNCTIONS } from './oracle/slashing.js';
import { TALLY_FUNCTIONS } from './oracle/tally.js';
import { TIMING_FUNCTIONS } from './oracle/timing.js';

export const ORACLE_FUNCTIONS: FunctionTable = {
  ...BALLOT_FUNCTIONS,
  ...COMMIT_REVEAL_FUNCTIONS,
  ...TALLY_FUNCTIONS,
  ...SLASHING_FUNCTIONS,
  ...SLASH_WINDOW_FUNCTIONS,
  ...CLEAR_BALLOTS_FUNCTIONS,
  ...TIMING_FUNCTIONS,
};
