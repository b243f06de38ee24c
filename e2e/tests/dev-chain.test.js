// The dev chain as a client sees it: block production and finality, the clock, metadata,
// a stablecoin transfer, typed errors, malformed JSON-RPC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { Keyring } from '@polkadot/keyring';
import { connect, devKeyring, submit, nextHeads } from '../lib/chain.js';
import { rpcHttp, sleep, oversizedPost } from '../lib/node.js';

const WS = process.env.ABS_DEV_WS;
const RPC_PORT = Number(process.env.ABS_DEV_RPC_PORT);
const STABLECOIN = 1;
let api;
let keys;

before(async () => {
  assert.ok(WS, 'run through `node run.mjs` (it starts the dev node)');
  api = await connect(WS);
  keys = devKeyring();
});
after(async () => { await api?.disconnect(); });

test('blocks come every 2–5 s and the finalized head advances', async () => {
  const f0 = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const heads = await nextHeads(api, 5);
  const stamps = [];
  const slots = [];
  for (const h of heads) {
    const at = await api.at(h.hash);
    stamps.push((await at.query.timestamp.now()).toNumber());
    slots.push((await at.query.aura.currentSlot()).toBigInt());
  }
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  assert.ok(mean >= 2000 && mean <= 5000, `mean block gap ${mean} ms (gaps ${gaps})`);
  // One block per 3 s Aura slot: consecutive blocks are in later slots.
  for (let i = 1; i < slots.length; i++) assert.ok(slots[i] > slots[i - 1], `slots ${slots}`);
  const f1 = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  assert.ok(f1 > f0, `finalized head moved from ${f0} to ${f1}`);
});

test("the clock's today advances one day per second on --dev", async () => {
  const [h1] = await nextHeads(api, 1);
  const t1 = await api.rpc.chain.getHeader(h1.hash);
  const c1 = (await rpcHttp(RPC_PORT, 'abs_today', [h1.hash.toHex()])).result;
  assert.ok(c1, 'abs_today returned a clock');
  assert.equal(c1.dayLengthSecs, 1);
  await sleep(6000);
  const [h2] = await nextHeads(api, 1);
  const c2 = (await rpcHttp(RPC_PORT, 'abs_today', [h2.hash.toHex()])).result;
  // Independent computation from the block timestamps: genesisDay + floor((now − genesisTime) / 1 s).
  for (const [h, c] of [[h1, c1], [h2, c2]]) {
    const now = (await (await api.at(h.hash)).query.timestamp.now()).toNumber();
    assert.equal(c.day, c.genesisDay + Math.floor((now - c.genesisTime) / 1000));
    const d = new Date(c.day * 86_400_000).toISOString().slice(0, 10);
    assert.equal(c.date, d, 'calendar date of the day number');
    // The same number is in storage, readable from the metadata alone.
    assert.equal((await (await api.at(h.hash)).query.clock.currentDay()).toNumber(), c.day);
  }
  const days = c2.day - c1.day;
  assert.ok(days >= 5 && days <= 12, `${days} days passed in ~6-9 s (header ${t1.number})`);
  // The genesis day is the calendar day of the first block (the machine's date).
  const todayUtc = Math.floor(Date.now() / 86_400_000);
  assert.ok(Math.abs(c1.genesisDay - todayUtc) <= 1, `genesis day ${c1.genesisDay} vs ${todayUtc}`);
});

