import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './smtp-server.js';

/** One request as the gateway received it. */
export type GatewayRequest = { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string; body: unknown };

/** How the gateway answers the next request: a status (and body), or no answer at all. */
export type GatewayAnswer = { status: number; body?: string } | 'hang';

/**
 * A real SMS gateway stand-in: a node:http server on 127.0.0.1 that records every request and
 * answers from a script (`answerWith`: one answer per request in turn, then `fallback`).
 * `hang` keeps the request open without answering (until `close()`).
 */
export class TestSmsGateway {
  readonly requests: GatewayRequest[] = [];
  private readonly script: GatewayAnswer[] = [];
  private fallback: GatewayAnswer = { status: 200, body: '{"id":"gw-1","status":"accepted"}' };
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    readonly port: number,
    private readonly server: Server,
  ) {}

  /** Listens on `port` (a gateway back on the address it had) or on a free one. */
  static async start(options: { port?: number } = {}): Promise<TestSmsGateway> {
    const port = options.port ?? (await freePort());
    let gateway: TestSmsGateway | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => gateway!.handle(request.method ?? '', request.url ?? '', request.headers, Buffer.concat(chunks).toString('utf8'), response));
    });
    gateway = new TestSmsGateway(port, server);
    server.on('connection', (socket) => {
      gateway!.sockets.add(socket);
      socket.on('close', () => gateway!.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return gateway;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/v1/sms`;
  }

  /** The next requests get these answers, in order; later ones get `fallback` (200 unless told). */
  answerWith(...answers: GatewayAnswer[]): void {
    this.script.push(...answers);
  }

  answerAlways(answer: GatewayAnswer): void {
    this.fallback = answer;
  }

  private handle(method: string, path: string, headers: IncomingHttpHeaders, rawBody: string, response: ServerResponse): void {
    let body: unknown = null;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = null;
    }
    this.requests.push({ method, path, headers, rawBody, body });
    const answer = this.script.shift() ?? this.fallback;
    if (answer === 'hang') {
      this.hanging.add(response);
      return;
    }
    response.writeHead(answer.status, { 'Content-Type': 'application/json' });
    response.end(answer.body ?? JSON.stringify({ status: answer.status }));
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
