/**
 * The shape of every `marketnode` command, and the list of them. Commands are loaded only when
 * run, so `marketnode swap` does not load LMDB and `marketnode --help` loads nothing at all.
 */
import type { CliIo } from './cli-io.js';

export interface CommandModule {
  /** The full `--help` text, with examples. */
  readonly HELP: string;
  /** Returns the exit code; throws `UsageError` for a wrong command line. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'engine',
    summary: 'run the market engine (the single writer)',
    load: () => import('./commands/engine.js'),
  },
  { name: 'swap', summary: 'swap coins through the engine', load: () => import('./commands/swap.js') },
  {
    name: 'quote',
    summary: 'what a swap would pay now, without swapping',
    load: () => import('./commands/quote.js'),
  },
  {
    name: 'query',
    summary: 'read pool, rates, params, balance or reserve',
    load: () => import('./commands/query.js'),
  },
  { name: 'log', summary: 'verify or inspect an engine log', load: () => import('./commands/log.js') },
  {
    name: 'feeder',
    summary: 'run an oracle feeder for one or more validators (--config FILE)',
    load: () => import('./commands/feeder.js'),
  },
  {
    name: 'ledger',
    summary: 'run the ledger: projections of the log, queries',
    load: () => import('./commands/ledger.js'),
  },
  {
    name: 'audit',
    summary: "audit a log and a ledger's projections (supplies, balances, pools, chain, replay)",
    load: () => import('./commands/audit.js'),
  },
  {
    name: 'replay',
    summary: 'the whole state at a height, re-executed from genesis',
    load: () => import('./commands/replay.js'),
  },
  {
    name: 'trace',
    summary: 'every log entry that names an account, with prices',
    load: () => import('./commands/trace.js'),
  },
  {
    name: 'forensics',
    summary: 'find abuse in a log (stale-oracle swaps and their profit)',
    load: () => import('./commands/forensics.js'),
  },
  {
    name: 'export',
    summary: 'entries or swaps by height range as CSV or JSON lines',
    load: () => import('./commands/export.js'),
  },
];
