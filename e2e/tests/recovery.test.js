// Recovery end to end on --dev (1-second days; auctions of 12 blocks, a late bid extends by 4
// up to 12 past the end; 20 days to acknowledge): two loans default. Loan A: the servicer
// orders enforcement, the collateral agent acknowledges, claims a cost; two investors bid (one
// outbid and refunded at once, one late bid extending the end); the auction settles and every
// balance matches a BigInt model of the proceeds written from shared/domain.md. Loan B: the
// agent never acknowledges; the auction opens at the deadline, gets no bid, is relisted at
// 80 % of the reserve, gets none again and is written off with loss = debt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall } from '../lib/chain.js';
import { waitFor } from '../lib/node.js';

const WS = process.env.ABS_DEV_WS;
const USDA = 1;
const U = 1_000_000n; // one USDA in smallest units

// ---- The model (domain.md) ------------------------------------------------------------
const ceilDiv = (a, b) => (a + b - 1n) / b;
const P = 1_000n * U;
const ANNUAL = 120_000_000_000_000_000n; // 12 %
const FEE_BPS = 120n; // 1 USDA a month on 1,000
const LATE_FEE = 5n * U;
const GRACE = 2;
const THRESHOLD = 5;
const APPRAISED = 1_000n * U;
// Interest-only, 30/360: a month's interest is P × annual / 12.
const I0 = (P * ANNUAL) / (12n * 10n ** 18n);
const FEE0 = (P * FEE_BPS) / 120_000n;
// Default at 5 dpd, after the late fee (due + 3): debt = principal + the missed interest +
// the late fee; the servicer's part: the late fee and the period's fee.
const DEBT = P + I0 + LATE_FEE;
const SERVICER_FEES = LATE_FEE + (FEE0 < I0 ? FEE0 : I0);
const RESERVE = ceilDiv(APPRAISED * 70n, 100n);
const RELIST_RESERVE = ceilDiv(RESERVE * 80n, 100n);
/** Minimum next bid: max(1 USDA, best + ⌈1 % of best⌉). */
const minNext = (best) => {
  const m = best + ceilDiv(best, 100n);
  return m > U ? m : U;
};
/** The waterfall: costs (capped at 10 % of the price) → servicer's fees → owner up to the
 *  debt (its part: the debt less the servicer's fees) → surplus to the borrower; loss = what
 *  of the debt was not recovered. */
function waterfall(price, claims) {
  let left = price;
  let cap = (price * 10n) / 100n;
  const costs = claims.map((c) => {
    const pay = [c, cap, left].reduce((a, b) => (a < b ? a : b));
    cap -= pay; left -= pay;
    return pay;
  });
  const servicer = SERVICER_FEES < left ? SERVICER_FEES : left; left -= servicer;
  // The owner's part of the debt is what the servicer's fees leave of it.
  const ownerClaim = DEBT - SERVICER_FEES;
  const owner = ownerClaim < left ? ownerClaim : left; left -= owner;
  return { costs, servicer, owner, borrower: left, loss: DEBT - servicer - owner };
}

// ---- Chain helpers ---------------------------------------------------------------------
let api;
let alice;
const who = {};
const usda = async (addr) => {
  const a = await api.query.assets.account(USDA, addr);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};
const today = async () => (await rpcCall(api, 'abs_today', [])).day;
const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const dateOf = (day) => {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

before(async () => {
  api = await connect(WS);
  ({ alice } = devKeyring());
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const roles = {
    bank: 'Originator', borrowerA: 'Borrower', borrowerB: 'Borrower', servicer: 'Servicer',
    agent: 'CollateralAgent', inv1: 'Investor', inv2: 'Investor',
  };
  for (const n of Object.keys(roles)) who[n] = keyring.addFromMnemonic(mnemonicGenerate());
  const setup = [];
  for (const n of Object.keys(who)) setup.push(api.tx.balances.transferKeepAlive(who[n].address, 10n ** 15n));
  // Two principals and two 10 USDA proposal deposits (returned on acceptance).
  setup.push(api.tx.assets.transfer(USDA, who.bank.address, 2n * P + 20_000_000n));
  setup.push(api.tx.assets.transfer(USDA, who.inv1.address, 5_000n * U));
  setup.push(api.tx.assets.transfer(USDA, who.inv2.address, 5_000n * U));
  for (const [n, role] of Object.entries(roles)) {
    setup.push(api.tx.sudo.sudo(api.tx.roles.registerParticipant(who[n].address, blake2AsHex(n))));
    setup.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who[n].address, role, 'Global', null, blake2AsHex(`${n} licence`))));
  }
  for (const r of await submitAll(api, setup, alice)) assert.equal(r.error, null);
});
after(async () => { await api?.disconnect(); });

