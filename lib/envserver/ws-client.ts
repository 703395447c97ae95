import WebSocket from "ws";

/**
 * A minimal OpenEnv `/ws` client for tests and scripts: one request, one reply, in order
 * (as OpenEnv's own client uses the socket).
 */
export interface EnvSocket {
  /** Sends a frame and resolves with the next frame the server sends. */
  send(frame: unknown): Promise<{ type: string; data: any }>;
  /** Sends raw text (to test malformed frames). */
  sendRaw(text: string): Promise<{ type: string; data: any }>;
  /** The next frame the server sends on its own (capacity, expiry). */
  next(): Promise<{ type: string; data: any }>;
  closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
  close(): void;
}

export function connectEnv(httpUrl: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<EnvSocket> {
  const url = `${httpUrl.replace(/^http/, "ws")}/ws${options.token ? `?token=${encodeURIComponent(options.token)}` : ""}`;
  const ws = new WebSocket(url, { headers: options.headers });
  const inbox: string[] = [];
  const waiting: ((text: string) => void)[] = [];
  ws.on("message", (data) => {
    const text = data.toString();
    const waiter = waiting.shift();
    if (waiter) waiter(text);
    else inbox.push(text);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  const next = () => new Promise<string>((resolve) => (inbox.length ? resolve(inbox.shift()!) : waiting.push(resolve))).then((t) => JSON.parse(t));
  const sendRaw = (text: string) => {
    const reply = next();
    ws.send(text);
    return reply;
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () =>
      resolve({ send: (frame) => sendRaw(JSON.stringify(frame)), sendRaw, next, closed, isOpen: () => ws.readyState === WebSocket.OPEN, close: () => ws.close() }),
    );
    ws.once("unexpected-response", (_req, res) => reject(new Error(`WebSocket upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
}
