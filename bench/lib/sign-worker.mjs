/**
 * A worker thread that makes signed intents, so that both cores sign while the main thread stores or
 * sends. It answers each { id, start, count, ... } job with the JSON texts of intents start..start+count-1.
 */
import { createPrivateKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { intentBody, nonceFor, signIntent } from './corpus.mjs';

const keys = workerData.keys.map(({ did, jwk }) => ({
  did,
  privateKey: createPrivateKey({ key: jwk, format: 'jwk' }),
}));

parentPort.on('message', (job) => {
  const texts = new Array(job.count);
  for (let n = 0; n < job.count; n++) {
    const index = job.start + n;
    const created = job.createdBase + index * job.createdStep;
    texts[n] = signIntent(intentBody(index, job.seed), keys[index % keys.length], {
      created,
      expires: created + job.lifetimeMs,
      nonce: nonceFor(index, job.run),
    }).text;
  }
  parentPort.postMessage({ id: job.id, texts });
});
