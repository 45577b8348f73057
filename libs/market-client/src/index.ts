/**
 * @marketnode/market-client: the typed client of the market engine over NATS (docs/protocol.md).
 * See README.md.
 */
export { MarketClient, type MarketClientOptions, type SwapRequest } from './market-client.js';
export { MessageStream, STREAM_BUFFERED_MAX, type MessageStreamOptions } from './message-stream.js';
export {
  ClientClosedError,
  ConnectFailedError,
  InvalidArgumentError,
  MarketClientError,
  OracleResultTimeoutError,
  UnexpectedReplyError,
} from './client-errors.js';
export type {
  Answer,
  BalanceView,
  BlockHeader,
  CommittedMessage,
  EngineError,
  OracleEventView,
  OracleResult,
  ParamsView,
  PoolView,
  Quote,
  RatesView,
  ReserveView,
  SwapExecution,
  SwapResult,
} from './views.js';
