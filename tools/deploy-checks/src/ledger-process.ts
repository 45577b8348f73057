/**
 * `marketnode ledger` beside a local node, as compose runs it beside the engine: reading the
 * engine's log file in its data directory, answering ledger queries on NATS, serving /metrics.
 */
import { MARKETNODE_BIN } from './deploy-files.js';
import { freeLoopbackPort } from './free-port.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export interface LedgerProcess {
  readonly process: ServiceProcess;
  /** `http://127.0.0.1:<port>` of its /metrics and /health. */
  readonly metricsUrl: string;
}

export async function startLedgerBeside(options: {
  readonly engineDataDir: string;
  readonly ledgerDataDir: string;
  readonly natsUrl: string;
}): Promise<LedgerProcess> {
  const port = await freeLoopbackPort();
  const child = await startServiceProcess({
    script: MARKETNODE_BIN,
    args: [
      'ledger',
      '--data',
      options.engineDataDir,
      '--ledger-data',
      options.ledgerDataDir,
      '--nats',
      options.natsUrl,
      '--metrics-port',
      String(port),
    ],
    ready: /ledger following/,
  });
  return { process: child, metricsUrl: `http://127.0.0.1:${port}` };
}
