// ioredis-mock needs createHash('sha1') for EVAL/EVALSHA; the algorithms package's own SHA-1 serves it in the browser.
import { sha1Hex } from '@ratelab/algorithms';

export function createHash(algorithm: string) {
  if (algorithm !== 'sha1') throw new Error(`only sha1 is available in the browser (asked for ${algorithm})`);
  let text = '';
  const hash = {
    update(chunk: string) {
      text += chunk;
      return hash;
    },
    digest() {
      return sha1Hex(text);
    },
  };
  return hash;
}

export default { createHash };
