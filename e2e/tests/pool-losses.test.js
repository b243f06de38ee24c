// Losses and a recovery through a pool end to end on --dev (1-second days, 3-second blocks):
// a pool of four 1,000 USDA loans (a 3,200 senior at 4 %, an 800 residual) whose borrower pays
// three loans on their due days while the fourth never pays, defaults 5 days past due, is
// enforced and sold at auction; payment dates run on their own meanwhile. The default debits
// 1,000 to the deficiency ledger junior first (the residual's 800, then 200 of the senior);
// excess spread and the auction's proceeds (principal proceeds of the pool) write the tranches
// back up senior first; the senior's holder claims exactly what the reports paid it. The loss,
// the write-downs and the pool's recovery come from the model below (shared/domain.md:
// Recovery, Pools), not from the chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall } from '../lib/chain.js';
import { waitFor } from '../lib/node.js';
import { setupParties, originate, structure, closeAndClaim, today, usda, ONE_USDA, halfUp } from '../lib/deal.js';

const WS = process.env.ABS_DEV_WS;
const U = ONE_USDA;

// ---- The model -------------------------------------------------------------------------
const P = 1_000n * U;
const ANNUAL = 90_000_000_000_000_000n; // 9 %
const PERIODS = 12;
const FEE_BPS = 25n;
const LATE_FEE = 5n * U;
// Faces that divide 10¹⁸ (an exact per-unit index): 3,200 + 800 = the pool's 4,000.
const SENIOR = 3_200n * U;
const RESIDUAL = 800n * U;
// The defaulting loan misses its first installment: at 5 days past due (after the late fee
// at due + 3) its debt is the principal, the installment's interest (a full period's: the
// first period starts a month before the first due date) and the late fee.
const I0 = halfUp(P * ANNUAL, 12n * 10n ** 18n);
const FEE0 = (P * FEE_BPS) / 120_000n;
const DEBT = P + I0 + LATE_FEE;
// The auction's waterfall (no costs): the servicer's fees (the late fee and the period's
// servicing fee, at most the interest), then the owner (the pool) up to the rest of the debt,
// the surplus to the borrower.
const SERVICER_FEES = LATE_FEE + (FEE0 < I0 ? FEE0 : I0);
const RESERVE = (2n * P * 70n + 99n) / 100n; // 70 % of the 2,000 appraisal, rounded up
const TO_POOL = DEBT - SERVICER_FEES;

let api;
let deal;
let performing;
let bad;
let pool;

before(async () => {
  api = await connect(WS);
  const { alice } = devKeyring();
  deal = await setupParties(api, alice, { investors: 2 });
  const { who } = deal;
  // A collateral agent, and the investor's licence to bid at auctions is its Investor role.
  const { Keyring } = await import('@polkadot/api');
  const { mnemonicGenerate } = await import('@polkadot/util-crypto');
  who.agent = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromMnemonic(mnemonicGenerate());
  const setup = [
    api.tx.balances.transferKeepAlive(who.agent.address, 10n ** 15n),
    api.tx.sudo.sudo(api.tx.roles.registerParticipant(who.agent.address, blake2AsHex('agent'))),
    api.tx.sudo.sudo(api.tx.roles.grantRole(who.agent.address, 'CollateralAgent', 'Global', null, blake2AsHex('agent licence'))),
  ];
  for (const r of await submitAll(api, setup, alice)) assert.equal(r.error, null);
  const terms = { principal: P, annualRate: ANNUAL, periods: PERIODS, feeBps: Number(FEE_BPS), firstDueIn: 60 };
  performing = await originate(api, deal, 3, terms);
  [bad] = await originate(api, deal, 1, { ...terms, graceDays: 2, defaultThresholdDays: 5, lateFee: LATE_FEE });
  pool = await structure(api, deal, [...performing, bad], {
    tranches: [{ face: SENIOR, coupon: 40_000_000_000_000_000n }, { face: RESIDUAL }],
    window: 40,
  });
  for (const [name, k, amount] of [['investor1', 0, SENIOR], ['sponsor', 1, RESIDUAL]]) {
    const r = await submit(api, api.tx.pools.subscribe(pool.poolId, k, amount), who[name]);
    assert.equal(r.error, null);
  }
  await closeAndClaim(api, deal, pool, [[0, 'investor1'], [1, 'sponsor']]);
});
after(async () => { await api?.disconnect(); });

