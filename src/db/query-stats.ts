import type { LogEvent } from 'kysely';

// Slow-query log (SLOW_QUERY_MS): every query slower than the threshold is written as one JSON
// line, and every few seconds one line sums up the queries of the interval (count, slow ones, p50,
// p99). Durations are measured by the service, from sending the query to having its rows: they
// include the network and any wait of the event loop, so they are an upper bound of the database's own time.

const BUCKET_MS = 0.1;
const BUCKETS = 2000; // up to 200 ms, in steps of 0.1 ms; longer ones land in the last bucket

export type QueryStatsLine = { queries: number; slow: number; p50Ms: number; p99Ms: number; maxMs: number };

export function queryStats(options: { slowMs: number; everyMs?: number; write?: (line: string) => void }) {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  let histogram = new Uint32Array(BUCKETS);
  let count = 0;
  let slow = 0;
  let max = 0;

  const percentile = (wanted: number): number => {
    let seen = 0;
    const target = Math.ceil(count * wanted);
    for (let index = 0; index < BUCKETS; index++) {
      seen += histogram[index]!;
      if (seen >= target) return Math.round((index + 1) * BUCKET_MS * 10) / 10;
    }
    return max;
  };

  const flush = () => {
    if (count === 0) return;
    const line: QueryStatsLine = { queries: count, slow, p50Ms: percentile(0.5), p99Ms: percentile(0.99), maxMs: Math.round(max * 10) / 10 };
    write(JSON.stringify({ time: new Date().toISOString(), message: 'requêtes SQL', ...line }));
    histogram = new Uint32Array(BUCKETS);
    count = 0;
    slow = 0;
    max = 0;
  };
  const timer = setInterval(flush, options.everyMs ?? 5_000);
  timer.unref();

  return {
    log(event: LogEvent): void {
      const ms = event.queryDurationMillis;
      if (event.level === 'error') {
        return;
      }
      count++;
      histogram[Math.min(BUCKETS - 1, Math.floor(ms / BUCKET_MS))]!++;
      if (ms > max) max = ms;
      if (ms > options.slowMs) {
        slow++;
        write(JSON.stringify({ time: new Date().toISOString(), level: 'warn', message: 'requête lente', ms: Math.round(ms * 10) / 10, sql: event.query.sql.replace(/\s+/g, ' ').slice(0, 300) }));
      }
    },
    stop(): void {
      clearInterval(timer);
      flush();
    },
  };
}
