// A minimal node:events for ioredis-mock in the browser (bundled only into the lazy Lua lane chunk).
type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  private listeners = new Map<string | symbol, Listener[]>();
  on(name: string | symbol, fn: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  addListener(name: string | symbol, fn: Listener): this {
    return this.on(name, fn);
  }
  prependListener(name: string | symbol, fn: Listener): this {
    this.listeners.set(name, [fn, ...(this.listeners.get(name) ?? [])]);
    return this;
  }
  once(name: string | symbol, fn: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(name, wrapped);
      fn(...args);
    };
    return this.on(name, wrapped);
  }
  off(name: string | symbol, fn: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== fn));
    return this;
  }
  removeListener(name: string | symbol, fn: Listener): this {
    return this.off(name, fn);
  }
  removeAllListeners(name?: string | symbol): this {
    if (name === undefined) this.listeners.clear();
    else this.listeners.delete(name);
    return this;
  }
  emit(name: string | symbol, ...args: unknown[]): boolean {
    const ls = this.listeners.get(name) ?? [];
    for (const l of ls.slice()) l(...args);
    return ls.length > 0;
  }
  listenerCount(name: string | symbol): number {
    return (this.listeners.get(name) ?? []).length;
  }
  setMaxListeners(): this {
    return this;
  }
}

export default EventEmitter;
