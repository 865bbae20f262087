// A worker thread that seals personal values in bulk (see PiiCipher.encryptManyAside): a large
// import encrypts its ID numbers and phones here while the main thread reads the next rows.
import { parentPort, workerData } from 'node:worker_threads';
import { sealer, sealMany } from './pii.seal.mjs';

const seal = sealer(workerData);

parentPort.on('message', ({ id, clears }) => {
  try {
    parentPort.postMessage({ id, sealed: sealMany(seal, clears) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err) });
  }
});
