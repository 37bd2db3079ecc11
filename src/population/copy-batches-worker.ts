import { parentPort, workerData } from 'node:worker_threads';
import { copyBatchesHere, type WorkerCopyBatchOptions, type WorkerMessage } from './copy-batches.js';

/**
 * The worker thread of copyBatchesInWorker: makes the batches and posts them, each only once the
 * caller has asked for more (a credit per batch), so a slow database never makes it pile up
 * batches in memory.
 */
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);

let credits = 0;
let granted: (() => void) | null = null;
port.on('message', (message: { more: number }) => {
  credits += message.more;
  granted?.();
});

async function credit(): Promise<void> {
  while (credits === 0) {
    await new Promise<void>((resolve) => (granted = resolve));
    granted = null;
  }
  credits--;
}

try {
  for await (const batch of copyBatchesHere(workerData as WorkerCopyBatchOptions)) {
    await credit();
    send({ batch });
  }
  send({ done: true });
} catch (error) {
  send({ error: error instanceof Error ? error.message : String(error) });
}
port.close();
