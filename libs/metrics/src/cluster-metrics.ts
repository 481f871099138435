import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, Registry } from 'prom-client';

/**
 * Prometheus scrapes one address, and in a cluster (PROCESSES > 1) any process may answer: that
 * process asks the primary, which gathers every process's registry (prom-client's
 * AggregatorRegistry, over the cluster's IPC channel) and sends the merged text back.
 */
const ASK = 'kehoach:metrics?';
const ANSWER = 'kehoach:metrics!';
const TIMEOUT_MS = 5_000;

interface Ask {
  type: typeof ASK;
  id: string;
}
interface Answer {
  type: typeof ANSWER;
  id: string;
  text?: string;
  error?: string;
}

/** In the primary: answers the processes' questions (call once, before forking). */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Ask) => {
    if (message?.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text } satisfies Answer),
      (error: Error) => worker.send({ type: ANSWER, id: message.id, error: error.message } satisfies Answer),
    );
  });
}

/** In each process of a cluster: the registry the primary gathers. */
export function shareWithCluster(registry: Registry): void {
  if (!cluster.isWorker) return;
  // Constructing one installs prom-client's listener that answers the primary's requests.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** This process's figures alone, or, in a cluster's process, all the processes' merged. */
export async function clusterExposition(registry: Registry): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = randomUUID();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the cluster primary did not answer with the metrics'));
    }, TIMEOUT_MS);
    const onMessage = (message: Answer) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: ASK, id } satisfies Ask);
  });
}
