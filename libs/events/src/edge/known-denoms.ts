/**
 * The denoms the node can price or hold: uluna, usdr (the market's unit), the oracle's whitelist
 * and current vote targets, and the reserve's pair. A swap naming any other denom is refused at
 * the edge; the core's own rules (e.g. no rate yet) still apply to these.
 */
import { LUNA_DENOM, SDR_DENOM } from '@marketnode/market';
import type { NodeState } from '@marketnode/node-state';

export function knownDenoms(state: NodeState): ReadonlySet<string> {
  const denoms = new Set<string>([LUNA_DENOM, SDR_DENOM]);
  for (const item of state.oracle.params.whitelist) denoms.add(item.name);
  for (const denom of state.oracle.tobinTaxes.keys()) denoms.add(denom);
  denoms.add(state.reserve.params.ustDenom);
  denoms.add(state.reserve.params.btcDenom);
  return denoms;
}
