// The yardstick: a bare Hono « hello world », served like the service (@hono/node-server, one process).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello Hono!'));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3998), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ message: 'hello prêt', port: info.port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
