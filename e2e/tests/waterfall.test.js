// The payment-date waterfall end to end on --dev (1-second days, so a month of collections is
// 30 seconds): a pool of 6 loans with a senior, a mezzanine and a residual tranche and an OC
// trigger set above the pool's starting coverage; the borrower pays; three payment dates run
// on their own (no call); the breach switches the pool to sequential and the pool's notice
// arrives; installments paid ahead are prepayments, so the senior's interest goes unpaid on the
// second date — an event of default, noticed too; one senior holder sells part of its units to another between two dates and each
// claims exactly its share; the projection at 0 CPR / 0 CDR collects exactly the loans'
// remaining installments. Paid down to the clean-up factor, the sponsor calls the pool and
// the last claims burn every unit. Every expected figure comes from the BigInt model below
// (shared/domain.md: Pools, tranches, waterfall), not from the chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, devKeyring, submit, submitAll, rpcCall } from '../lib/chain.js';
import { waitFor } from '../lib/node.js';
import { setupParties, originate, structure, closeAndClaim, usda, ONE_USDA, halfUp, firstInstallment } from '../lib/deal.js';

const WS = process.env.ABS_DEV_WS;

// ---- The model -------------------------------------------------------------------------
const ONE = 10n ** 18n;
/** 30/360 days between two day numbers (US rule: a 31st counts as the 30th). */
function days360(a, b) {
  const d = (n) => { const x = new Date(n * 86_400_000); return [x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate()]; };
  const [y1, m1, d1] = d(a);
  const [y2, m2, d2] = d(b);
  const D1 = Math.min(d1, 30);
  const D2 = d2 === 31 && D1 === 30 ? 30 : d2;
  return BigInt((y2 - y1) * 360 + (m2 - m1) * 30 + (D2 - D1));
}
const servicingFee = (opening, bps) => (opening * BigInt(bps)) / 120_000n;

const LOANS = 6;
const P = 1_000n * ONE_USDA;
const ANNUAL = 90_000_000_000_000_000n; // 9 %
const PERIODS = 24;
const FEE_BPS = 25;
const TRUSTEE_BPS = 5n;
// Faces that divide 10¹⁸, so that the per-unit index is exact: 4,000 + 1,500 + 500 = 6,000.
const FACES = [4_000n * ONE_USDA, 1_250n * ONE_USDA, 750n * ONE_USDA];
const COUPONS = [40_000_000_000_000_000n, 70_000_000_000_000_000n];
const SENIOR_EACH = 2_000n * ONE_USDA;
const SOLD = 500n * ONE_USDA;

/** The default deal of a 3-tranche pool with an OC trigger on the senior at 160 % (the pool
 * starts at 6,000 ÷ 4,000 = 150 %: breached at the first payment date). */
function dealSpec() {
  const one = (k) => [k];
  const normal = [
    { Fee: { source: 'Interest', bps: Number(TRUSTEE_BPS), fixed: 0 } },
    { Interest: { source: 'Interest', tranches: one(0), reserve: true } },
    { Interest: { source: 'Interest', tranches: one(1), reserve: false } },
    { CureWriteDowns: { source: 'Interest' } },
    { FundReserve: { source: 'Interest' } },
    { Principal: { source: 'Principal', tranches: [0, 1, 2], proRata: false } },
    { Residual: { source: 'Principal' } },
    { Residual: { source: 'Interest' } },
  ];
  return {
    normal, sequential: normal, accelerated: normal,
    reserve: { share: 0, floor: 0 },
    triggers: [{ kind: { Overcollateralization: { class: 0, minPpb: 1_600_000_000 } }, curable: true }],
    compoundShortfalls: false,
  };
}

let api;
let deal;
let loans;
let pool;
let closingDay;
let closedBlock;
const refusals = {};

