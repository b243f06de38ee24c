// The consortium network: `--chain local`, 4 validators started by scripts/local-network.sh as
// local processes (the same topology as docker/docker-compose.yml). It finalizes; with one
// validator killed, finality still advances within 30 s; the validator restarts on its base
// path and catches up. Sudo is not keyed there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { xxhashAsHex, blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall } from '../lib/chain.js';
import { finalizedNumber, bestNumber, rpcHttp, waitFor, NODE_BIN } from '../lib/node.js';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/local-network.sh');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abs-net-'));
const NAMES = ['alice', 'bob', 'charlie', 'dave'];
let env;
let rpcPort;

const isFree = (port) => new Promise((resolve) => {
  const s = net.createServer();
  s.once('error', () => resolve(false));
  s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
});

async function pickBase() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 41000 + Math.floor(Math.random() * 18000);
    const ports = [0, 1, 2, 3].flatMap((i) => [base + i, base + 10 + i, base + 20 + i]);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error('no free port range');
}

const net_ = (...args) => execFileSync('bash', [script, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(async () => {
  const base = await pickBase();
  env = {
    ...process.env, ABS_NET_DIR: dir, ABS_NET_BASE_PORT: String(base), ABS_NET_RPC_BASE: String(base + 10),
    ABS_NET_PROM_BASE: String(base + 20), ABS_NODE_BIN: NODE_BIN, ABS_SKIP_BUILD: '1',
  };
  rpcPort = (name) => base + 10 + NAMES.indexOf(name);
  net_('start');
});

after(() => {
  try { net_('stop'); } catch (e) { console.error(e.message); }
  for (const n of NAMES) {
    const log = path.join(dir, `${n}.log`);
    if (process.env.ABS_E2E_LOG_DIR && fs.existsSync(log)) fs.copyFileSync(log, path.join(process.env.ABS_E2E_LOG_DIR, `network-${n}.log`));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the 4-validator network finalizes, survives a killed validator and the validator catches up', { timeout: 420_000 }, async () => {
  // All four see each other and finalize.
  await waitFor(async () => (await Promise.all(NAMES.map((n) => finalizedNumber(rpcPort(n))))).every((f) => f >= 3),
    240_000, 'finalized #3 on every validator');
  const peers = (await rpcHttp(rpcPort('alice'), 'system_health')).result.peers;
  assert.equal(peers, 3, 'alice is connected to the three others');
  const authorities = await rpcHttp(rpcPort('bob'), 'state_call', ['AuraApi_authorities', '0x']);
  // SCALE Vec of four 32-byte keys: compact length 4 (0x10) + 4 × 64 hex chars.
  assert.equal(authorities.result.length, 2 + 2 + 4 * 64);

  // Kill Dave (a crash, SIGKILL): 3 of 4 GRANDPA voters are > 2/3, finality must go on.
  net_('kill-node', 'dave');
  const f0 = await finalizedNumber(rpcPort('alice'));
  const t0 = Date.now();
  await waitFor(async () => (await finalizedNumber(rpcPort('alice'))) > f0 + 1, 30_000, 'finality without dave');
  console.log(`finality advanced past #${f0 + 1} ${((Date.now() - t0) / 1000).toFixed(1)} s after dave was killed`);

  // Dave restarts on its base path and catches up with the others' finalized head.
  net_('start-node', 'dave');
  const target = await finalizedNumber(rpcPort('alice'));
  await waitFor(async () => (await finalizedNumber(rpcPort('dave'))) >= target, 120_000, `dave finalized #${target}`);
  const h = (await rpcHttp(rpcPort('dave'), 'chain_getBlockHash', [target])).result;
  const h2 = (await rpcHttp(rpcPort('alice'), 'chain_getBlockHash', [target])).result;
  assert.equal(h, h2, 'dave and alice agree on the finalized block');
  assert.ok((await bestNumber(rpcPort('dave'))) >= target);
});

test('sudo is not keyed on the consortium network', async () => {
  // Storage key of Sudo.Key: twox128("Sudo") ++ twox128("Key").
  const key = xxhashAsHex('Sudo', 128) + xxhashAsHex('Key', 128).slice(2);
  const r = await rpcHttp(rpcPort('alice'), 'state_getStorage', [key]);
  assert.equal(r.result, null);
  const api = await connect(`ws://127.0.0.1:${rpcPort('bob')}`);
  try {
    const { alice } = devKeyring();
    const res = await submit(api, api.tx.sudo.sudo(api.tx.roles.registerParticipant(alice.address, blake2AsHex('x'))), alice);
    assert.equal(res.error, 'sudo.RequireSudo');
  } finally { await api.disconnect(); }
});

/** A council motion: Alice proposes, `ayes` vote aye, Alice closes. Returns the close result. */
async function motion(api, call, ayes) {
  const k = devKeyring();
  const len = call.method.encodedLength;
  const proposed = await submit(api, api.tx.council.propose(ayes.length, call, len), k.alice);
  assert.equal(proposed.error, null);
  const ev = eventsOf(api, proposed, 'council', 'Proposed')[0];
  const { proposalIndex, proposalHash } = ev.data;
  const votes = await Promise.all(ayes.map((n) => submit(api, api.tx.council.vote(proposalHash, proposalIndex, true), k[n])));
  for (const v of votes) assert.equal(v.error, null);
  const closed = await submit(api, api.tx.council.close(proposalHash, proposalIndex, { refTime: 10n ** 11n, proofSize: 10n ** 6n }, len), k.alice);
  assert.equal(closed.error, null);
  return closed;
}

test('a council motion (3 of 4 ayes) grants a role, and the role works', { timeout: 180_000 }, async () => {
  const api = await connect(`ws://127.0.0.1:${rpcPort('alice')}`);
  try {
    const { eve, ferdie, alice } = devKeyring();
    // A threshold-1 proposal executes at once as 1 of 4 members: not more than half, so the
    // governance origin refuses it with the
    // typed error.
    const call = api.tx.roles.registerParticipant(eve.address, blake2AsHex('eve'));
    const weak = await submit(api, api.tx.council.propose(1, call, call.method.encodedLength), alice);
    const weakExec = eventsOf(api, weak, 'council', 'Executed')[0];
    assert.ok(weakExec.data.result.isErr);
    const err = api.registry.findMetaError(weakExec.data.result.asErr.asModule);
    assert.equal(`${err.section}.${err.name}`, 'roles.NotGovernanceOrKycProvider');
    assert.equal(await rpcCall(api, 'abs_participant', [eve.address]), null, 'a single member registers nobody');

    const reg = await motion(api, api.tx.roles.registerParticipant(eve.address, blake2AsHex('eve')), ['alice', 'bob', 'charlie']);
    const executed = eventsOf(api, reg, 'council', 'Executed')[0];
    assert.ok(executed.data.result.isOk, `executed: ${executed.data.result.toString()}`);
    const grant = await motion(api, api.tx.roles.grantRole(eve.address, 'KycProvider', 'Global', null, blake2AsHex('licence')), ['alice', 'bob', 'charlie']);
    assert.ok(eventsOf(api, grant, 'council', 'Executed')[0].data.result.isOk);
    const p = await rpcCall(api, 'abs_participant', [eve.address]);
    assert.deepEqual(p.roles.map((g) => [g.role, g.active]), [['KycProvider', true]]);

    // The role works: Eve, now a KYC provider, onboards Ferdie as a borrower.
    const [r1, r2] = await submitAll(api, [
      api.tx.roles.registerParticipant(ferdie.address, blake2AsHex('ferdie')),
      api.tx.roles.grantRole(ferdie.address, 'Borrower', 'Global', null, blake2AsHex('kyc')),
    ], eve);
    assert.equal(r1.error, null);
    assert.equal(r2.error, null);
    const f = await rpcCall(api, 'abs_participant', [ferdie.address]);
    assert.equal(f.roles[0].grantedBy, eve.address);
    // ... and a council member acting alone is just an unlicensed account.
    const alone = await submit(api, api.tx.roles.registerParticipant(alice.address, blake2AsHex('a')), alice);
    assert.equal(alone.error, 'roles.NotGovernanceOrKycProvider');
  } finally { await api.disconnect(); }
});
