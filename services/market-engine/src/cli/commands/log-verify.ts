/**
 * `marketnode log verify`: the chain of hashes, then a replay from genesis that must reproduce every
 * recorded event and every block's state hash. Stops at the first entry that differs.
 */
import { resolve } from 'node:path';
import { DATA_DIR_DEFAULT } from '../../data-dir.js';
import { DEMO_GENESIS_PATH } from '../../genesis/demo-genesis.js';
import { readGenesisFile } from '../../genesis/genesis-file.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { parseCommandLine } from '../command-line.js';
import { reportEngineError, reportThrown } from '../error-report.js';
import { progressLine } from '../progress-line.js';
import { EXIT_FAILURE, EXIT_OK } from '../usage-error.js';

export const HELP = `Usage: marketnode log verify [options]

Proves a log is intact and reproducible:
  1. the log was started from --genesis (its first entry links to the genesis file's hash);
  2. the chain: every entry's own hash, its link to the one before, its seq and height;
  3. the replay: from genesis, every command gives the events recorded for it, and after every
     block the state hash equals the one the engine recorded (and the snapshot there, if any).
Reports the first entry that fails. Safe to run beside a running engine (it reads only).
Progress goes to stderr when stderr is a terminal.

Options:
  --data DIR            the engine's data directory (default ${DATA_DIR_DEFAULT})
  --genesis FILE        the genesis the log was started from (default: the bundled demo genesis)
  -h, --help            show this help

Examples:
  marketnode log verify
  marketnode log verify --data /var/lib/marketnode --genesis genesis.json

Exit codes: 0 verified, 1 a check failed (or the log cannot be read), 2 usage error.
`;

const OPTIONS = {
  data: { type: 'string' },
  genesis: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const logPath = resolve(values.data ?? DATA_DIR_DEFAULT);
  const genesisPath = resolve(values.genesis ?? DEMO_GENESIS_PATH);
  try {
    return await verify({ logPath, genesisPath, io });
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

async function verify(options: { logPath: string; genesisPath: string; io: CliIo }): Promise<number> {
  const { io } = options;
  const genesisFile = readGenesisFile(options.genesisPath);
  // Loaded here: `--help` and usage errors must not need LMDB.
  const { hashGenesis, openLogReader, LogGenesisMismatchError } = await import('@marketnode/log-store');
  const { replayLog } = await import('@marketnode/log-audit');
  const reader = openLogReader({ path: options.logPath });
  try {
    const givenHash = hashGenesis(genesisFile.bytes);
    if (!givenHash.equals(reader.genesisHash))
      throw new LogGenesisMismatchError(options.logPath, hex(reader.genesisHash), hex(givenHash));
    const lastSeq = reader.lastEntry()?.seq ?? 0n;
    if (lastSeq === 0n) {
      await writeLine(io.stdout, `the log at ${options.logPath} is empty: nothing to verify`);
      return EXIT_OK;
    }
    const progress = progressLine(io.stderr);
    const chain = await reader.verifyChain({
      toSeq: lastSeq,
      onProgress: ({ seq }) => progress(`verifying the chain: seq ${seq} of ${lastSeq}`),
    });
    progress(undefined);
    if (!chain.ok) {
      reportEngineError(io.stderr, {
        code: 'LOG_ERR_CORRUPT',
        message: `the chain breaks at seq ${chain.seq} (${chain.kind}): ${chain.detail}`,
        hint: 'Entries before this seq are intact; restore the log from a replica or backup.',
      });
      return EXIT_FAILURE;
    }
    await writeLine(
      io.stdout,
      `chain ok: ${chain.entriesVerified} entries, last seq ${chain.lastSeq}, last hash ${hex(chain.lastHash)}`,
    );
    const replay = await replayLog({
      reader,
      genesis: genesisFile.genesis,
      toSeq: chain.lastSeq,
      onProgress: ({ seq, height }) =>
        progress(`replaying from genesis: seq ${seq} of ${lastSeq}, height ${height}`),
    });
    progress(undefined);
    if (!replay.ok) {
      reportEngineError(io.stderr, {
        code: 'LOG_ERR_REPLAY_MISMATCH',
        message: `replay from genesis differs at seq ${replay.seq}, height ${replay.height} (${replay.kind}): ${replay.detail}`,
        hint:
          'Entries and blocks before this one reproduce; check that --genesis is the one the engine ran with ' +
          'and that this build runs the same core as the engine that wrote the log.',
      });
      return EXIT_FAILURE;
    }
    const last = replay.lastBlock;
    await writeLine(
      io.stdout,
      last === undefined
        ? `state hashes ok: no block has ended yet (${replay.entriesReplayed} entries replayed)`
        : `state hashes ok: ${replay.blocksVerified} blocks reproduced from genesis, the last at height ` +
            `${last.height} (seq ${last.seq}); ${replay.entriesReplayed} entries replayed`,
    );
    return EXIT_OK;
  } finally {
    await reader.close();
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
