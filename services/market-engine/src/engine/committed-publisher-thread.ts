/**
 * The committed stream's thread: it is told of every durable batch by the log's append thread
 * (`durablePort`) and publishes its entries on `events.committed.<first seq>`, packed under the
 * payload limit, on a NATS connection of its own. The engine's event loop never touches these
 * bytes (about 830 of the 1,400 it would write per swap). Order is the port's: one batch after the
 * other, as they became durable.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { type DurableBatch, packedPart } from '@marketnode/log-store';
import { closeNats, connectNats, type NatsUserAuth, packCommittedEntries } from '@marketnode/nats-kit';
import type { NatsConnection } from '@nats-io/transport-node';

const port = parentPort;
if (port === null) throw new Error('committed-publisher-thread runs as a worker thread');
const { natsUrl, natsAuth, durablePort } = workerData as {
  natsUrl: string;
  natsAuth: NatsUserAuth | undefined;
  durablePort: MessagePort;
};

function publish(nc: NatsConnection, batch: DurableBatch): void {
  const entries = Array.from(batch.envelopeEnds, (_, i) => ({
    seq: batch.firstSeq + BigInt(i),
    bytes: packedPart(batch.envelopes, batch.envelopeEnds, i),
  }));
  for (const message of packCommittedEntries(entries)) nc.publish(message.subject, message.payload);
}

try {
  const nc = await connectNats({
    servers: natsUrl,
    name: 'market-engine-committed',
    ...(natsAuth === undefined ? {} : { auth: natsAuth }),
  });
  durablePort.on('message', (batch: DurableBatch) => publish(nc, batch));
  port.on('message', () => {
    // Asked to stop once the appender has closed: what it told the port is all there is.
    for (
      let left = receiveMessageOnPort(durablePort);
      left !== undefined;
      left = receiveMessageOnPort(durablePort)
    )
      publish(nc, left.message as DurableBatch);
    durablePort.close();
    void closeNats(nc).finally(() => {
      port.postMessage({ kind: 'closed' });
      port.close();
    });
  });
  port.postMessage({ kind: 'ready' });
} catch (error) {
  port.postMessage({ kind: 'startFailed', message: error instanceof Error ? error.message : String(error) });
}
