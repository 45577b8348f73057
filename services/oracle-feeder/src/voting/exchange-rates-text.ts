/**
 * The rates text of a vote: `"<rate><denom>,..."`, denoms sorted, rates in canonical 18-decimal
 * `Dec` text, an abstain as `0.000000000000000000<denom>`. This exact text is hashed in the
 * prevote and revealed in the vote (the engine hashes it byte for byte).
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { compareStrings } from '@marketnode/staking';

/** A denom's vote: a positive rate (denom per LUNA), or abstain (sent as 0). */
export type DenomVote = { readonly rate: Dec } | { readonly abstain: string };

export function exchangeRatesText(votes: ReadonlyMap<string, DenomVote>): string {
  return [...votes.keys()]
    .sort(compareStrings)
    .map((denom) => {
      const vote = votes.get(denom) as DenomVote;
      return `${dec.format('rate' in vote ? vote.rate : dec.ZERO)}${denom}`;
    })
    .join(',');
}

/** The rates text of plain rates (every denom voted, none abstained): for tests and tools that vote fixed prices. */
export function exchangeRatesTextOf(rates: ReadonlyMap<string, Dec>): string {
  return exchangeRatesText(
    new Map([...rates].map(([denom, rate]): [string, DenomVote] => [denom, { rate }])),
  );
}