test('a defaulted loan is enforced and auctioned; the proceeds follow the waterfall; an unsold one is relisted then written off', { timeout: 300_000 }, async () => {
  const params = await rpcCall(api, 'abs_auctionParams', []);
  assert.deepEqual(params, { durationBlocks: 12, extensionBlocks: 4, maxExtensionBlocks: 12, ackTimeoutDays: 20 });
  const startBlock = await best();

  // Two loans, defaulting a few days after their first due date.
  const t = await today();
  const terms = {
    principal: P, asset: USDA, annualRate: ANNUAL, periods: 6, amortization: 'InterestOnly', dayCount: 'Thirty360',
    firstDue: dateOf(t + 12), graceDays: GRACE, lateFee: { Fixed: LATE_FEE }, defaultThresholdDays: THRESHOLD, servicingFeeBps: Number(FEE_BPS),
  };
  const collateral = { kind: 'Vehicle', identifierHash: blake2AsHex('VIN'), appraisedValue: APPRAISED, appraisalDay: t - 1 };
  const uw = { credit: { Score: 'From620To659' }, dti: 'From36To43', incomeVerified: true };
  const proposed = await submitAll(api, ['borrowerA', 'borrowerB'].map((b) =>
    api.tx.loans.propose(who[b].address, blake2AsHex(b), terms, collateral, uw, [], who.servicer.address, 10)), who.bank);
  const ids = {};
  const accepts = [];
  for (const [k, b] of ['A', 'B'].entries()) {
    assert.equal(proposed[k].error, null);
    const ev = eventsOf(api, proposed[k], 'loans', 'LoanProposed')[0].data;
    ids[b] = ev.loanId.toNumber();
    accepts.push(submit(api, api.tx.loans.accept(ids[b], ev.termsHash.toHex()), who[`borrower${b}`]));
  }
  for (const r of await Promise.all(accepts)) assert.equal(r.error, null);
  for (const b of ['A', 'B']) {
    await waitFor(async () => (await rpcCall(api, 'abs_servicing', [ids[b]])).phase.type === 'Defaulted', 60_000, `loan ${b} defaults`);
    const s = await rpcCall(api, 'abs_servicing', [ids[b]]);
    assert.equal(s.phase.debt, DEBT.toString(), 'debt = principal + missed interest + late fee');
  }

  // The servicer orders enforcement of both; the loans go InRecovery.
  const refused = await submit(api, api.tx.recovery.orderEnforcement(ids.A, who.inv1.address, 'Immobilize'), who.servicer);
  assert.equal(refused.error, 'recovery.NotCollateralAgent');
  const ordered = await submitAll(api, [
    api.tx.recovery.orderEnforcement(ids.A, who.agent.address, 'Immobilize'),
    api.tx.recovery.orderEnforcement(ids.B, who.agent.address, { ReturnTo: { placeHash: blake2AsHex('depot 7') } }),
  ], who.servicer);
  for (const r of ordered) assert.equal(r.error, null);
  assert.equal((await rpcCall(api, 'abs_loan', [ids.A])).status, 'InRecovery');
  let recA = await rpcCall(api, 'abs_recovery', [ids.A]);
  assert.equal(recA.stage, 'Ordered');
  assert.equal(recA.debt, DEBT.toString());
  assert.equal(recA.servicerFees, SERVICER_FEES.toString());

  // Loan A: the agent acknowledges: the auction opens with the reserve; it claims a cost.
  let r = await submit(api, api.tx.recovery.acknowledge(ids.A), who.agent);
  assert.equal(r.error, null);
  const opened = eventsOf(api, r, 'recovery', 'AuctionOpened')[0].data;
  assert.equal(opened.reserve.toBigInt(), RESERVE);
  const CLAIM = 50n * U;
  r = await submit(api, api.tx.recovery.claimCost(ids.A, CLAIM, blake2AsHex('tow truck invoice')), who.agent);
  assert.equal(r.error, null);

  const before = {};
  for (const n of ['bank', 'servicer', 'agent', 'inv1', 'inv2', 'borrowerA']) before[n] = await usda(who[n].address);

  // Bids: the borrower may not; inv1 at the reserve; inv2 outbids and inv1 is refunded in
  // the same block.
  r = await submit(api, api.tx.recovery.bid(ids.A, RESERVE), who.borrowerA);
  assert.equal(r.error, 'recovery.BorrowerMayNotBid');
  r = await submit(api, api.tx.recovery.bid(ids.A, RESERVE), who.inv1);
  assert.equal(r.error, null);
  assert.equal(before.inv1 - (await usda(who.inv1.address)), RESERVE, 'escrowed in full');
  const bid2 = minNext(RESERVE);
  r = await submit(api, api.tx.recovery.bid(ids.A, bid2 - 1n), who.inv2);
  assert.equal(r.error, 'recovery.BidTooLow');
  r = await submit(api, api.tx.recovery.bid(ids.A, bid2), who.inv2);
  assert.equal(r.error, null);
  const refund = eventsOf(api, r, 'recovery', 'BidRefunded')[0].data;
  assert.equal(refund.bidder.toString(), who.inv1.address);
  assert.equal(refund.amount.toBigInt(), RESERVE);
  assert.equal(await usda(who.inv1.address), before.inv1, 'inv1 refunded at once');

  // A late bid (in the last 4 blocks) moves the end.
  let auction = await rpcCall(api, 'abs_auction', [ids.A]);
  const end0 = auction.end;
  assert.equal(auction.minNextBid, minNext(bid2).toString());
  await waitFor(async () => (await best()) >= end0 - 3, 60_000, 'the last blocks of the auction');
  const bid3 = minNext(bid2);
  r = await submit(api, api.tx.recovery.bid(ids.A, bid3), who.inv1);
  assert.equal(r.error, null);
  const ext = eventsOf(api, r, 'recovery', 'AuctionExtended');
  assert.equal(ext.length, 1, 'the late bid extended the auction');
  const bidBlock = (await api.rpc.chain.getHeader(r.blockHash)).number.toNumber();
  assert.equal(ext[0].data.end.toNumber(), bidBlock + 4);
  assert.ok(ext[0].data.end.toNumber() > end0);

  // Settlement by the hook after the end.
  await waitFor(async () => (await rpcCall(api, 'abs_recovery', [ids.A])).stage === 'Sold', 90_000, 'settlement of A');
  recA = await rpcCall(api, 'abs_recovery', [ids.A]);
  const m = waterfall(bid3, [CLAIM]);
  assert.deepEqual(recA.outcome, {
    price: bid3.toString(), costsPaid: m.costs[0].toString(), servicerPaid: m.servicer.toString(),
    ownerPaid: m.owner.toString(), borrowerPaid: m.borrower.toString(), loss: m.loss.toString(), titleTo: who.inv1.address,
  });
  assert.ok(m.loss > 0n, 'sold below the debt');
  assert.equal((await rpcCall(api, 'abs_loan', [ids.A])).status, 'Recovered');
  const delta = async (n) => (await usda(who[n].address)) - before[n];
  assert.equal(await delta('bank'), m.owner);
  assert.equal(await delta('servicer'), m.servicer);
  assert.equal(await delta('agent'), m.costs[0]);
  assert.equal(await delta('borrowerA'), m.borrower);
  assert.equal(await delta('inv1'), -bid3);
  assert.equal(await delta('inv2'), 0n);
  // After recovery no payment is accepted.
  r = await submit(api, api.tx.servicing.pay(ids.A, 1n), who.borrowerA);
  assert.equal(r.error, 'servicing.LoanClosed');

  // Loan B: no acknowledgement — the auction opens at the deadline; no bid: relisted at 80 %.
  await waitFor(async () => (await rpcCall(api, 'abs_auction', [ids.B]))?.round === 2, 150_000, 'the relisting of B');
  const relisted = await rpcCall(api, 'abs_auction', [ids.B]);
  assert.equal(relisted.reserve, RELIST_RESERVE.toString());
  const recB0 = await rpcCall(api, 'abs_recovery', [ids.B]);
  assert.equal(recB0.acknowledgedOn, null);
  await waitFor(async () => (await rpcCall(api, 'abs_recovery', [ids.B])).stage === 'WrittenOff', 90_000, 'the write-off of B');
  const recB = await rpcCall(api, 'abs_recovery', [ids.B]);
  assert.equal(recB.outcome.loss, DEBT.toString(), 'loss = debt');
  assert.equal(recB.outcome.titleTo, who.bank.address, 'title to the owner');
  assert.equal((await rpcCall(api, 'abs_loan', [ids.B])).status, 'WrittenOff');

  // The owner was told each step (notices of finalized blocks).
  await waitFor(async () => {
    const all = [];
    for (let from = startBlock; from !== null;) {
      const page = await rpcCall(api, 'abs_noticesSince', [who.bank.address, from]);
      all.push(...page.notices);
      from = page.next;
    }
    const kinds = (id) => all.filter((n) => n.loanId === id).map((n) => n.kind.type);
    const a = kinds(ids.A);
    const b = kinds(ids.B);
    return ['EnforcementOrdered', 'OrderAcknowledged', 'AuctionOpened', 'AuctionSettled'].every((k) => a.includes(k)) &&
      ['EnforcementOrdered', 'AuctionOpened', 'WrittenOff'].every((k) => b.includes(k)) && !b.includes('OrderAcknowledged');
  }, 30_000, 'the recovery notices to the owner');
});
