// Confidential records end to end: the originator seals an identity record for a borrower to
// itself and the regulator(s), grants the servicer; servicer and regulator decrypt it with their
// own X25519 keys, the investor cannot; revocation removes the servicer; a new regulator's
// missing envelopes are listed until the owner adds them; and a scan of the node's whole state
// finds no byte of the plaintext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { u8aToHex, hexToU8a } from '@polkadot/util';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall, scanState } from '../lib/chain.js';
import { generateKeyPair, sealKey, openKey, encryptRecord, decryptRecord, hash256 } from '../lib/sealing.js';

const WS = process.env.ABS_DEV_WS;
let api;
let alice;
const who = {};
const x25519 = {};
const storage = new Map(); // the off-chain ciphertext store, by URI
const PLAINTEXT = new TextEncoder().encode(JSON.stringify({
  name: 'Jane Q. Borrower', passport: 'P-XQ7734199', dateOfBirth: '1984-02-29', address: '12 Harbour Lane',
}));
const commitment = u8aToHex(hash256(new TextEncoder().encode('Jane Q. Borrower|salt:9f2c1e')));
let recordId;

async function regulatorsWithKeys() {
  const holders = await rpcCall(api, 'abs_roleHolders', ['Regulator', null, 100]);
  const out = [];
  for (const h of holders.filter((x) => x.active && x.scope === 'Global')) {
    const p = await rpcCall(api, 'abs_participant', [h.account]);
    if (p.encryptionKey) out.push({ account: h.account, key: hexToU8a(p.encryptionKey) });
  }
  return out;
}

before(async () => {
  api = await connect(WS);
  ({ alice } = devKeyring());
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const roles = { originator: 'Originator', servicer: 'Servicer', investor: 'Investor', regulator: 'Regulator', regulator2: 'Regulator' };
  for (const name of Object.keys(roles)) {
    who[name] = keyring.addFromMnemonic(mnemonicGenerate());
    x25519[name] = generateKeyPair();
  }
  const setup = [];
  for (const [name, role] of Object.entries(roles)) {
    setup.push(api.tx.balances.transferKeepAlive(who[name].address, 10n ** 15n));
    setup.push(api.tx.sudo.sudo(api.tx.roles.registerParticipant(who[name].address, u8aToHex(hash256(new TextEncoder().encode(name))))));
    if (name !== 'regulator2') setup.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who[name].address, role, 'Global', null, '0x' + '00'.repeat(32))));
  }
  for (const r of await submitAll(api, setup, alice)) assert.equal(r.error, null);
  const keys = await Promise.all(['originator', 'servicer', 'investor', 'regulator', 'regulator2']
    .map((n) => submit(api, api.tx.roles.setEncryptionKey(u8aToHex(x25519[n].publicKey)), who[n])));
  for (const r of keys) assert.equal(r.error, null);
});
after(async () => { await api?.disconnect(); });

test('creating a record without the regulator envelope is refused with the typed error', async () => {
  const { contentKey } = encryptRecord(PLAINTEXT);
  const tx = api.tx.disclosures.createRecord({ Commitment: commitment }, 'Identity', '0x' + '01'.repeat(32), '0x' + '02'.repeat(32), 'mem://refused',
    [[who.originator.address, u8aToHex(sealKey(contentKey, x25519.originator.publicKey))]]);
  const r = await submit(api, tx, who.originator);
  assert.equal(r.error, 'disclosures.MissingRegulatorEnvelope');
});

test('the originator creates an encrypted identity record sealed to itself and the regulators, and grants the servicer', async () => {
  const { contentKey, ciphertext } = encryptRecord(PLAINTEXT);
  const uri = 'mem://identity/jane';
  storage.set(uri, ciphertext);
  const envelopes = [[who.originator.address, u8aToHex(sealKey(contentKey, x25519.originator.publicKey))]];
  for (const reg of await regulatorsWithKeys()) envelopes.push([reg.account, u8aToHex(sealKey(contentKey, reg.key))]);
  assert.ok(envelopes.some(([a]) => a === who.regulator.address));
  const created = await submit(api, api.tx.disclosures.createRecord(
    { Commitment: commitment }, 'Identity', u8aToHex(hash256(PLAINTEXT)), u8aToHex(hash256(ciphertext)), uri, envelopes,
  ), who.originator);
  assert.equal(created.error, null);
  const ev = eventsOf(api, created, 'disclosures', 'RecordCreated')[0];
  recordId = ev.data.recordId.toNumber();
  assert.equal(eventsOf(api, created, 'disclosures', 'ReaderGranted').length, envelopes.length);

  const granted = await submit(api, api.tx.disclosures.grantReader(recordId, who.servicer.address,
    u8aToHex(sealKey(contentKey, x25519.servicer.publicKey))), who.originator);
  assert.equal(granted.error, null);
  const g = eventsOf(api, granted, 'disclosures', 'ReaderGranted')[0];
  assert.equal(g.data.reader.toString(), who.servicer.address);
  const blockNumber = (await api.rpc.chain.getHeader(granted.blockHash)).number.toNumber();
  assert.equal(g.data.block.toNumber(), blockNumber, 'the audit trail carries the block');

  const list = await rpcCall(api, 'abs_records', [{ Commitment: commitment }]);
  assert.deepEqual(list.map((r) => r.id), [recordId]);
  assert.equal(list[0].kind, 'Identity');
  assert.equal(list[0].owner, who.originator.address);
});

