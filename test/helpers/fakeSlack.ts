/**
 * A local stand-in for Slack for the end-to-end tests: the Web API methods the app calls (auth.test,
 * chat.postMessage, chat.update) and `response_url` endpoints, recording every request; plus helpers
 * that post to the app what Slack would post, signed with the signing secret.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface SlackCall {
  method: string;
  path: string;
  body: Record<string, Json>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (data += d));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** Web API bodies come form-encoded with JSON-encoded fields (blocks), or as JSON. */
function parseBody(raw: string, type: string | undefined): Record<string, Json> {
  if (raw === '') return {};
  if (type?.includes('json')) return JSON.parse(raw) as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? (JSON.parse(v) as Json) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Channels the app is not in: chat.postMessage there answers not_in_channel. */
  readonly notInChannel = new Set<string>();
  /** What apps connected over Socket Mode sent back (acknowledgements with their payloads). */
  readonly socketReplies: Array<Record<string, Json>> = [];
  private readonly sockets = new Set<WebSocket>();
  private socketWaiters: Array<{ pred: (m: Record<string, Json>) => boolean; resolve: (m: Record<string, Json>) => void }> = [];
  private ts = 1700000000;
  private waiters: Array<{ pred: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }> = [];

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | null = null;
    const server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const path = (req.url ?? '/').split('?')[0]!;
        const call: SlackCall = { method: req.method ?? 'GET', path, body: parseBody(raw, req.headers['content-type']) };
        fake!.record(call);
        res.setHeader('content-type', 'application/json');
        const api = /^\/api\/([\w.]+)$/.exec(path)?.[1];
        if (api === 'apps.connections.open') res.end(JSON.stringify({ ok: true, url: `${fake!.url.replace('http', 'ws')}/socket` }));
        else if (api === 'auth.test') res.end(JSON.stringify({ ok: true, url: 'https://newsroom.slack.com/', team: 'Newsroom', user: 'dossier', team_id: 'T0001', user_id: 'UBOT0001', bot_id: 'BBOT0001' }));
        else if (api === 'chat.postMessage' && fake!.notInChannel.has(String(call.body.channel))) res.end(JSON.stringify({ ok: false, error: 'not_in_channel' }));
        else if (api === 'chat.postMessage') res.end(JSON.stringify({ ok: true, channel: call.body.channel, ts: `${fake!.ts++}.000100`, message: { text: call.body.text } }));
        else if (api === 'chat.update') res.end(JSON.stringify({ ok: true, channel: call.body.channel, ts: call.body.ts }));
        else if (api) res.end(JSON.stringify({ ok: true }));
        else res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    // Socket Mode: a hello on connect, then envelopes the test sends; the app's acks come back here.
    const wss = new WebSocketServer({ server, path: '/socket' });
    fake.wss = wss;
    wss.on('connection', (socket) => {
      fake!.sockets.add(socket);
      socket.on('close', () => fake!.sockets.delete(socket));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, Json>;
        fake!.socketReplies.push(message);
        for (const w of [...fake!.socketWaiters]) {
          if (w.pred(message)) {
            fake!.socketWaiters.splice(fake!.socketWaiters.indexOf(w), 1);
            w.resolve(message);
          }
        }
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0001' } }));
    });
    return fake;
  }

  private wss: WebSocketServer | null = null;

  get socketConnections(): number {
    return this.sockets.size;
  }

  /** Sends an envelope (slash_commands, events_api, interactive) to every connected Socket Mode app. */
  socketSend(envelope: Record<string, Json>): void {
    for (const socket of this.sockets) socket.send(JSON.stringify(envelope));
  }

  waitForSocketReply(pred: (m: Record<string, Json>) => boolean, timeoutMs = 10_000): Promise<Record<string, Json>> {
    const found = this.socketReplies.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no Socket Mode reply matched in ${timeoutMs} ms`)), timeoutMs);
      this.socketWaiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  private record(call: SlackCall): void {
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      if (w.pred(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  }

  waitFor(pred: (c: SlackCall) => boolean, timeoutMs = 10_000): Promise<SlackCall> {
    const found = this.calls.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no Slack call matched in ${timeoutMs} ms; calls: ${this.calls.map((c) => c.path).join(', ')}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (c) => { clearTimeout(timer); resolve(c); } });
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface SignedPost {
  status: number;
  text: string;
  json: unknown;
}

/** Posts a body to the app as Slack does: `X-Slack-Signature` over `v0:timestamp:body`. */
export async function postSigned(url: string, secret: string, body: string, contentType: string, options: { timestamp?: number; signature?: string } = {}): Promise<SignedPost> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature }, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
