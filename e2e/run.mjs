// Runs the end-to-end suite in lanes, each lane against its OWN dev node, the lanes in
// parallel: a dev node is mostly idle between its 3-second blocks, so two lanes fit the two
// cores and the suite takes as long as its longest lane. Each lane's node passes its ports
// through the environment (ABS_DEV_WS, ABS_DEV_RPC_PORT); a lane runs `node --test` over its
// files one at a time. Tests that need their own nodes (the 4-validator network,
// persistence) start them through lib/node.js or scripts/local-network.sh.
//   node run.mjs                       # every lane
//   node run.mjs tests/pools.test.js   # these files, one lane
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode, waitFor, bestNumber, LOG_DIR } from './lib/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();
const only = process.argv.slice(2);

// The capital-markets files form the second lane; everything else the first.
const SECOND_LANE = ['tests/pools.test.js', 'tests/waterfall.test.js', 'tests/pool-losses.test.js', 'tests/oracle.test.js', 'tests/monitors.test.js'];
const all = fs.readdirSync(path.join(here, 'tests')).filter((f) => f.endsWith('.test.js')).map((f) => `tests/${f}`).sort();
const lanes = only.length
  ? [only]
  : [all.filter((f) => !SECOND_LANE.includes(f)), all.filter((f) => SECOND_LANE.includes(f))].filter((l) => l.length);

async function runLane(files, i) {
  const dev = await startNode({ name: `dev${i}`, args: ['--dev', '--tmp', '--rpc-cors', 'all'] });
  console.log(`[e2e] lane ${i}: dev node pid ${dev.pid} on ${dev.wsUrl}; logs in ${LOG_DIR}`);
  try {
    // Allow a loaded machine ≥ 90 s for the first block.
    await waitFor(async () => (await bestNumber(dev.rpcPort)) >= 1, 180_000, `lane ${i}'s first block`);
    console.log(`[e2e] lane ${i}: first block after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
        cwd: here,
        stdio: 'inherit',
        env: { ...process.env, ABS_DEV_WS: dev.wsUrl, ABS_DEV_RPC_PORT: String(dev.rpcPort), ABS_E2E_LOG_DIR: LOG_DIR },
      });
      child.on('exit', (c) => resolve(c ?? 1));
    });
  } finally {
    await dev.stop();
    console.log(`[e2e] lane ${i} done after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

const codes = await Promise.all(lanes.map((files, i) => runLane(files, i).catch((e) => { console.error(e); return 1; })));
const code = codes.every((c) => c === 0) ? 0 : 1;
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`[e2e] ${code === 0 ? 'PASS' : 'FAIL'}: end-to-end suite in ${secs} s, ${lanes.length} lane(s) (logs: ${LOG_DIR})`);
process.exit(code);
