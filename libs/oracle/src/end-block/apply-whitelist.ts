/**
 * `ApplyWhitelist` (spec §4.10): makes the next period's vote targets exactly the whitelist.
 * (The reference also registers bank denom metadata for new denoms; there is none here.)
 */
import type { Dec } from '@marketnode/dec';
import type { OracleState } from '../state.js';

/**
 * Rewrites the tobin taxes when the targets after this period's removals differ from the whitelist
 * in size, membership or tax. Returns whether it did.
 */
export function applyWhitelist(oracle: OracleState, voteTargets: ReadonlyMap<string, Dec>): boolean {
  const whitelist = oracle.params.whitelist;
  const updateRequired =
    voteTargets.size !== whitelist.length ||
    whitelist.some((item) => voteTargets.get(item.name) !== item.tobinTax);
  if (!updateRequired) return false;
  oracle.tobinTaxes.clear();
  for (const item of whitelist) oracle.tobinTaxes.set(item.name, item.tobinTax);
  return true;
}
