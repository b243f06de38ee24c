// Pools end to end on --dev (1-second days), over @polkadot/api and our abs_* RPC: a sponsor
// pools 20 loans of a bank; three investors subscribe to three tranches (the senior one
// oversubscribed); the trustee closes — the bank is paid, the loans are the pool's — and the
// tokens are claimed pro rata; a direct `trancheAssets.transfer` is refused by the call
// filter, a transfer to a non-investor by the pallet; then the borrower pays and the pool's
// collections and metrics move as the BigInt model below says. Every expected figure comes
// from the model (shared/domain.md: Schedules; Payments; Pools, tranches, waterfall).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, devKeyring, submit, submitAll, rpcCall } from '../lib/chain.js';
import { waitFor } from '../lib/node.js';
import { setupParties, originate, structure, closeAndClaim, usda, ONE_USDA } from '../lib/deal.js';

const WS = process.env.ABS_DEV_WS;

// ---- The model -------------------------------------------------------------------------
const ONE = 10n ** 18n;
const halfUp = (num, den) => (2n * num + den) / (2n * den);
/** The first installment of a monthly level annuity, 30/360: PMT = P·r/(1−(1+r)^−n)
 *  half-up with r = annual/12; interest = P × r half-up; principal = PMT − interest. */
function firstInstallment(P, annual, n) {
  const M = 12n * ONE;
  const N = M + annual;
  const pmt = halfUp(P * annual * N ** BigInt(n), M * (N ** BigInt(n) - M ** BigInt(n)));
  const interest = halfUp(P * annual, M);
  return { pmt, interest, principal: pmt - interest };
}
/** Servicing fee of a period: bps a year × opening balance / 12, rounded down. */
const servicingFee = (opening, bps) => (opening * BigInt(bps)) / 120_000n;
/** Pro rata: ⌊subscription × sold ÷ subscribed⌋; the last claim takes the remainder. */
const allocate = (subs, face) => {
  const total = subs.reduce((a, b) => a + b, 0n);
  if (total <= face) return subs;
  const out = subs.map((s) => (s * face) / total);
  out[out.length - 1] = face - out.slice(0, -1).reduce((a, b) => a + b, 0n);
  return out;
};

const LOANS = 20;
const P = 1_000n * ONE_USDA;
const ANNUAL = 90_000_000_000_000_000n; // 9 %
const PERIODS = 24;
const FEE_BPS = 25;
const FACES = [15_000n * ONE_USDA, 4_000n * ONE_USDA, 1_000n * ONE_USDA];
const DEPOSIT = 500n * ONE_USDA;
const SENIOR = [11_000n * ONE_USDA, 7_000n * ONE_USDA]; // investor1, investor2: 18,000 for 15,000

let api;
let deal;
let loans;
let pool;

before(async () => {
  api = await connect(WS);
  deal = await setupParties(api, devKeyring().alice);
  loans = await originate(api, deal, LOANS, { principal: P, annualRate: ANNUAL, periods: PERIODS, feeBps: FEE_BPS });
  pool = await structure(api, deal, loans, {
    tranches: [{ face: FACES[0], coupon: 40_000_000_000_000_000n }, { face: FACES[1], coupon: 70_000_000_000_000_000n }, { face: FACES[2] }],
    deposit: DEPOSIT,
  });
});
after(async () => { await api?.disconnect(); });

