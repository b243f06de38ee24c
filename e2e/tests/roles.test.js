// Participants, roles and the regulator on the dev chain, as a client drives them: governance
// (Root via Sudo on --dev) registers the institutions, the KYC provider grants a borrower
// role, the regulator freezes an investor whose next call is refused with the typed error,
// and unfreezing restores it. Reads go through abs_participant / abs_roleHolders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall, refusedAtPool } from '../lib/chain.js';

const WS = process.env.ABS_DEV_WS;
let api;
let alice;
const who = {};

before(async () => {
  api = await connect(WS);
  ({ alice } = devKeyring());
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  for (const name of ['originator', 'servicer', 'kyc', 'investor', 'regulator', 'borrower']) {
    who[name] = keyring.addFromMnemonic(mnemonicGenerate());
  }
  // Fees for the ones that will sign.
  const fund = ['kyc', 'investor', 'regulator'].map((n) => api.tx.balances.transferKeepAlive(who[n].address, 10n ** 15n));
  for (const r of await submitAll(api, fund, alice)) assert.equal(r.error, null);
});
after(async () => { await api?.disconnect(); });

const nameHash = (s) => blake2AsHex(s);

test('governance registers the institutions and grants their roles', async () => {
  const roles = { originator: 'Originator', servicer: 'Servicer', kyc: 'KycProvider', investor: 'Investor', regulator: 'Regulator' };
  const calls = [];
  for (const [name, role] of Object.entries(roles)) {
    calls.push(api.tx.sudo.sudo(api.tx.roles.registerParticipant(who[name].address, nameHash(name))));
    calls.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who[name].address, role, 'Global', null, nameHash(`licence ${name}`))));
  }
  const results = await submitAll(api, calls, alice);
  for (const r of results) {
    assert.equal(r.error, null);
    const sudid = eventsOf(api, r, 'sudo', 'Sudid')[0];
    assert.ok(sudid.data.sudoResult.isOk, `sudo result ${sudid.data.sudoResult.toString()}`);
  }
  const granted = results.flatMap((r) => eventsOf(api, r, 'roles', 'RoleGranted'));
  assert.equal(granted.length, 5);
  for (const [name, role] of Object.entries(roles)) {
    const p = await rpcCall(api, 'abs_participant', [who[name].address]);
    assert.equal(p.account, who[name].address);
    assert.equal(p.nameHash, nameHash(name));
    assert.equal(p.frozen, false);
    assert.deepEqual(p.roles.map((g) => [g.role, g.scope, g.active, g.grantedBy]), [[role, 'Global', true, null]]);
  }
});

test('the KYC provider registers a borrower and grants the Borrower role', async () => {
  const b = who.borrower.address;
  const [reg, grant] = await submitAll(api, [
    api.tx.roles.registerParticipant(b, nameHash('borrower')),
    api.tx.roles.grantRole(b, 'Borrower', 'Global', null, nameHash('kyc file')),
  ], who.kyc);
  assert.equal(reg.error, null);
  assert.equal(grant.error, null);
  const ev = eventsOf(api, grant, 'roles', 'RoleGranted')[0];
  assert.equal(ev.data.role.toString(), 'Borrower');
  assert.equal(ev.data.by.asKycProvider.toString(), who.kyc.address);
  const p = await rpcCall(api, 'abs_participant', [b]);
  assert.equal(p.roles[0].role, 'Borrower');
  assert.equal(p.roles[0].grantedBy, who.kyc.address);
  // The KYC provider may not hand out institutional licences.
  const r = await submit(api, api.tx.roles.grantRole(b, 'Originator', 'Global', null, nameHash('x')), who.kyc);
  assert.equal(r.error, 'roles.KycProviderCannotManageRole');
  const holders = await rpcCall(api, 'abs_roleHolders', ['Borrower', null, 10]);
  assert.ok(holders.some((h) => h.account === b && h.active && !h.frozen));
});

test('the regulator freezes the investor, whose next call is refused; unfreezing restores it', async () => {
  const inv = who.investor.address;
  let r = await submit(api, api.tx.roles.freeze(inv, nameHash('suspicious activity')), who.regulator);
  assert.equal(r.error, null);
  assert.equal(eventsOf(api, r, 'roles', 'ParticipantFrozen').length, 1);
  assert.equal((await rpcCall(api, 'abs_participant', [inv])).frozen, true);

  // A frozen participant signs nothing: the pool refuses it (Custom error 2 = frozen).
  let msg = await refusedAtPool(api, api.tx.roles.setEncryptionKey('0x' + '11'.repeat(32)), who.investor);
  assert.match(msg, /Custom error: 2/);

  // Not everyone can unfreeze: the investor itself cannot, the regulator can.
  msg = await refusedAtPool(api, api.tx.roles.unfreeze(inv, nameHash('self')), who.investor);
  assert.match(msg, /Custom error: 2/);
  r = await submit(api, api.tx.roles.unfreeze(inv, nameHash('cleared')), who.regulator);
  assert.equal(r.error, null);

  r = await submit(api, api.tx.roles.setEncryptionKey('0x' + '11'.repeat(32)), who.investor);
  assert.equal(r.error, null);
  const ev = eventsOf(api, r, 'roles', 'EncryptionKeySet')[0];
  assert.equal(ev.data[2].toHex(), '0x' + '11'.repeat(32)); // (who, old, new)
  const p = await rpcCall(api, 'abs_participant', [inv]);
  assert.equal(p.frozen, false);
  assert.equal(p.encryptionKey, '0x' + '11'.repeat(32));
});

test('role RPCs refuse bad input with JSON-RPC errors', async () => {
  await assert.rejects(rpcCall(api, 'abs_participant', ['not-an-address']), /invalid SS58/);
  await assert.rejects(rpcCall(api, 'abs_roleHolders', ['Investor', null, 0]), /limit must be 1..=100/);
  await assert.rejects(rpcCall(api, 'abs_roleHolders', ['NoSuchRole', null, 5]), /unknown variant|Invalid params/);
  const nobody = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromMnemonic(mnemonicGenerate()).address;
  assert.equal(await rpcCall(api, 'abs_participant', [nobody]), null);
});

test('a role stops working on its expiry day and the hook removes it (1-second days)', { timeout: 90_000 }, async () => {
  const s = who.servicer.address;
  const today = (await rpcCall(api, 'abs_today', [])).day;
  const expiry = today + 9;
  const r = await submit(api, api.tx.sudo.sudo(api.tx.roles.grantRole(s, 'Auditor', { Loan: 7 }, expiry, nameHash('audit'))), alice);
  assert.equal(r.error, null);
  let p = await rpcCall(api, 'abs_participant', [s]);
  const audit = p.roles.find((g) => g.role === 'Auditor');
  assert.deepEqual([audit.scope, audit.expiry, audit.active], [{ Loan: 7 }, expiry, true]);
  // Wait for the chain's day to pass the expiry, then for the hook's block.
  const until = Date.now() + 60_000;
  let expiredEvent = false;
  const unsub = await api.query.system.events((events) => {
    for (const { event } of events) {
      if (api.events.roles.RoleExpired.is(event) && event.data.who.toString() === s) expiredEvent = true;
    }
  });
  while (Date.now() < until && !expiredEvent) await new Promise((res) => setTimeout(res, 1000));
  unsub();
  assert.ok(expiredEvent, 'RoleExpired emitted');
  p = await rpcCall(api, 'abs_participant', [s]);
  assert.deepEqual(p.roles.map((g) => g.role), ['Servicer']);
  assert.ok((await rpcCall(api, 'abs_today', [])).day >= expiry);
});
