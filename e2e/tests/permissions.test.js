// Chain-wide permissions on --dev, as a client meets them: an unregistered signer is refused at
// submission, so is a frozen participant (a frozen council member still votes); the
// regulator's halt filters a call for everyone and cannot touch borrowers' payments; a
// borrower with 0 ABS pays an installment, the fee taken in USDA at the governance rate.
// Expected fees come from the formula in README (⌈ABS fee × rate / 10¹²⌉), not from the chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall, refusedAtPool } from '../lib/chain.js';

const WS = process.env.ABS_DEV_WS;
const USDA = 1;
const U = 1_000_000n;
let api;
let keys;
const who = {};

const usda = async (addr) => {
  const a = await api.query.assets.account(USDA, addr);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};
const abs = async (addr) => (await api.query.system.account(addr)).data.free.toBigInt();
const today = async () => (await rpcCall(api, 'abs_today', [])).day;
const dateOf = (day) => {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const refused = (tx, signer) => refusedAtPool(api, tx, signer);

before(async () => {
  api = await connect(WS);
  keys = devKeyring();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  for (const n of ['stranger', 'regulator', 'holder', 'bank', 'borrower']) who[n] = keyring.addFromMnemonic(mnemonicGenerate());
  const roles = { regulator: 'Regulator', bank: 'Originator', borrower: 'Borrower' };
  const setup = [];
  // Everyone but the borrower gets ABS; the borrower holds only USDA.
  for (const n of ['stranger', 'regulator', 'holder', 'bank']) setup.push(api.tx.balances.transferKeepAlive(who[n].address, 10n ** 15n));
  setup.push(api.tx.assets.transfer(USDA, who.holder.address, 100n * U));
  setup.push(api.tx.assets.transfer(USDA, who.bank.address, 1_000n * U));
  setup.push(api.tx.assets.transfer(USDA, who.borrower.address, 50n * U));
  for (const n of ['regulator', 'holder', 'bank', 'borrower']) {
    setup.push(api.tx.sudo.sudo(api.tx.roles.registerParticipant(who[n].address, blake2AsHex(n))));
  }
  for (const [n, role] of Object.entries(roles)) {
    setup.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who[n].address, role, 'Global', null, blake2AsHex(`${n} licence`))));
  }
  // The bank services its own loan.
  setup.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who.bank.address, 'Servicer', 'Global', null, blake2AsHex('bank servicer licence'))));
  for (const r of await submitAll(api, setup, keys.alice)) assert.equal(r.error, null);
});

after(async () => { await api?.disconnect(); });

test('an unregistered account with ABS cannot sign: refused at submission', async () => {
  assert.ok((await abs(who.stranger.address)) > 0n);
  const msg = await refused(api.tx.balances.transferKeepAlive(keys.bob.address, 10n ** 12n), who.stranger);
  assert.match(msg, /1010|Invalid Transaction|Custom error: 1/);
  // Reads stay open to anyone.
  assert.ok((await api.query.roles.participants(who.holder.address)).isSome);
});

test('a frozen participant cannot move USDA; a frozen council member still votes', async () => {
  let r = await submit(api, api.tx.roles.freeze(who.holder.address, blake2AsHex('order 1')), who.regulator);
  assert.equal(r.error, null);
  const msg = await refused(api.tx.assets.transfer(USDA, keys.bob.address, 1n), who.holder);
  assert.match(msg, /1010|Invalid Transaction|Custom error: 2/);
  assert.equal(await usda(who.holder.address), 100n * U);

  // Charlie (council) frozen: his vote on Alice's motion goes through.
  r = await submit(api, api.tx.roles.freeze(keys.charlie.address, blake2AsHex('order 2')), who.regulator);
  assert.equal(r.error, null);
  const proposal = api.tx.system.remarkWithEvent(blake2AsHex('motion'));
  r = await submit(api, api.tx.council.propose(3, proposal, proposal.method.encodedLength), keys.alice);
  assert.equal(r.error, null);
  const { proposalIndex, proposalHash } = eventsOf(api, r, 'council', 'Proposed')[0].data;
  r = await submit(api, api.tx.council.vote(proposalHash, proposalIndex, true), keys.charlie);
  assert.equal(r.error, null);
  assert.equal(eventsOf(api, r, 'council', 'Voted').length, 1);
  for (const w of [keys.charlie.address, who.holder.address]) {
    r = await submit(api, api.tx.roles.unfreeze(w, blake2AsHex('lifted')), who.regulator);
    assert.equal(r.error, null);
  }
  r = await submit(api, api.tx.assets.transfer(USDA, keys.bob.address, 1n), who.holder);
  assert.equal(r.error, null);
});

