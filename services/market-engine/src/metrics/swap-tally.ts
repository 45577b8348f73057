/**
 * Swap counts by offer denom, ask denom and outcome, kept in nested maps so that counting a swap
 * allocates nothing once its combination has been seen: the engine's hot path pays three map
 * lookups per swap, and prom-client's label hashing happens only at scrape time. Cardinality is
 * bounded by the denoms the ingress accepts (the genesis's known denoms) and the rejection codes of
 * the error catalog, never by accounts.
 */
export const SWAP_OUTCOME_EXECUTED = 'executed';

export class SwapTally {
  private readonly counts = new Map<string, Map<string, Map<string, number>>>();

  /** `outcome` is `executed` or the rejection code. */
  count(offerDenom: string, askDenom: string, outcome: string): void {
    let byAsk = this.counts.get(offerDenom);
    if (byAsk === undefined) this.counts.set(offerDenom, (byAsk = new Map()));
    let byOutcome = byAsk.get(askDenom);
    if (byOutcome === undefined) byAsk.set(askDenom, (byOutcome = new Map()));
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  }

  forEach(visit: (offerDenom: string, askDenom: string, outcome: string, count: number) => void): void {
    for (const [offerDenom, byAsk] of this.counts)
      for (const [askDenom, byOutcome] of byAsk)
        for (const [outcome, count] of byOutcome) visit(offerDenom, askDenom, outcome, count);
  }
}