before(async () => {
  api = await connect(WS);
  deal = await setupParties(api, devKeyring().alice);
  loans = await originate(api, deal, LOANS, { principal: P, annualRate: ANNUAL, periods: PERIODS, feeBps: FEE_BPS });
  pool = await structure(api, deal, loans, {
    tranches: [{ face: FACES[0], coupon: COUPONS[0] }, { face: FACES[1], coupon: COUPONS[1] }, { face: FACES[2] }],
    window: 40,
    // While structuring: a bad deal and a deal from someone else are refused; the sponsor's
    // is set.
    beforeOpen: async (id) => {
      const bad = dealSpec();
      bad.normal = bad.normal.slice(0, 6);
      refusals.bad = (await submit(api, api.tx.pools.setDeal(id, bad), deal.who.sponsor)).error;
      refusals.trustee = (await submit(api, api.tx.pools.setDeal(id, dealSpec()), deal.who.trustee)).error;
      refusals.set = (await submit(api, api.tx.pools.setDeal(id, dealSpec()), deal.who.sponsor)).error;
    },
  });
});
after(async () => { await api?.disconnect(); });

test('a deal is set while structuring with typed refusals, then fixed; the pool closes and its deal is served', { timeout: 120_000 }, async () => {
  const { who } = deal;
  const id = pool.poolId;
  assert.deepEqual(refusals, { bad: 'pools.ResidualNotLast', trustee: 'pools.NotPoolSponsor', set: null });
  // Once the offering is open the deal is what investors subscribe to: fixed.
  let r = await submit(api, api.tx.pools.setDeal(id, dealSpec()), who.sponsor);
  assert.equal(r.error, 'pools.NotStructuring');
  for (const [name, k, amount] of [['investor1', 0, SENIOR_EACH], ['investor2', 0, SENIOR_EACH], ['investor3', 1, FACES[1]], ['sponsor', 2, FACES[2]]]) {
    r = await submit(api, api.tx.pools.subscribe(id, k, amount), who[name]);
    assert.equal(r.error, null);
  }
  await closeAndClaim(api, deal, pool, [[0, 'investor1'], [0, 'investor2'], [1, 'investor3'], [2, 'sponsor']]);
  // The state right after closing, read at its block: the first payment date is ~30 s away
  // and the borrower's first installments must land before it, so they are paid now and
  // everything else about the closing is read at this block, however long it takes.
  const closedAt = (await api.rpc.chain.getBlockHash()).toHex();
  closedBlock = (await api.rpc.chain.getHeader(closedAt)).number.toNumber();
  const m0 = firstInstallment(P, ANNUAL, PERIODS);
  for (const x of await submitAll(api, loans.map((l) => api.tx.servicing.pay(l, m0.pmt)), who.borrower)) assert.equal(x.error, null);
  closingDay = (await rpcCall(api, 'abs_poolMetrics', [id, null, closedAt])).currentPeriod.start;
  const d = await rpcCall(api, 'abs_deal', [id, closedAt]);
  assert.equal(d.triggers[0].kind.type, 'Overcollateralization');
  assert.equal(d.normal.length, 8);
  assert.equal(d.state.status, 'Normal');
  assert.equal(d.state.paymentDates, 0);

  // The projection at 0 CPR / 0 CDR: the loans pay exactly their remaining installments — the
  // schedule below, simulated here: interest on the balance at 9 % ÷ 12 half up, the level
  // payment's rest to principal, the last installment the balance left.
  const m = firstInstallment(P, ANNUAL, PERIODS);
  let [bal, sum] = [P, 0n];
  for (let k = 1; k <= PERIODS; k++) {
    const interest = halfUp(bal * ANNUAL, 12n * ONE);
    const principal = k === PERIODS ? bal : m.pmt - interest;
    sum += interest + principal;
    bal -= principal;
  }
  const p = await rpcCall(api, 'abs_project', [id, { cprPpb: 0, cdrPpb: 0 }, closedAt]);
  assert.equal(p.loans, LOANS);
  assert.equal(BigInt(p.remainingInstallments), BigInt(LOANS) * sum);
  const gross = p.periods.reduce((a, r) => a + BigInt(r.grossInterest) + BigInt(r.scheduledPrincipal) +
    BigInt(r.prepayments) + BigInt(r.recoveries), 0n);
  assert.equal(gross, BigInt(LOANS) * sum, 'Σ projected collections = Σ remaining installments');
  // One date per installment (and one more if the first falls due after the first date).
  assert.ok(p.periods.length >= PERIODS && p.periods.length <= PERIODS + 1, `${p.periods.length} dates`);
  assert.equal(p.periods.at(-1).closingBalance, '0');
  // Every note repaid; under the sequential waterfall the senior first.
  assert.deepEqual(p.tranches.map((t) => BigInt(t.principal)), FACES);
  // Under stress (20 % CDR, 60 % severity) the residual loses first.
  const stressed = await rpcCall(api, 'abs_project', [id, { cdrPpb: 200_000_000, severityPpb: 600_000_000, lag: 3 }, closedAt]);
  assert.ok(BigInt(stressed.tranches[2].loss) >= BigInt(stressed.tranches[1].loss));
  assert.ok(BigInt(stressed.tranches[0].walE9) > 0n);
  // The senior's model value at its coupon, under the pool's own (so far: zero) speeds.
  const v = await rpcCall(api, 'abs_valuation', [id, 0, null, null, closedAt]);
  assert.equal(v.discountYieldPpb, 40_000_000);
  assert.ok(Math.abs(v.valuePpb - 1e9) < 2e6, `senior near par: ${v.valuePpb}`);
  await assert.rejects(rpcCall(api, 'abs_project', [id, { cprPpb: 2_000_000_000 }]), /cprPpb must be/);
  await assert.rejects(rpcCall(api, 'abs_project', [9_999, {}]), /NotClosed/);
  await assert.rejects(rpcCall(api, 'abs_valuation', [id, 7]), /UnknownTranche/);
});

