// ioredis-mock only subclasses Readable for its scanStream commands, which the labs never call.
import { EventEmitter } from './events';

export class Readable extends EventEmitter {
  constructor(_options?: unknown) {
    super();
  }
  push(_chunk: unknown): boolean {
    return true;
  }
}

export default { Readable };
