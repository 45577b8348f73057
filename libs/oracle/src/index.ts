export {
  BLOCKS_PER_MINUTE,
  BLOCKS_PER_WEEK,
  BLOCKS_PER_YEAR,
  DEFAULT_ORACLE_PARAMS,
  SALT_LENGTH_MAX_REFERENCE,
  validateOracleParams,
  type OracleParams,
  type WhitelistItem,
} from './params.js';
export {
  cloneOracleState,
  createOracleState,
  type AggregatePrevote,
  type AggregateVote,
  type ExchangeRateTuple,
  type OracleGenesisOptions,
  type OracleState,
} from './state.js';
export type { OracleContext, OracleEndBlockContext } from './context.js';
export { isPeriodLastBlock, isRevealPeriod } from './timing.js';

export type { DelegateFeedConsent, SubmitPrevote, SubmitVote } from './commit-reveal/messages.js';
export {
  VOTE_HASH_BYTES,
  VOTE_HASH_HEX_LENGTH,
  aggregateVoteHash,
  type VoteHashInput,
} from './commit-reveal/vote-hash.js';
export { parseExchangeRateTuples, type TuplesParse } from './commit-reveal/exchange-rate-tuples.js';
export {
  EXCHANGE_RATES_TEXT_BYTES_MAX,
  EXCHANGE_RATE_BIT_LEN_MAX,
  validateDelegateFeedConsent,
  validatePrevote,
  validateVote,
} from './commit-reveal/validate-basic.js';
export { delegateFeedConsent, validateFeeder, type FeederDelegated } from './commit-reveal/feeder.js';
export { submitPrevote, type PrevoteSubmitted } from './commit-reveal/prevote.js';
export { submitVote, type VoteSubmitted } from './commit-reveal/vote.js';

export {
  ballotPower,
  compareBallotVotes,
  isBallotSorted,
  sortBallot,
  type Ballot,
  type BallotVote,
} from './tally/ballot.js';
export {
  BALLOT_MUST_BE_SORTED,
  weightedMedian,
  weightedMedianWithAssertion,
} from './tally/weighted-median.js';
export { standardDeviation } from './tally/standard-deviation.js';
export { decToFloat64, float64ToScaledHalfEven, formatGoFixed6, sqrtViaFloat } from './tally/go-float.js';
export { referenceVotesByVoter, toCrossRateWithSort } from './tally/cross-rate.js';
export { buildClaims, type Claim, type ClaimMap } from './tally/claims.js';
export { tally, type TallyResult } from './tally/tally.js';
export { isBallotPassing, pickReferenceTerra, thresholdVotes } from './tally/reference-terra.js';
export { organizeBallotsByDenom } from './tally/organize-ballots.js';

export {
  tallyExchangeRates,
  type BallotOutcome,
  type ExchangeRateTally,
  type RateFailure,
} from './end-block/exchange-rates.js';
export { countMisses } from './end-block/miss-counting.js';
export {
  MICRO_LUNA_DENOM,
  rewardBallotWinners,
  type RewardBallotWinnersInput,
  type RewardDistribution,
  type ValidatorReward,
} from './end-block/rewards.js';
export { clearBallots } from './end-block/clear-ballots.js';
export { applyWhitelist } from './end-block/apply-whitelist.js';
export {
  slashAndResetMissCounters,
  type MissCounterVerdict,
  type SlashWindowResult,
} from './end-block/slash-window.js';
export {
  oracleEndBlock,
  type ClaimReport,
  type OracleEndBlockReport,
  type SlashRecord,
} from './end-block/end-block.js';