test('three payment dates run on their own; the breach is noticed; holders claim their exact shares', { timeout: 200_000 }, async () => {
  const { who } = deal;
  const id = pool.poolId;
  // The borrower paid the first installment of every loan in period 0 (right after closing).
  const m = firstInstallment(P, ANNUAL, PERIODS);
  const sfee = servicingFee(P, FEE_BPS);
  const n = BigInt(LOANS);

  // Payment date 0 runs without a call.
  await waitFor(async () => (await rpcCall(api, 'abs_poolReport', [id, 0])) !== null, 60_000, 'payment date 0');
  const r0 = await rpcCall(api, 'abs_poolReport', [id, 0]);
  const days0 = days360(closingDay, r0.day);
  const interest0 = n * (m.interest - sfee);
  assert.equal(BigInt(r0.interestCollected), interest0);
  assert.equal(BigInt(r0.principalCollected), n * m.principal);
  // Fee = 6,000 × 5 bps × days ÷ 360, half up; interest = face × coupon × days ÷ 360, half up.
  const fee0 = halfUp(n * P * TRUSTEE_BPS * days0, 3_600_000n);
  const due0 = COUPONS.map((c, k) => halfUp(FACES[k] * c * days0, ONE * 360n));
  assert.equal(BigInt(r0.feesPaid), fee0);
  assert.deepEqual(r0.tranches.slice(0, 2).map((t) => BigInt(t.interestPaid)), due0);
  assert.equal(BigInt(r0.residualPaid), interest0 - fee0 - due0[0] - due0[1]);
  assert.equal(BigInt(r0.tranches[0].principalPaid), n * m.principal, 'principal sequentially: all to the senior');
  // OC = 5,8xx ÷ (4,000 − principal) < 160 %: breached, the pool is sequential from now on.
  assert.equal(r0.triggers[0].breached, true);
  assert.equal(r0.statusAfter, 'Sequential');

  // Between the dates investor1 sells 500 senior units to investor2, and the borrower pays
  // the next installment of every loan in period 1 and again in period 2.
  let r = await submit(api, api.tx.pools.transferTranche(id, 0, who.investor2.address, SOLD), who.investor1);
  assert.equal(r.error, null);
  for (const x of await submitAll(api, loans.map((l) => api.tx.servicing.pay(l, m.pmt)), who.borrower)) assert.equal(x.error, null);
  await waitFor(async () => (await rpcCall(api, 'abs_poolReport', [id, 1])) !== null, 60_000, 'payment date 1');
  for (const x of await submitAll(api, loans.map((l) => api.tx.servicing.pay(l, m.pmt)), who.borrower)) assert.equal(x.error, null);
  await waitFor(async () => (await rpcCall(api, 'abs_poolReport', [id, 2])) !== null, 60_000, 'payment date 2');
  // Paid ahead of their due dates, the next installments are prepayments: principal only.
  // With no interest and no reserve the senior's interest goes unpaid on date 1 — an event of
  // default: the deal is accelerated for good.
  const r1 = await rpcCall(api, 'abs_poolReport', [id, 1]);
  assert.equal(BigInt(r1.principalCollected) > 0n, true);
  const unpaid = BigInt(r1.tranches[0].interestPaid) < BigInt(r1.tranches[0].interestDue);
  assert.equal(r1.eventOfDefault, unpaid);
  if (unpaid) assert.equal(r1.statusAfter, 'Accelerated');
  const r2 = await rpcCall(api, 'abs_poolReport', [id, 2]);
  if (unpaid) assert.equal(r2.status, 'Accelerated');

  // Each holder's share: units held in each period × what the senior was paid ÷ face, the
  // interest and the principal totals each rounded down once (the fractions are carried). Claimed as of the block before the
  // claim's: every report there, investor1 and investor2 holding 2,000 each in period 0 and
  // 1,500 and 2,500 after.
  const held = (i, k) => (k === 0 ? SENIOR_EACH : i === 0 ? SENIOR_EACH - SOLD : SENIOR_EACH + SOLD);
  for (const [i, name] of ['investor1', 'investor2'].entries()) {
    r = await submit(api, api.tx.pools.claimDistribution(id, 0), who[name]);
    assert.equal(r.error, null);
    const parent = (await api.rpc.chain.getHeader(r.blockHash)).parentHash.toHex();
    let [wi, wp] = [0n, 0n];
    for (let k = 0; ; k++) {
      const x = await rpcCall(api, 'abs_poolReport', [id, k, parent]);
      if (x === null) break;
      wi += held(i, k) * BigInt(x.tranches[0].interestPaid);
      wp += held(i, k) * BigInt(x.tranches[0].principalPaid);
    }
    // Interest and principal have an index each: each total is rounded down.
    const owed = wi / FACES[0] + wp / FACES[0];
    const c = await rpcCall(api, 'abs_claimable', [who[name].address, id, 0, parent]);
    assert.equal(BigInt(c.total), owed, `${name}'s claimable`);
    const ev = r.events.map((e) => e.event).filter((e) => api.events.pools.DistributionClaimed.is(e))[0];
    assert.equal(ev.data.interest.toBigInt() + ev.data.principal.toBigInt(), owed, `${name}'s claim`);
  }
  r = await submit(api, api.tx.pools.claimDistribution(id, 1), who.investor1);
  assert.equal(r.error, 'pools.NothingToClaim', 'investor1 holds no mezzanine');

  // The pool's subject was told of the breach (finalized blocks).
  await waitFor(async () => {
    const all = [];
    for (let from = closedBlock; from !== null;) {
      const page = await rpcCall(api, 'abs_noticesSince', [{ Pool: id }, from]);
      all.push(...page.notices);
      from = page.next;
    }
    const types = all.map((x) => x.kind.type);
    return types.includes('TriggerBreached') && types.includes('DealStatusChanged') &&
      (!unpaid || types.includes('EventOfDefault'));
  }, 30_000, "the pool's notices");

  // Conservation: the pool's account holds what the deal says is in it.
  const d = await rpcCall(api, 'abs_deal', [id]);
  assert.ok(d.state.paymentDates >= 3);
  const metrics = await rpcCall(api, 'abs_poolMetrics', [id]);
  assert.equal(await usda(api, pool.account) >= BigInt(metrics.cash), true);
});

