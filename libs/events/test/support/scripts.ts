/**
 * Random but meaningful command logs for property tests. A script is a list of blocks; each block
 * says who votes (with the commit-reveal done right, so tallies really set rates), which swaps are
 * sent (some succeed, some fail for funds, pairs or prices), some junk oracle messages (rejected),
 * and sometimes a feeder delegation. `commandsOf` turns it into the exact command log.
 */
import fc from 'fast-check';
import { aggregateVoteHash } from '@marketnode/oracle';
import type { NodeState } from '@marketnode/node-state';
import { applyCommand, encodeEvents, stateHash, type Command } from '../../src/index.js';
import { endBlockCommand, hex, OPERATORS, SALT, TRADERS, VALIDATORS, VOTE_PERIOD } from './devnet.js';

export const DENOMS = ['uluna', 'usdr', 'uusd', 'ubtc'] as const;

export interface SwapSpec {
  readonly trader: number;
  readonly offerDenom: number;
  readonly askDenom: number;
  readonly amount: bigint;
  readonly toOtherTrader: boolean;
}

export type JunkSpec = 'voteWithoutPrevote' | 'prevoteFromStranger' | 'badHash' | 'delegateUnknownValidator';

export interface BlockSpec {
  readonly swaps: readonly SwapSpec[];
  /** Which validators prevote at the start of this vote period (only read at period starts). */
  readonly voters: readonly boolean[];
  /** Shifts this period's rates, so ballots and medians move. */
  readonly jitter: number;
  /** Every other validator votes one dollar higher, so some fall outside the reward band. */
  readonly disagree: boolean;
  readonly junk: readonly JunkSpec[];
  /** A validator (index) that delegates its feeder to a fresh account in this block. */
  readonly delegate: number | undefined;
}

export interface LoggedCommand {
  readonly command: Command;
  readonly height: bigint;
}

const amountArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 1_000_000n }),
  fc.bigInt({ min: 1_000_000n, max: 100_000_000_000n }),
  fc.constantFrom(0n, 2_000_000_000_000n), // zero (invalid coins), more than anyone holds
);

const swapArb: fc.Arbitrary<SwapSpec> = fc.record({
  trader: fc.integer({ min: 0, max: TRADERS.length - 1 }),
  offerDenom: fc.integer({ min: 0, max: DENOMS.length - 1 }),
  askDenom: fc.integer({ min: 0, max: DENOMS.length - 1 }),
  amount: amountArb,
  toOtherTrader: fc.boolean(),
});

const blockArb: fc.Arbitrary<BlockSpec> = fc.record({
  swaps: fc.array(swapArb, { maxLength: 4 }),
  // Mostly voting, so tallies pass and set rates.
  voters: fc.array(
    fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    { minLength: 3, maxLength: 3 },
  ),
  jitter: fc.integer({ min: -3, max: 3 }),
  disagree: fc.boolean(),
  junk: fc.array(
    fc.constantFrom<JunkSpec>(
      'voteWithoutPrevote',
      'prevoteFromStranger',
      'badHash',
      'delegateUnknownValidator',
    ),
    {
      maxLength: 1,
    },
  ),
  // Rare: a delegation changes who must feed the validator's later votes.
  delegate: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 9 },
    { arbitrary: fc.integer({ min: 0, max: VALIDATORS.length - 1 }), weight: 1 },
  ),
});

/**
 * Lengths spread over the whole range (fast-check's default size would keep them short), so slash
 * windows and day windows end. In half the scripts one validator never votes while the others
 * always do: every tally passes without it, so it misses every period and the window slashes it.
 */
export function scriptArb(options: { readonly maxBlocks: number }): fc.Arbitrary<readonly BlockSpec[]> {
  const blocks = fc.array(blockArb, { minLength: 1, maxLength: options.maxBlocks, size: 'max' });
  const silent = fc.option(fc.integer({ min: 0, max: VALIDATORS.length - 1 }), { nil: undefined, freq: 2 });
  return fc
    .tuple(blocks, silent)
    .map(([script, silentIndex]) =>
      silentIndex === undefined
        ? script
        : script.map((block) => ({ ...block, voters: block.voters.map((_, i) => i !== silentIndex) })),
    );
}

