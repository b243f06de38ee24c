// RPC floods (review finding, issue 13 item 12): a node started with the scripts' limits
// refuses the 101st subscription on a connection, and while 50 clients catch up on notices at
// once (`abs_noticesSince`, run on blocking threads behind a semaphore) blocks keep being
// imported and `system_health` answers within 2 s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WsProvider } from '@polkadot/api';
import { startNode, rpcHttp, waitFor, finalizedNumber, bestNumber } from '../lib/node.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
let node;

before(async () => {
  node = await startNode({
    name: 'rpc-limits',
    args: ['--dev', '--tmp', '--rpc-max-connections', '100', '--rpc-max-subscriptions-per-connection', '100'],
  });
  await waitFor(async () => (await finalizedNumber(node.rpcPort)) >= 8, 180_000, 'finalized #8');
});
after(async () => { await node?.stop(); });

test('the 101st subscription on one connection is refused', { timeout: 120_000 }, async () => {
  const provider = new WsProvider(node.wsUrl, false);
  await provider.connect();
  await provider.isReady;
  try {
    const ids = [];
    for (let k = 0; k < 100; k++) {
      ids.push(await provider.subscribe('chain_newHead', 'chain_subscribeNewHeads', [], () => {}));
    }
    assert.equal(new Set(ids).size, 100, '100 subscriptions accepted');
    await assert.rejects(
      provider.subscribe('chain_newHead', 'chain_subscribeNewHeads', [], () => {}),
      /subscription|limit|exceeded/i,
      'the 101st is refused',
    );
    // The connection itself still serves calls.
    const health = await provider.send('system_health', []);
    assert.equal(typeof health.peers, 'number');
  } finally {
    await provider.disconnect();
  }
});

test('50 concurrent catch-ups: blocks keep being imported, system_health answers within 2 s', { timeout: 180_000 }, async () => {
  const best0 = await bestNumber(node.rpcPort);
  const floodMs = 12_000;
  const until = Date.now() + floodMs;
  let calls = 0;
  let failures = 0;
  // 50 clients, each catching up from block 1 again and again for the whole window.
  const clients = Array.from({ length: 50 }, async () => {
    while (Date.now() < until) {
      const r = await rpcHttp(node.rpcPort, 'abs_noticesSince', [ALICE, 1]);
      calls += 1;
      if (r.error || !Array.isArray(r.result?.notices)) failures += 1;
    }
  });
  const latencies = [];
  const probe = (async () => {
    while (Date.now() < until) {
      const t = Date.now();
      const h = await rpcHttp(node.rpcPort, 'system_health');
      latencies.push(Date.now() - t);
      assert.equal(typeof h.result?.peers, 'number');
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  await Promise.all([...clients, probe]);
  const best1 = await bestNumber(node.rpcPort);
  const worst = Math.max(...latencies);
  console.log(`[rpc-limits] ${calls} catch-ups in ${floodMs} ms; system_health worst ${worst} ms over ${latencies.length} probes; best #${best0} -> #${best1}`);
  assert.equal(failures, 0, 'every catch-up answered');
  assert.ok(calls >= 50, `${calls} catch-ups`);
  assert.ok(worst < 2_000, `system_health took ${worst} ms`);
  // 3-second blocks: a 12-second flood spans at least two new blocks.
  assert.ok(best1 >= best0 + 2, `blocks imported during the flood: #${best0} -> #${best1}`);
});
