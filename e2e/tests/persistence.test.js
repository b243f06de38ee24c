// Persistence: a dev node on a base path, killed with SIGKILL and restarted on it, keeps its
// finalized blocks and state (same block hash and state root at the same finalized number) and
// goes on producing blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNode, rpcHttp, waitFor, finalizedNumber, bestNumber } from '../lib/node.js';

test('a SIGKILLed node restarts on its base path with its finalized state', { timeout: 300_000 }, async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'abs-persist-'));
  const args = ['--dev', '--base-path', base];
  let node = await startNode({ name: 'persist-1', args });
  try {
    await waitFor(async () => (await finalizedNumber(node.rpcPort)) >= 3, 180_000, 'finalized #3');
    const fin = (await rpcHttp(node.rpcPort, 'chain_getFinalizedHead')).result;
    const header = (await rpcHttp(node.rpcPort, 'chain_getHeader', [fin])).result;
    const n = parseInt(header.number, 16);
    await node.kill();
    assert.equal(node.child.signalCode, 'SIGKILL');

    node = await startNode({ name: 'persist-2', args });
    const again = (await rpcHttp(node.rpcPort, 'chain_getBlockHash', [n])).result;
    assert.equal(again, fin, `block #${n} is still the finalized one`);
    const header2 = (await rpcHttp(node.rpcPort, 'chain_getHeader', [again])).result;
    assert.equal(header2.stateRoot, header.stateRoot);
    assert.ok((await finalizedNumber(node.rpcPort)) >= n, 'finalized head not behind');
    // The state itself is readable at that block (the stablecoin's details).
    const key = (await rpcHttp(node.rpcPort, 'state_getKeysPaged', ['0x', 1, null, fin])).result;
    assert.equal(key.length, 1);
    const best0 = await bestNumber(node.rpcPort);
    await waitFor(async () => (await bestNumber(node.rpcPort)) > best0, 60_000, 'a new block after restart');
  } finally {
    await node.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
});