test('a pool of 20 loans closes: the seller is paid, three tranches are issued pro rata and claimed', { timeout: 180_000 }, async () => {
  const { who } = deal;
  const id = pool.poolId;
  let p = await rpcCall(api, 'abs_pool', [id]);
  assert.equal(p.status, 'Offering');
  assert.equal(p.loans, LOANS);
  assert.equal(BigInt(p.principal), BigInt(LOANS) * P);
  const subscribed = await submitAll(api, [
    api.tx.pools.subscribe(id, 0, SENIOR[0]),
  ], who.investor1);
  assert.equal(subscribed[0].error, null);
  for (const [name, k, amount] of [['investor2', 0, SENIOR[1]], ['investor3', 1, FACES[1]], ['sponsor', 2, FACES[2]]]) {
    const r = await submit(api, api.tx.pools.subscribe(id, k, amount), who[name]);
    assert.equal(r.error, null);
  }
  const subs = await rpcCall(api, 'abs_subscriptions', [id]);
  assert.equal(subs.length, 4);

  const bank0 = await usda(api, who.bank.address);
  const { claims } = await closeAndClaim(api, deal, pool, [[0, 'investor1'], [0, 'investor2'], [1, 'investor3'], [2, 'sponsor']]);
  // Price 100 %: the bank gets the 20,000 outstanding at cut-off (nothing collected since).
  assert.equal((await usda(api, who.bank.address)) - bank0, BigInt(LOANS) * P);
  p = await rpcCall(api, 'abs_pool', [id]);
  assert.equal(p.status, 'Closed');
  const senior = allocate(SENIOR, FACES[0]);
  assert.deepEqual(claims.slice(0, 2).map((e) => e.data.units.toBigInt()), senior);
  assert.deepEqual(claims.slice(0, 2).map((e) => e.data.refund.toBigInt()), SENIOR.map((s, i) => s - senior[i]));
  const t0 = await rpcCall(api, 'abs_tranche', [id, 0]);
  assert.equal(BigInt(t0.minted), FACES[0]);
  assert.equal(BigInt(t0.outstanding), FACES[0]);
  const holdings = await rpcCall(api, 'abs_holdings', [who.investor1.address]);
  assert.deepEqual(holdings, [{ pool: id, tranche: 0, units: senior[0].toString() }]);
  // The proceeds (15,000 + 4,000 + 1,000) paid the bank; the deposit stays as the pool's cash.
  // (A payment date may already have paid the trustee's fee out of it.)
  const at0 = (await api.rpc.chain.getBlockHash()).toHex();
  const fees0 = BigInt((await rpcCall(api, 'abs_deal', [id, at0])).state.feesPaid);
  const held0 = (await (await api.at(at0)).query.assets.account(1, pool.account)).unwrap().balance.toBigInt();
  assert.equal(held0 + fees0, DEPOSIT);
  // The loans are the pool's; the ownership entries follow within a block or two.
  assert.equal((await rpcCall(api, 'abs_loan', [loans[0]])).owner, pool.account);
  const stored = async (l) => (await api.query.loans.loans(l)).unwrap().owner.toString();
  await waitFor(async () => (await stored(loans[LOANS - 1])) === pool.account, 30_000, 'the ownership entries');
});

test('tranche tokens move only through the pools pallet, between eligible investors', { timeout: 60_000 }, async () => {
  const { who } = deal;
  const id = pool.poolId;
  const asset = (await rpcCall(api, 'abs_tranche', [id, 0])).asset;
  let r = await submit(api, api.tx.trancheAssets.transfer(asset, who.investor3.address, 1n), who.investor1);
  assert.equal(r.error, 'system.CallFiltered');
  r = await submit(api, api.tx.pools.transferTranche(id, 0, who.bank.address, 1n), who.investor1);
  assert.equal(r.error, 'pools.ReceiverNotEligible');
  r = await submit(api, api.tx.pools.transferTranche(id, 0, who.investor3.address, 1_000n * ONE_USDA), who.investor1);
  assert.equal(r.error, null);
  const holdings = await rpcCall(api, 'abs_holdings', [who.investor3.address]);
  assert.deepEqual(holdings.map((h) => [h.tranche, h.units]).sort(), [[0, (1_000n * ONE_USDA).toString()], [1, FACES[1].toString()]]);
});

