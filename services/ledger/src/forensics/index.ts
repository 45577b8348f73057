/**
 * `@marketnode/ledger/forensics`: answering "what happened, block by block, and who took what at
 * which oracle price" from an engine's log and its genesis, by reading entries and re-executing
 * them with the pure core. The `marketnode replay|trace|forensics|export` commands are thin shells
 * over these functions. See README.md and docs/forensics.md.
 */
export { EntryUndecodableError, HeightNotInLogError, ReplayMismatchError } from './forensics-errors.js';
export { blockEntryOf, firstSeqFromHeight, lastEndedHeight } from './height-seek.js';
export {
  SCAN_PROGRESS_ENTRIES,
  scanLog,
  type DecodedEntry,
  type ScanLogOptions,
  type ScanProgress,
} from './scan-log.js';
export { stateAtHeight, type StateAtHeight, type StateAtHeightOptions } from './state-at-height.js';
export {
  TOP_HOLDERS_DEFAULT,
  TOP_HOLDERS_MAX,
  reportState,
  type Holding,
  type StateReport,
} from './state-report.js';
export { accountRoles, type AccountRole } from './account-roles.js';
export { traceAccount, traceEntry, type TraceFact, type TraceRecord } from './account-trace.js';
export {
  StaleOracleDetector,
  findStaleOracleSwaps,
  type AccountProfit,
  type StaleOracleReport,
  type StaleSwap,
} from './stale-oracle.js';
export { movedMoreThanSpread, profitUluna, rateMove, type SwapPrices } from './stale-rate-math.js';
export {
  ENTRY_COLUMNS,
  SWAP_COLUMNS,
  columnsOf,
  entryRow,
  exportRows,
  swapRows,
  type ExportKind,
  type ExportRow,
} from './export-rows.js';
export { csvField, csvHeader, csvLine } from './csv.js';
