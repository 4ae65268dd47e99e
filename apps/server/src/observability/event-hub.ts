/** One server-sent event: a name and a JSON payload. */
export interface HubEvent {
  event: 'decision' | 'breaker' | 'rules' | 'dropped' | 'ping';
  data: unknown;
}

export interface Subscriber {
  /** Resolves with the next events (at most the buffer), or an empty array once closed. */
  next(): Promise<HubEvent[]>;
  close(): void;
  readonly closed: boolean;
}

export interface EventHubOptions {
  /** Most concurrent subscribers (default 32); more get a 503 from the route. */
  maxSubscribers?: number;
  /** Events buffered per subscriber before the oldest are dropped (default 256). */
  maxBuffered?: number;
}

/**
 * Fans live events out to SSE subscribers with hard bounds: a fixed number of subscribers, and a fixed buffer
 * each. A slow subscriber loses its oldest events (and is told how many) instead of growing server memory.
 */
export class EventHub {
  private readonly subscribers = new Set<SubscriberImpl>();
  readonly maxSubscribers: number;
  private readonly maxBuffered: number;

  constructor(options: EventHubOptions = {}) {
    this.maxSubscribers = options.maxSubscribers ?? 32;
    this.maxBuffered = options.maxBuffered ?? 256;
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** A new subscriber, or undefined when the hub is full. */
  subscribe(): Subscriber | undefined {
    if (this.subscribers.size >= this.maxSubscribers) return undefined;
    const sub = new SubscriberImpl(this.maxBuffered, () => this.subscribers.delete(sub));
    this.subscribers.add(sub);
    return sub;
  }

  publish(event: HubEvent): void {
    for (const sub of this.subscribers) sub.push(event);
  }

  closeAll(): void {
    for (const sub of [...this.subscribers]) sub.close();
  }
}

class SubscriberImpl implements Subscriber {
  private queue: HubEvent[] = [];
  private dropped = 0;
  private wake: (() => void) | undefined;
  closed = false;

  constructor(
    private readonly max: number,
    private readonly onClose: () => void,
  ) {}

  push(event: HubEvent): void {
    if (this.closed) return;
    this.queue.push(event);
    if (this.queue.length > this.max) {
      this.queue.shift();
      this.dropped += 1;
    }
    this.wake?.();
  }

  async next(): Promise<HubEvent[]> {
    while (!this.closed && this.queue.length === 0) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
    if (this.closed) return [];
    const out = this.queue;
    this.queue = [];
    if (this.dropped > 0) {
      out.unshift({ event: 'dropped', data: { count: this.dropped, reason: 'this subscriber read too slowly; oldest events were dropped' } });
      this.dropped = 0;
    }
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    this.wake?.();
  }
}