test('the borrower pays the first installments: the pool collects them and its metrics move', { timeout: 120_000 }, async () => {
  const { who } = deal;
  const id = pool.poolId;
  const m = firstInstallment(P, ANNUAL, PERIODS);
  const fee = servicingFee(P, FEE_BPS);
  const results = await submitAll(api, loans.map((l) => api.tx.servicing.pay(l, m.pmt)), who.borrower);
  for (const r of results) assert.equal(r.error, null);
  const n = BigInt(LOANS);
  // Read as of one block: a payment date may pay the trustee's fee out of the account (the
  // rest of the deal's cash stays in it until holders claim).
  const at = (await api.rpc.chain.getBlockHash()).toHex();
  const feesPaid = BigInt((await rpcCall(api, 'abs_deal', [id, at])).state.feesPaid);
  const held = (await (await api.at(at)).query.assets.account(1, pool.account)).unwrap().balance.toBigInt();
  assert.equal(held + feesPaid, DEPOSIT + n * (m.pmt - fee));
  const metrics = await rpcCall(api, 'abs_poolMetrics', [id, null, at]);
  assert.equal(BigInt(metrics.cumulativeInterest), n * (m.interest - fee));
  assert.equal(BigInt(metrics.cumulativePrincipal), n * m.principal);
  assert.equal(BigInt(metrics.balance), n * (P - m.principal));
  assert.equal(BigInt(metrics.cash) + feesPaid, DEPOSIT + n * (m.pmt - fee));
  assert.equal(BigInt(metrics.originalBalance), n * P);
  assert.deepEqual(metrics.countByBucket, [LOANS, 0, 0, 0, 0]);
  // Pool factor = balance ÷ original, in parts per 10⁹, rounded down.
  assert.equal(BigInt(metrics.factorPpb), (n * (P - m.principal) * 1_000_000_000n) / (n * P));
  // WAC of identical 9 % loans: 9 % in parts per 10⁹.
  assert.equal(BigInt(metrics.wacPpb), ANNUAL / 1_000_000_000n);
  assert.equal(BigInt(metrics.walaMilli), 1_000n, 'one installment of age');
  const page = await rpcCall(api, 'abs_poolLoans', [id, null, 5]);
  assert.equal(page.length, 5);
  assert.ok(page.every((l) => BigInt(l.principal) === P - m.principal && l.remainingInstallments === PERIODS - 1));
  // The stratification tables: every loan at 9 % (the 8–10 % band), a vehicle, one originator.
  const strats = await rpcCall(api, 'abs_poolStrats', [id]);
  assert.equal(strats.rateBands[3], '8-10%');
  assert.deepEqual(strats.rate[3], { count: LOANS, balance: (n * (P - m.principal)).toString() });
  assert.deepEqual(strats.collateral[1], { count: LOANS, balance: (n * (P - m.principal)).toString() });
  assert.equal(strats.originator[0].count, LOANS);
  assert.equal(strats.maturity.reduce((a, c) => a + c.count, 0), LOANS);
});

test('collection periods roll on payment dates and account for every unit collected', { timeout: 90_000 }, async () => {
  const id = pool.poolId;
  const m = firstInstallment(P, ANNUAL, PERIODS);
  const fee = servicingFee(P, FEE_BPS);
  const n = BigInt(LOANS);
  // 1-second days: the first payment date is at most a month after closing.
  await waitFor(async () => (await rpcCall(api, 'abs_poolMetrics', [id, 0])) !== null, 60_000, 'the first roll');
  const reports = [];
  for (let k = 0; ; k++) {
    const r = await rpcCall(api, 'abs_poolMetrics', [id, k]);
    if (r === null) break;
    reports.push(r);
  }
  const live = await rpcCall(api, 'abs_poolMetrics', [id]);
  const periods = [...reports, live.currentPeriod];
  assert.equal(BigInt(reports[0].openingBalance), n * P);
  assert.equal(BigInt(reports[0].expected), n * m.pmt);
  periods.forEach((r, k) => {
    assert.equal(r.index, k);
    if (k > 0) {
      assert.equal(r.start, periods[k - 1].end, 'periods are contiguous');
      assert.equal(r.openingBalance, periods[k - 1].closingBalance, 'each opens where the last closed');
    }
  });
  // Every unit the borrowers paid the pool is in exactly one period.
  const collected = periods.reduce((a, r) => a + BigInt(r.collected), 0n);
  assert.equal(collected, n * (m.pmt - fee));
  assert.equal(periods.reduce((a, r) => a + BigInt(r.prepayments), 0n), 0n);
  assert.ok(periods.every((r) => r.smm === '0' && r.cpr === '0'));
});
