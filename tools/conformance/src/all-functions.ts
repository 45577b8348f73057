/** Every function name the conformance files use, mapped to the implementation. */
import type { FunctionTable } from './function-table.js';
import { MARKET_FUNCTIONS } from './functions/market.js';
import { ORACLE_FUNCTIONS } from './functions/oracle.js';
import { SDK_DEC_FUNCTIONS } from './functions/sdk-dec.js';

export const ALL_FUNCTIONS: FunctionTable = {
  ...SDK_DEC_FUNCTIONS,
  ...MARKET_FUNCTIONS,
  ...ORACLE_FUNCTIONS,
};