function ratesText(block: BlockSpec, validatorIndex: number): string {
  const shift = block.jitter + (block.disagree ? validatorIndex % 2 : 0);
  return `${60 + shift}.0usdr,${80 + shift}.0uusd,0.002ubtc`;
}

/** The command log of `script`, from height 0. Pure: the same script always gives the same log. */
export function commandsOf(script: readonly BlockSpec[]): LoggedCommand[] {
  const log: LoggedCommand[] = [];
  const pending = new Map<string, string>();
  const feeders = new Map<string, string>(VALIDATORS.map((v) => [v.operator, v.account]));
  script.forEach((block, index) => {
    const height = BigInt(index);
    const push = (command: Command) => log.push({ command, height });
    if (height % VOTE_PERIOD === 0n) pushVotes({ block, pending, feeders, push });
    block.swaps.forEach((swap, i) => push(swapOf(swap, `r-${height}-${i}`)));
    for (const junk of block.junk) push(junkOf(junk, height));
    if (block.delegate !== undefined) {
      const operator = OPERATORS[block.delegate] as string;
      const delegate = `terra1feeder${block.delegate}h${height}`;
      push({ type: 'DelegateFeedConsent', operator, delegate });
      feeders.set(operator, delegate);
    }
    push(endBlockCommand(height));
  });
  return log;
}

function pushVotes(options: {
  readonly block: BlockSpec;
  readonly pending: Map<string, string>;
  readonly feeders: ReadonlyMap<string, string>;
  readonly push: (command: Command) => void;
}): void {
  const { block, pending, feeders, push } = options;
  VALIDATORS.forEach((v, i) => {
    const feeder = feeders.get(v.operator) as string;
    const revealed = pending.get(v.operator);
    if (revealed !== undefined) {
      push({ type: 'SubmitVote', feeder, validator: v.operator, salt: SALT, exchangeRatesText: revealed });
      pending.delete(v.operator);
    }
    if (block.voters[i] !== true) return;
    const text = ratesText(block, i);
    const hash = aggregateVoteHash({ salt: SALT, exchangeRatesText: text, voter: v.operator });
    push({ type: 'SubmitPrevote', feeder, validator: v.operator, hash });
    pending.set(v.operator, text);
  });
}

function swapOf(spec: SwapSpec, requestId: string): Command {
  const trader = TRADERS[spec.trader] as string;
  const other = TRADERS[(spec.trader + 1) % TRADERS.length] as string;
  return {
    type: 'Swap',
    requestId,
    trader,
    receiver: spec.toOtherTrader ? other : trader,
    offer: { denom: DENOMS[spec.offerDenom] as string, amount: spec.amount },
    askDenom: DENOMS[spec.askDenom] as string,
  };
}

function junkOf(junk: JunkSpec, height: bigint): Command {
  const validator = OPERATORS[Number(height % 3n)] as string;
  switch (junk) {
    case 'voteWithoutPrevote':
      return {
        type: 'SubmitVote',
        feeder: 'terra1nobody',
        validator,
        salt: SALT,
        exchangeRatesText: '1.0uusd',
      };
    case 'prevoteFromStranger':
      return { type: 'SubmitPrevote', feeder: TRADERS[0], validator, hash: '0'.repeat(40) };
    case 'badHash':
      return {
        type: 'SubmitPrevote',
        feeder: VALIDATORS[0].account,
        validator: VALIDATORS[0].operator,
        hash: 'zz',
      };
    case 'delegateUnknownValidator':
      return { type: 'DelegateFeedConsent', operator: 'terravaloper1ghost', delegate: 'terra1x' };
  }
}

export interface RunRecord {
  /** The encoded events of every command, in log order. */
  readonly eventBytes: Uint8Array[];
  /** The state hash after every EndBlock. */
  readonly blockHashes: string[];
}

/** Applies `log` to `state` (mutating it), recording the event bytes and each block's state hash. */
export function runLog(state: NodeState, log: readonly LoggedCommand[]): RunRecord {
  const eventBytes: Uint8Array[] = [];
  const blockHashes: string[] = [];
  for (const { command, height } of log) {
    eventBytes.push(encodeEvents(applyCommand(state, command, { height })));
    if (command.type === 'EndBlock') blockHashes.push(hex(stateHash(state)));
  }
  return { eventBytes, blockHashes };
}
