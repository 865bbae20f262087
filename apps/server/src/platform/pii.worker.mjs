// A worker thread that seals personal values in bulk (see PiiCipher.encryptManyAside): a large
// import encrypts its ID numbers and phones here while the main thread reads the next rows.
import { parentPort, workerData } from 'node:worker_threads';
import { blindIndex, sealer, sealMany } from './pii.seal.mjs';

const seal = sealer(workerData);
const hash = blindIndex(workerData.index);

parentPort.on('message', ({ id, clears, withHashes }) => {
  try {
    parentPort.postMessage({ id, sealed: sealMany(seal, clears), hashes: withHashes ? clears.map(hash) : null });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err) });
  }
});