test('the regulator halts a call chain-wide; payments are never halted; governance resumes', async () => {
  let r = await submit(api, api.tx.roles.halt(blake2AsHex('halt order'), 'Assets', 'transfer'), who.regulator);
  assert.equal(r.error, null);
  const ev = eventsOf(api, r, 'roles', 'Halted')[0].data;
  assert.equal(ev.paused.toNumber(), 1);
  assert.equal(ev.by.asRegulator.toString(), who.regulator.address);
  r = await submit(api, api.tx.assets.transfer(USDA, keys.bob.address, 1n), keys.alice);
  assert.equal(r.error, 'system.CallFiltered');
  r = await submit(api, api.tx.roles.halt(blake2AsHex('x'), 'Servicing', 'pay'), who.regulator);
  assert.equal(r.error, 'roles.NotPausable');
  r = await submit(api, api.tx.roles.halt(blake2AsHex('x'), 'Council', null), who.regulator);
  assert.equal(r.error, 'roles.NotPausable');
  // Only governance resumes.
  r = await submit(api, api.tx.roles.resume(blake2AsHex('lift'), 'Assets', null), who.regulator);
  assert.equal(r.error, 'BadOrigin');
  r = await submit(api, api.tx.sudo.sudo(api.tx.roles.resume(blake2AsHex('lift'), 'Assets', null)), keys.alice);
  assert.equal(r.error, null);
  r = await submit(api, api.tx.assets.transfer(USDA, keys.bob.address, 1n), keys.alice);
  assert.equal(r.error, null);
});

test('a borrower with 0 ABS accepts a loan and pays an installment, fees in USDA', { timeout: 120_000 }, async () => {
  assert.equal(await abs(who.borrower.address), 0n);
  const rate = (await api.query.stablecoin.feeRate()).unwrap().toBigInt();
  assert.equal(rate, 1_000_000n, 'genesis rate: 1 USDA per ABS');
  const P = 500n * U;
  const t = await today();
  let due1 = t + 20;
  while (dateOf(due1).day > 28) due1 += 1;
  const terms = {
    principal: P, asset: USDA, annualRate: 60_000_000_000_000_000n, periods: 6, amortization: 'LevelAnnuity', dayCount: 'Thirty360',
    firstDue: dateOf(due1), graceDays: 10, lateFee: { Fixed: 1n * U }, defaultThresholdDays: 60, servicingFeeBps: 0,
  };
  let r = await submit(api, api.tx.loans.propose(who.borrower.address, blake2AsHex('identity'), terms,
    { kind: 'Vehicle', identifierHash: blake2AsHex('VIN 2'), appraisedValue: 600n * U, appraisalDay: t - 1 },
    { credit: { Score: 'From660To719' }, dti: 'From30To36', incomeVerified: true }, [], who.bank.address, 30), who.bank);
  assert.equal(r.error, null);
  const { loanId, termsHash } = eventsOf(api, r, 'loans', 'LoanProposed')[0].data;

  // Each extrinsic of the borrower: USDA fee = ⌈ABS fee × rate / 10¹²⌉ of the fee charged.
  const feeOf = (res) => {
    const paid = eventsOf(api, res, 'transactionPayment', 'TransactionFeePaid')[0].data.actualFee.toBigInt();
    return { native: paid, usda: (paid * rate + 10n ** 12n - 1n) / 10n ** 12n };
  };
  let before = await usda(who.borrower.address);
  r = await submit(api, api.tx.loans.accept(loanId, termsHash.toHex()), who.borrower);
  assert.equal(r.error, null);
  let f = feeOf(r);
  assert.ok(f.usda > 0n);
  assert.equal(await usda(who.borrower.address), before + P - f.usda);
  const feePaid = eventsOf(api, r, 'stablecoin', 'FeePaid')[0].data;
  assert.equal(feePaid.stableFee.toBigInt(), f.usda);
  assert.equal(feePaid.nativeFee.toBigInt(), f.native);

  before = await usda(who.borrower.address);
  const pay = api.tx.servicing.pay(loanId, 90n * U);
  const signedPay = await pay.signAsync(who.borrower);
  const estimate = BigInt((await rpcCall(api, 'payment_queryInfo', [signedPay.toHex()])).partialFee);
  // The runtime API gives the same answer when handed the SCALE bytes (README, Fee estimates).
  const u8a = signedPay.toU8a();
  const viaApi = await api.call.transactionPaymentApi.queryInfo(u8a, u8a.length);
  assert.equal(viaApi.partialFee.toBigInt(), estimate);
  await assert.rejects(api.call.transactionPaymentApi.queryInfo(signedPay.toHex(), u8a.length), /trap|Codec|unreachable/i,
    'a hex string arrives double length-prefixed');
  r = await submit(api, api.tx.servicing.pay(loanId, 90n * U), who.borrower);
  assert.equal(r.error, null);
  f = feeOf(r);
  assert.ok(f.native <= estimate, `fee ${f.native} within the estimate ${estimate}`);
  assert.equal(await usda(who.borrower.address), before - 90n * U - f.usda);
  const received = eventsOf(api, r, 'servicing', 'PaymentReceived')[0].data;
  assert.equal(received.amount.toBigInt(), 90n * U);
  assert.equal(received.payer.toString(), who.borrower.address);
  // The whole 90 USDA reached the bank (servicing fee 0 bps).
  assert.equal(received.toOwner.toBigInt(), 90n * U);
  assert.equal(await abs(who.borrower.address), 0n);
});