test('a loan defaults in a pool: written down junior first, sold at auction, the proceeds write the notes back up; the senior claims what it was paid', { timeout: 240_000 }, async () => {
  const { who } = deal;
  const id = pool.poolId;
  // The borrower pays the three performing loans' installments on their due days, while the
  // rest of the test goes on.
  const schedule = await rpcCall(api, 'abs_schedule', [performing[0]]);
  const pmt = BigInt(schedule.payment);
  let stop = false;
  const payer = (async () => {
    for (const inst of schedule.installments.slice(0, 4)) {
      await waitFor(async () => stop || (await today(api)) >= inst.due, 200_000, `due day ${inst.due}`);
      if (stop) return;
      for (const x of await submitAll(api, performing.map((l) => api.tx.servicing.pay(l, pmt)), who.borrower)) assert.equal(x.error, null);
    }
  })();
  try {
    // The fourth loan defaults; its debt is the model's.
    await waitFor(async () => (await rpcCall(api, 'abs_servicing', [bad])).phase.type === 'Defaulted', 120_000, 'the default');
    assert.equal((await rpcCall(api, 'abs_servicing', [bad])).phase.debt, DEBT.toString());

    // The servicer orders enforcement; the agent acknowledges and the auction opens at the
    // reserve; investor2 buys at the reserve.
    let r = await submit(api, api.tx.recovery.orderEnforcement(bad, who.agent.address, 'Immobilize'), who.servicer);
    assert.equal(r.error, null);
    r = await submit(api, api.tx.recovery.acknowledge(bad), who.agent);
    assert.equal(r.error, null);
    assert.equal(eventsOf(api, r, 'recovery', 'AuctionOpened')[0].data.reserve.toBigInt(), RESERVE);
    r = await submit(api, api.tx.recovery.bid(bad, RESERVE), who.investor2);
    assert.equal(r.error, null);
    await waitFor(async () => (await rpcCall(api, 'abs_recovery', [bad])).stage === 'Sold', 90_000, 'the sale');
    const sold = await rpcCall(api, 'abs_recovery', [bad]);
    assert.equal(sold.outcome.ownerPaid, TO_POOL.toString(), 'the pool is paid the debt less the servicer\'s fees');
    assert.equal(sold.outcome.loss, (DEBT - SERVICER_FEES - TO_POOL).toString());

    // The pool's periods: the default (1,000 out of the balance) in one, the recovery in a
    // later one.
    const periods = [];
    const reports = [];
    await waitFor(async () => {
      for (let k = periods.length; ; k++) {
        const q = await rpcCall(api, 'abs_poolMetrics', [id, k]);
        if (!q) break;
        periods.push(q);
        reports.push(await rpcCall(api, 'abs_poolReport', [id, k]));
      }
      return periods.some((q) => BigInt(q.recoveries) > 0n);
    }, 90_000, 'the payment date after the sale');
    const kd = periods.findIndex((q) => BigInt(q.defaults) > 0n);
    const kr = periods.findIndex((q) => BigInt(q.recoveries) > 0n);
    assert.ok(kd >= 0 && kr > kd, `default in period ${kd}, recovery in ${kr}`);
    assert.equal(BigInt(periods[kd].defaults), P);
    assert.equal(BigInt(periods[kr].recoveries), TO_POOL);
    assert.ok(reports.length >= 2 && reports.every((x) => x && x.eventOfDefault === false));

    // Date kd: the loss is written down junior first: the residual's 800, then 200 of the
    // senior.
    const d = reports[kd];
    assert.equal(BigInt(d.losses), P);
    assert.deepEqual(d.tranches.map((t) => BigInt(t.writtenDown)), [P - RESIDUAL, RESIDUAL]);
    // Written back up senior first, from excess spread on each date and then from the
    // recovery (principal proceeds cure before they repay): by date kr all of it.
    const up = (k) => reports.slice(kd, kr + 1).reduce((a, x) => a + BigInt(x.tranches[k].writtenUp), 0n);
    assert.equal(up(0), P - RESIDUAL, 'the senior written back up in full');
    assert.equal(up(1), RESIDUAL, 'then the residual');
    assert.ok(BigInt(reports[kd].tranches[0].writtenUp) > 0n, 'excess spread cured some at once');
    const t0 = await rpcCall(api, 'abs_tranche', [id, 0]);
    assert.equal(BigInt(t0.writtenDown) - BigInt(t0.writtenUp), 0n);

    // The senior's holder (every unit) claims what the reports paid the tranche, less at most
    // a unit per date (the per-unit index rounds down; the fractions are carried).
    const claimedAt = await submit(api, api.tx.pools.claimDistribution(id, 0), who.investor1);
    assert.equal(claimedAt.error, null);
    const parent = (await api.rpc.chain.getHeader(claimedAt.blockHash)).parentHash.toHex();
    let paid = 0n;
    let dates = 0n;
    for (let k = 0; ; k++) {
      const x = await rpcCall(api, 'abs_poolReport', [id, k, parent]);
      if (x === null) break;
      paid += BigInt(x.tranches[0].interestPaid) + BigInt(x.tranches[0].principalPaid);
      dates += 1n;
    }
    const ev = eventsOf(api, claimedAt, 'pools', 'DistributionClaimed')[0].data;
    const claimed = ev.interest.toBigInt() + ev.principal.toBigInt();
    assert.ok(claimed <= paid && paid - claimed <= dates, `claimed ${claimed} of ${paid}`);
    assert.ok(dates >= 3n, `${dates} payment dates ran on their own`);
    // The pool's account holds at least the deal's cash.
    const m = await rpcCall(api, 'abs_poolMetrics', [id]);
    assert.ok(await usda(api, pool.account) >= BigInt(m.cash));
  } finally {
    stop = true;
    await payer.catch(() => {});
  }
});
