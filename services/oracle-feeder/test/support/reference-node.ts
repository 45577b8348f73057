/**
 * The reference the engine is checked against: the node's state from the same genesis, advanced by
 * the core's own end block (`@marketnode/node-state`), with exactly the votes the feeders sent and
 * the engine accepted put in the oracle's store before each block ends.
 */
import * as dec from '@marketnode/dec';
import { createNodeState, endBlock, type NodeEndBlockReport, type NodeState } from '@marketnode/node-state';
import { parseExchangeRateTuples } from '@marketnode/oracle';
import { readGenesisFile } from '../../../market-engine/src/genesis/genesis-file.js';

export class ReferenceNode {
  readonly state: NodeState;

  constructor(genesisPath: string) {
    this.state = createNodeState(readGenesisFile(genesisPath).genesis);
  }

  /** Ends block `height` after storing its accepted votes (validator and rates text). */
  endBlock(
    height: bigint,
    votes: readonly { validator: string; exchangeRates: string }[],
  ): NodeEndBlockReport {
    for (const vote of votes) {
      const parsed = parseExchangeRateTuples(vote.exchangeRates);
      if (!parsed.ok) throw new Error(`a vote the engine accepted does not parse: ${parsed.reason}`);
      this.state.oracle.votes.set(vote.validator, { exchangeRates: parsed.tuples });
    }
    return endBlock(this.state, height);
  }

  /** The oracle's rates, as the engine's rates query shows them. */
  exchangeRates(): Record<string, string> {
    return Object.fromEntries(
      [...this.state.oracle.exchangeRates]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([denom, rate]) => [denom, dec.format(rate)]),
    );
  }
}