function readAs(name, record) {
  const env = record.readers.find((r) => r.reader === who[name].address);
  if (!env) throw new Error(`${name} has no envelope`);
  const contentKey = openKey(hexToU8a(env.envelope), x25519[name]);
  const plaintext = decryptRecord(storage.get(record.uri), contentKey);
  assert.equal(u8aToHex(hash256(plaintext)), record.plaintextHash, 'integrity: plaintext hash matches');
  return plaintext;
}

test('the servicer and the regulator decrypt it with their keys; the investor cannot', async () => {
  const record = await rpcCall(api, 'abs_record', [recordId]);
  assert.deepEqual(readAs('servicer', record), PLAINTEXT);
  assert.deepEqual(readAs('regulator', record), PLAINTEXT);
  assert.throws(() => readAs('investor', record), /no envelope/);
  // Nor can the investor open anybody else's envelope with its key.
  for (const r of record.readers) assert.throws(() => openKey(hexToU8a(r.envelope), x25519.investor));
});

test('after revocation the servicer is no longer listed; the regulator cannot be revoked', async () => {
  let r = await submit(api, api.tx.disclosures.revokeReader(recordId, who.servicer.address), who.originator);
  assert.equal(r.error, null);
  assert.equal(eventsOf(api, r, 'disclosures', 'ReaderRevoked')[0].data.reader.toString(), who.servicer.address);
  const record = await rpcCall(api, 'abs_record', [recordId]);
  assert.ok(!record.readers.some((x) => x.reader === who.servicer.address));
  r = await submit(api, api.tx.disclosures.revokeReader(recordId, who.regulator.address), who.originator);
  assert.equal(r.error, 'disclosures.CannotRevokeRegulator');
  r = await submit(api, api.tx.disclosures.revokeReader(recordId, who.originator.address), who.servicer);
  assert.equal(r.error, 'disclosures.NotOwner');
});

test('a new regulator: records missing its envelope are listed until the owner adds one', async () => {
  let r = await submit(api, api.tx.sudo.sudo(api.tx.roles.grantRole(who.regulator2.address, 'Regulator', 'Global', null, '0x' + '00'.repeat(32))), alice);
  assert.equal(r.error, null);
  let missing = await rpcCall(api, 'abs_recordsMissingRegulatorEnvelopes', [recordId, 1]);
  assert.deepEqual(missing.records, [{ id: recordId, regulators: [who.regulator2.address] }]);
  assert.equal(missing.next, recordId + 1);
  // The owner re-seals the content key (it reads it from its own envelope) to the new regulator.
  const record = await rpcCall(api, 'abs_record', [recordId]);
  const own = record.readers.find((x) => x.reader === who.originator.address);
  const contentKey = openKey(hexToU8a(own.envelope), x25519.originator);
  r = await submit(api, api.tx.disclosures.grantReader(recordId, who.regulator2.address, u8aToHex(sealKey(contentKey, x25519.regulator2.publicKey))), who.originator);
  assert.equal(r.error, null);
  missing = await rpcCall(api, 'abs_recordsMissingRegulatorEnvelopes', [recordId, 1]);
  assert.deepEqual(missing.records, []);
  assert.deepEqual(readAs('regulator2', await rpcCall(api, 'abs_record', [recordId])), PLAINTEXT);
  await assert.rejects(rpcCall(api, 'abs_recordsMissingRegulatorEnvelopes', [0, 5000]), /maxScan must be/);
});

test("a scan of the node's whole state finds no byte sequence of the plaintext", { timeout: 120_000 }, async () => {
  const needles = ['Jane Q. Borrower', 'P-XQ7734199', '1984-02-29', '12 Harbour Lane']
    .map((s) => u8aToHex(new TextEncoder().encode(s)).slice(2));
  needles.push(u8aToHex(PLAINTEXT).slice(2));
  const keys = await scanState(api, (k, value) => {
    for (const n of needles) {
      assert.ok(!value.includes(n) && !k.includes(n), `plaintext bytes found under ${k}`);
    }
  });
  assert.ok(keys > 50, `scanned ${keys} keys`);
  // The ciphertext itself is not on chain either: only its hash.
  const record = await rpcCall(api, 'abs_record', [recordId]);
  assert.equal(record.ciphertextHash, u8aToHex(hash256(storage.get(record.uri))));
});