test('metadata decodes with no hand-written types and lists our pallets at fixed indices', async () => {
  const meta = api.runtimeMetadata.asLatest;
  const pallets = Object.fromEntries(meta.pallets.map((p) => [p.name.toString(), p.index.toNumber()]));
  const expected = {
    System: 0, Timestamp: 1, Aura: 2, Grandpa: 3, Balances: 4, TransactionPayment: 5, Sudo: 6, Assets: 7,
    Council: 8, CouncilMembership: 9, Clock: 20, Roles: 21, Disclosures: 22, Loans: 23, Servicing: 24, Recovery: 25,
  };
  for (const [name, index] of Object.entries(expected)) assert.equal(pallets[name], index, `pallet ${name}`);
  assert.equal(api.runtimeVersion.specName.toString(), 'abs-chain');
  assert.ok(api.tx.assets.transfer && api.query.clock.currentDay && api.events.clock.DayAdvanced);
  // The stablecoin: 6 decimals, sufficient, created at genesis.
  const meta1 = await api.query.assets.metadata(STABLECOIN);
  assert.equal(meta1.decimals.toNumber(), 6);
  const details = (await api.query.assets.asset(STABLECOIN)).unwrap();
  assert.equal(details.isSufficient.isTrue, true);
});

test('a stablecoin transfer to a fresh account lands with Assets.Transferred', async () => {
  const fresh = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const amount = 123_456_789n; // 123.456789 units of a 6-decimal coin
  const before = (await api.query.assets.account(STABLECOIN, keys.bob.address)).unwrap().balance.toBigInt();
  const { events, error } = await submit(api, api.tx.assets.transfer(STABLECOIN, fresh.address, amount), keys.bob);
  assert.equal(error, null);
  const ev = events.map((e) => e.event).find((e) => api.events.assets.Transferred.is(e));
  assert.ok(ev, 'Assets.Transferred emitted');
  assert.equal(ev.data.assetId.toNumber(), STABLECOIN);
  assert.equal(ev.data.from.toString(), keys.bob.address);
  assert.equal(ev.data.to.toString(), fresh.address);
  assert.equal(ev.data.amount.toBigInt(), amount);
  const got = (await api.query.assets.account(STABLECOIN, fresh.address)).unwrap().balance.toBigInt();
  assert.equal(got, amount);
  const after = (await api.query.assets.account(STABLECOIN, keys.bob.address)).unwrap().balance.toBigInt();
  assert.equal(before - after, amount);
  // Sufficient asset: the fresh account exists with no native tokens at all.
  const acct = await api.query.system.account(fresh.address);
  assert.equal(acct.data.free.toBigInt(), 0n);
  assert.equal(acct.sufficients.toNumber(), 1);
});

test('a transfer of more than the balance fails with its typed module error', async () => {
  const have = (await api.query.assets.account(STABLECOIN, keys.charlie.address)).unwrap().balance.toBigInt();
  const { error } = await submit(api, api.tx.assets.transfer(STABLECOIN, keys.dave.address, have + 1n), keys.charlie);
  assert.equal(error, 'assets.BalanceLow');
  const still = (await api.query.assets.account(STABLECOIN, keys.charlie.address)).unwrap().balance.toBigInt();
  assert.equal(still, have, 'nothing moved');
});

test('malformed JSON-RPC gets errors and the node keeps answering', async () => {
  const post = (body, type = 'application/json') => fetch(`http://127.0.0.1:${RPC_PORT}`, {
    method: 'POST', headers: { 'content-type': type }, body,
  });
  // Invalid JSON → parse error.
  let r = await (await post('{"jsonrpc":"2.0","id":1,"method":')).json();
  assert.equal(r.error.code, -32700);
  // Unknown method.
  r = await rpcHttp(RPC_PORT, 'abs_noSuchMethod', []);
  assert.equal(r.error.code, -32601);
  // Wrong parameter types.
  r = await rpcHttp(RPC_PORT, 'chain_getBlockHash', ['not-a-number']);
  assert.equal(r.error.code, -32602);
  r = await rpcHttp(RPC_PORT, 'abs_today', [12345]);
  assert.equal(r.error.code, -32602);
  // Oversized body (above the 15 MiB default limit) → HTTP 413.
  assert.equal(await oversizedPost(RPC_PORT, 16 * 1024 * 1024), 413);
  // Still alive and well.
  r = await rpcHttp(RPC_PORT, 'system_health');
  assert.equal(typeof r.result.peers, 'number');
  const h = await api.rpc.chain.getHeader();
  assert.ok(h.number.toNumber() > 0);
});
