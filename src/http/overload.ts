import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

// Admission control: at most `maxInFlight` requests are served at once by this container (each
// holds database connections and CPU), at most `maxQueued` more wait their turn, for at most
// `maxWaitMs`. Anything beyond is answered at once with 503 and Retry-After — a quick « try again
// in a moment » rather than every request timing out together on a deadline evening.

export type AdmissionLimits = { maxInFlight: number; maxQueued: number; maxWaitMs: number };

export class Overloaded extends Error {
  constructor(readonly reason: 'queue-full' | 'waited-too-long') {
    super(reason === 'queue-full' ? 'file d’attente pleine' : 'attente trop longue');
  }
}

export function createAdmission(limits: AdmissionLimits) {
  let inFlight = 0;
  const waiting: Array<{ resolve: () => void; reject: (error: Overloaded) => void; timer: NodeJS.Timeout; deadline: number }> = [];

  const release = () => {
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      clearTimeout(next.timer);
      // A busy event loop may not have run its timer yet: a request past its wait is refused here.
      if (performance.now() > next.deadline) {
        next.reject(new Overloaded('waited-too-long'));
        continue;
      }
      next.resolve(); // the slot passes straight to the next request
      return;
    }
    inFlight--;
  };

  const acquire = (): Promise<void> => {
    if (inFlight < limits.maxInFlight) {
      inFlight++;
      return Promise.resolve();
    }
    if (waiting.length >= limits.maxQueued) return Promise.reject(new Overloaded('queue-full'));
    return new Promise<void>((resolve, reject) => {
      const entry = {
        resolve,
        reject,
        deadline: performance.now() + limits.maxWaitMs,
        timer: setTimeout(() => {
          const index = waiting.indexOf(entry);
          if (index >= 0) waiting.splice(index, 1);
          reject(new Overloaded('waited-too-long'));
        }, limits.maxWaitMs),
      };
      waiting.push(entry);
    });
  };

  return {
    middleware(onOverload: (c: Context<AppEnv>) => Response | Promise<Response>): MiddlewareHandler<AppEnv> {
      return async (c, next) => {
        try {
          await acquire();
        } catch (error) {
          if (error instanceof Overloaded) return onOverload(c);
          throw error;
        }
        try {
          await next();
        } finally {
          release();
        }
      };
    },
  };
}
