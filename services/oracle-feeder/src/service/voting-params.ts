/**
 * The oracle params the votes depend on, read from the engine (`market.query.params`): the vote
 * period that times them, the longest salt allowed, and the whitelist that will be the vote
 * targets when the prevote is revealed (the tally applies it at the end of each period).
 */
import type { MarketClient } from '@marketnode/market-client';
import { FeederEngineParamsError } from './feeder-errors.js';

export interface VotingParams {
  readonly votePeriod: bigint;
  readonly saltLengthMax: number;
  /** Sorted denoms. */
  readonly whitelist: readonly string[];
}

export async function readVotingParams(client: MarketClient): Promise<VotingParams> {
  let answer;
  try {
    answer = await client.params();
  } catch (error) {
    throw new FeederEngineParamsError(String(error), { cause: error });
  }
  if (!answer.ok) throw new FeederEngineParamsError(`${answer.error.code}: ${answer.error.message}`);
  const { votePeriod, saltLengthMax, whitelist } = answer.value.oracle;
  const period = typeof votePeriod === 'number' ? BigInt(votePeriod) : votePeriod;
  if (typeof period !== 'bigint' || period < 1n)
    throw new FeederEngineParamsError('votePeriod is not positive');
  const saltLength = typeof saltLengthMax === 'bigint' ? Number(saltLengthMax) : saltLengthMax;
  if (typeof saltLength !== 'number' || !Number.isSafeInteger(saltLength) || saltLength < 1)
    throw new FeederEngineParamsError('saltLengthMax is not a positive integer');
  if (!Array.isArray(whitelist)) throw new FeederEngineParamsError('whitelist is not a list');
  const denoms = whitelist.map((item: unknown) => {
    const name = (item as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') throw new FeederEngineParamsError('a whitelist item has no name');
    return name;
  });
  return { votePeriod: period, saltLengthMax: saltLength, whitelist: denoms.sort() };
}