test('paid down to the clean-up factor, the sponsor calls the pool: the final date runs, the pool ends, the last claims burn every unit', { timeout: 150_000 }, async () => {
  const { who } = deal;
  const id = pool.poolId;
  // The borrower repays five loans in full and the sixth down below 10 % of the pool.
  const payoffs = [];
  for (const l of loans.slice(0, 5)) payoffs.push(BigInt(await rpcCall(api, 'abs_payoff', [l])));
  const txs = loans.slice(0, 5).map((l, i) => api.tx.servicing.pay(l, payoffs[i]));
  txs.push(api.tx.servicing.pay(loans[5], 500n * ONE_USDA));
  for (const x of await submitAll(api, txs, who.borrower)) assert.equal(x.error, null);
  const m = await rpcCall(api, 'abs_poolMetrics', [id]);
  const left = BigInt(m.balance) + BigInt(m.defaultedBalance);
  assert.ok(left > 0n && left * 10n <= BigInt(LOANS) * P, `left ${left}`);

  // Someone else, then the sponsor.
  let r = await submit(api, api.tx.pools.cleanUpCall(id), who.trustee);
  assert.equal(r.error, 'pools.NotPoolSponsor');
  const before = await usda(api, who.sponsor.address);
  r = await submit(api, api.tx.pools.cleanUpCall(id), who.sponsor);
  assert.equal(r.error, null);
  const evs = r.events.map((e) => e.event);
  const called = evs.find((e) => api.events.pools.CleanUpCalled.is(e));
  const ended = evs.find((e) => api.events.pools.PoolEnded.is(e));
  assert.ok(called && ended);
  const principal = called.data.principal.toBigInt();
  const interest = called.data.interest.toBigInt();
  assert.equal(principal, left, 'the remaining balance');
  // Interest: the last loan's balance × 9 % × 30/360 days since the period's start, half up.
  const d = await rpcCall(api, 'abs_deal', [id]);
  const last = d.state.paymentDates - 1;
  const q = await rpcCall(api, 'abs_poolMetrics', [id, last]);
  const days = days360(q.start, ended.data.day.toNumber());
  assert.equal(interest, halfUp(left * 90_000_000n * days, 360n * 1_000_000_000n));
  const paid = before - (await usda(api, who.sponsor.address));
  assert.ok(paid >= principal + interest, 'the sponsor paid the price (and the fee)');
  assert.equal((await rpcCall(api, 'abs_pool', [id])).status, 'Ended');
  // The final date released the reserve and paid every unit it had.
  const fin = await rpcCall(api, 'abs_poolReport', [id, last]);
  assert.equal(fin.reserve, '0');
  // The last loan is the sponsor's.
  assert.equal((await rpcCall(api, 'abs_loan', [loans[5]])).owner, who.sponsor.address);

  // Each holder's last claim pays what it is owed and burns its units.
  for (const [name, k] of [['investor1', 0], ['investor2', 0], ['investor3', 1], ['sponsor', 2]]) {
    const x = await submit(api, api.tx.pools.claimDistribution(id, k), who[name]);
    assert.equal(x.error, null, `${name} on tranche ${k}`);
    assert.ok(x.events.some((e) => api.events.pools.TrancheRedeemed.is(e.event)));
  }
  for (const k of [0, 1, 2]) {
    const t = await rpcCall(api, 'abs_tranche', [id, k]);
    assert.equal(t.redeemed, t.minted, `tranche ${k} redeemed`);
  }
  r = await submit(api, api.tx.pools.transferTranche(id, 0, who.investor2.address, 1n), who.investor1);
  assert.equal(r.error, 'pools.NotClosed');
});
