/**
 * Codecs of the values the node's messages share: identities, denoms, coins, rate tuples.
 */
import * as dec from '@marketnode/dec';
import type { Coin, DecCoin } from '@marketnode/dec';
import type { ExchangeRateEntry } from '../events/oracle-events.js';
import {
  IDENTITY_LENGTH_MAX,
  IDENTITY_PATTERN,
  REJECTION_CODE_PATTERN,
  REJECTION_MESSAGE_LENGTH_MAX,
  REQUEST_ID_LENGTH_MAX,
  REQUEST_ID_PATTERN,
} from '../limits.js';
import { decCodec, listCodec, recordCodec, textCodec, uintCodec, type Codec } from './field-codecs.js';

export const identityCodec = textCodec({ lengthMax: IDENTITY_LENGTH_MAX, pattern: IDENTITY_PATTERN });
export const requestIdCodec = textCodec({ lengthMax: REQUEST_ID_LENGTH_MAX, pattern: REQUEST_ID_PATTERN });
export const denomCodec = textCodec({ lengthMax: 128, pattern: dec.DENOM_PATTERN });
/** A denom, or `""` for none (the reference Terra of a tally where no ballot passed). */
export const denomOrEmptyCodec = textCodec({
  lengthMax: 128,
  pattern: /^(?:[a-zA-Z][a-zA-Z0-9/-]{2,127})?$/,
});
export const rejectionCodeCodec = textCodec({ lengthMax: 64, pattern: REJECTION_CODE_PATTERN });
export const rejectionMessageCodec = textCodec({ lengthMax: REJECTION_MESSAGE_LENGTH_MAX });

export const coinCodec: Codec<Coin> = recordCodec<Coin>({ denom: denomCodec, amount: uintCodec });
export const decCoinCodec: Codec<DecCoin> = recordCodec<DecCoin>({ denom: denomCodec, amount: decCodec });
export const coinsCodec = listCodec(coinCodec);

export const exchangeRateEntryCodec: Codec<ExchangeRateEntry> = recordCodec<ExchangeRateEntry>({
  denom: denomCodec,
  exchangeRate: decCodec,
});
export const exchangeRatesCodec = listCodec(exchangeRateEntryCodec);
