// Start and stop real abs-node processes for the end-to-end tests: free ports, logs to files,
// readiness by RPC, kill by PID with a SIGKILL fallback.
import { spawn } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NODE_BIN = process.env.ABS_NODE_BIN
  || path.join(process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache/abs-chain/target'), 'debug/abs-node');
export const LOG_DIR = process.env.ABS_E2E_LOG_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'abs-e2e-logs-'));

/** A TCP port nobody listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One JSON-RPC call over HTTP. Resolves with the parsed body (result or error). */
export async function rpcHttp(port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return res.json();
}

/** Poll until `fn` returns a truthy value or `timeoutMs` passes. */
export async function waitFor(fn, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    await sleep(500);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/**
 * Start a node. `args` are passed after the port flags. Returns a handle with the ports,
 * `wsUrl`, `stop()` (SIGTERM, then SIGKILL after 10 s) and `kill()` (SIGKILL at once).
 */
export async function startNode({ name, args, rpcPort, p2pPort, prometheusPort }) {
  rpcPort ??= await freePort();
  p2pPort ??= await freePort();
  prometheusPort ??= await freePort();
  if (!fs.existsSync(NODE_BIN)) throw new Error(`node binary not found: ${NODE_BIN} (run scripts/test.sh)`);
  const logFile = path.join(LOG_DIR, `${name}-${Date.now()}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(NODE_BIN, [
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--prometheus-port', String(prometheusPort),
    '--no-telemetry', '--no-mdns',
    ...args,
  ], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const handle = {
    name, child, pid: child.pid, rpcPort, p2pPort, prometheusPort, logFile, exited,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(10_000).then(() => null)]);
      if (!done) { child.kill('SIGKILL'); await exited; }
    },
    log() { return fs.readFileSync(logFile, 'utf8'); },
  };
  registry.add(handle);
  exited.then(() => registry.delete(handle));
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited early, log: ${logFile}`);
      const r = await rpcHttp(rpcPort, 'system_health');
      return r.result;
    }, 120_000, `${name} RPC on port ${rpcPort}`);
  } catch (e) {
    await handle.kill();
    throw e;
  }
  return handle;
}

// Every node we started, so that nothing outlives the test process.
const registry = new Set();
function killAll() { for (const h of registry) { try { h.child.kill('SIGKILL'); } catch { /* gone */ } } }
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killAll(); process.exit(130); });

/** Block number of the finalized head, over HTTP. */
export async function finalizedNumber(port) {
  const h = await rpcHttp(port, 'chain_getFinalizedHead');
  const hdr = await rpcHttp(port, 'chain_getHeader', [h.result]);
  return parseInt(hdr.result.number, 16);
}

/** Block number of the best head, over HTTP. */
export async function bestNumber(port) {
  const hdr = await rpcHttp(port, 'chain_getHeader');
  return parseInt(hdr.result.number, 16);
}

/**
 * POST a body of `size` bytes announced by Content-Length with `Expect: 100-continue`, and
 * resolve with the HTTP status. The body is sent only if the server asks for it, so a server
 * that refuses the size (413) answers without the client racing it with a 16 MiB write.
 */
export function oversizedPost(port, size) {
  return new Promise((resolve, reject) => {
    const body = Buffer.alloc(size, 'x');
    const req = http.request({
      host: '127.0.0.1', port, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length, expect: '100-continue' },
    });
    req.on('continue', () => req.end(body));
    req.on('response', (res) => { res.resume(); resolve(res.statusCode); req.destroy(); });
    req.on('error', reject);
    req.flushHeaders();
  });
}
