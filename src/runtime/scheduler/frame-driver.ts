/**
 * Frame sources for the scheduler. In a page, frames are animation frames
 * (`requestAnimationFrame`); where there is none (Node, workers) a `MessageChannel` message is the
 * cheapest macrotask that yields to the event loop without setTimeout's 4 ms clamping.
 */

/** Requests one call of `callback` at the next frame; returns a function that withdraws it. */
export type RequestFrame = (callback: () => void) => (() => void) | void;

export type FrameDriverKind = 'animation-frame' | 'message-channel' | 'timeout';

export interface FrameDriver {
  readonly kind: FrameDriverKind;
  request(callback: () => void): () => void;
  /** Releases the channel (lets Node exit); outstanding requests are dropped. */
  dispose(): void;
}

/** Node's MessagePort can be unref'd so an idle channel does not keep the process alive. */
interface RefCountedPort {
  ref?(): void;
  unref?(): void;
}

export function createFrameDriver(prefer?: FrameDriverKind): FrameDriver {
  const kind = prefer ?? detectFrameDriver();
  if (kind === 'animation-frame') return animationFrameDriver();
  if (kind === 'message-channel') return messageChannelDriver();
  return timeoutDriver();
}

export function detectFrameDriver(): FrameDriverKind {
  if (typeof globalThis.requestAnimationFrame === 'function') return 'animation-frame';
  if (typeof globalThis.MessageChannel === 'function') return 'message-channel';
  return 'timeout';
}

function animationFrameDriver(): FrameDriver {
  const ids = new Set<number>();
  return {
    kind: 'animation-frame',
    request(callback) {
      const id = requestAnimationFrame(() => {
        ids.delete(id);
        callback();
      });
      ids.add(id);
      return () => {
        if (ids.delete(id)) cancelAnimationFrame(id);
      };
    },
    dispose() {
      for (const id of ids) cancelAnimationFrame(id);
      ids.clear();
    },
  };
}

function messageChannelDriver(): FrameDriver {
  // One channel per driver; each request posts its own id so a throwing callback cannot lose others.
  let channel: MessageChannel | null = null;
  const pending = new Map<number, () => void>();
  let nextId = 1;

  const port = (): MessagePort => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = (ev: MessageEvent<number>) => {
        const cb = pending.get(ev.data);
        if (!cb) return;
        pending.delete(ev.data);
        if (pending.size === 0) (channel?.port1 as RefCountedPort | undefined)?.unref?.();
        cb();
      };
    }
    return channel.port1;
  };

  return {
    kind: 'message-channel',
    request(callback) {
      const p = port();
      const id = nextId++;
      pending.set(id, callback);
      (p as RefCountedPort).ref?.();
      channel!.port2.postMessage(id);
      return () => {
        if (pending.delete(id) && pending.size === 0) (channel?.port1 as RefCountedPort | undefined)?.unref?.();
      };
    },
    dispose() {
      pending.clear();
      if (channel) {
        channel.port1.onmessage = null;
        channel.port1.close();
        channel.port2.close();
        channel = null;
      }
    },
  };
}

function timeoutDriver(): FrameDriver {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  return {
    kind: 'timeout',
    request(callback) {
      const t = setTimeout(() => {
        timers.delete(t);
        callback();
      }, 0);
      timers.add(t);
      return () => {
        if (timers.delete(t)) clearTimeout(t);
      };
    },
    dispose() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
