import type { Client, Transaction, TransactionMode } from "@libsql/client";

/**
 * The embedded libSQL driver is synchronous: a connection waiting for SQLite's write lock
 * blocks the whole event loop — including the request that holds the lock and needs the
 * loop to finish. Two overlapping write transactions in one process would stall for the
 * busy timeout and fail. So writes in this process take turns on an async queue (SQLite
 * has one writer anyway); reads use their own connections and never wait. The busy timeout
 * still covers other processes (a job run from the shell).
 */
export function serializeWrites(client: Client, opts: { waitMs?: number } = {}): Client {
  const waitMs = opts.waitMs ?? 30_000;
  let tail: Promise<void> = Promise.resolve();

  function lock(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const before = tail;
    tail = before.then(() => mine);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("The database stayed busy for too long; nothing was changed. Please try again.")), waitMs);
      void before.then(() => {
        clearTimeout(timer);
        let done = false;
        resolve(() => {
          if (!done) {
            done = true;
            release();
          }
        });
      });
    });
  }

  const wrapTx = (tx: Transaction, release: () => void): Transaction => {
    const end =
      <A extends unknown[], R>(fn: (...a: A) => Promise<R> | R) =>
      async (...a: A) => {
        try {
          return await fn(...a);
        } finally {
          release();
        }
      };
    return new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === "commit") return end(() => target.commit());
        if (prop === "rollback") return end(() => target.rollback());
        if (prop === "close")
          return () => {
            try {
              target.close();
            } finally {
              release();
            }
          };
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  };

  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return async (mode?: TransactionMode) => {
          const release = await lock();
          try {
            return wrapTx(await target.transaction(mode), release);
          } catch (e) {
            release();
            throw e;
          }
        };
      }
      if (prop === "execute" || prop === "batch" || prop === "executeMultiple" || prop === "migrate") {
        const fn = Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          const release = await lock();
          try {
            return await fn.apply(target, args);
          } finally {
            release();
          }
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
