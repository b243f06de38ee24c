// Runs the end-to-end suite: starts ONE dev node for every test file that needs it, passes its
// ports through the environment (ABS_DEV_WS, ABS_DEV_RPC_PORT), runs `node --test` over
// tests/, stops the node, and prints a summary line. Tests that need their own nodes (the
// 4-validator network, persistence) start them through lib/node.js or scripts/local-network.sh.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode, waitFor, bestNumber, LOG_DIR } from './lib/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();
const only = process.argv.slice(2);

const dev = await startNode({ name: 'dev', args: ['--dev', '--tmp', '--rpc-cors', 'all'] });
console.log(`[e2e] dev node pid ${dev.pid} on ${dev.wsUrl}; logs in ${LOG_DIR}`);
// Allow a loaded machine ≥ 90 s for the first block.
await waitFor(async () => (await bestNumber(dev.rpcPort)) >= 1, 180_000, 'the first block');
console.log(`[e2e] first block after ${((Date.now() - started) / 1000).toFixed(1)} s`);

const files = only.length ? only : ['tests/'];
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, ABS_DEV_WS: dev.wsUrl, ABS_DEV_RPC_PORT: String(dev.rpcPort), ABS_E2E_LOG_DIR: LOG_DIR },
  });
  child.on('exit', (c) => resolve(c ?? 1));
});
await dev.stop();
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`[e2e] ${code === 0 ? 'PASS' : 'FAIL'}: end-to-end suite in ${secs} s (logs: ${LOG_DIR})`);
process.exit(code);
