/**
 * A local stand-in for Slack for the end-to-end tests: the Web API methods the app calls (auth.test,
 * chat.postMessage, chat.update) and `response_url` endpoints, recording every request; plus helpers
 * that post to the app what Slack would post, signed with the signing secret.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
        if (api === 'auth.test') res.end(JSON.stringify({ ok: true, url: 'https://newsroom.slack.com/', team: 'Newsroom', user: 'dossier', team_id: 'T0001', user_id: 'UBOT0001', bot_id: 'BBOT0001' }));
        else if (api === 'chat.postMessage') res.end(JSON.stringify({ ok: true, channel: call.body.channel, ts: `${fake!.ts++}.000100`, message: { text: call.body.text } }));
        else if (api === 'chat.update') res.end(JSON.stringify({ ok: true, channel: call.body.channel, ts: call.body.ts }));
        else if (api) res.end(JSON.stringify({ ok: true }));
        else res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    return fake;
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
