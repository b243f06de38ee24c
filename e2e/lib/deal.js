// A securitization deal on --dev (1-second days), shared by the e2e tests of the capital
// markets: a bank originates `loans` level-annuity loans to one borrower, a sponsor pools
// them, investors subscribe, the trustee closes and the allocations are claimed.
//
//   const deal = await setupParties(api, alice);           // keys, funds, roles
//   const loans = await originate(api, deal, 20);          // 20 active loans, owned by the bank
//   const pool = await structure(api, deal, loans, spec);  // a pool in Offering with them
//   ... subscribe ...
//   await closeAndClaim(api, deal, pool, claims);          // after the window: close, claim
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { submit, submitAll, eventsOf, rpcCall } from './chain.js';
import { waitFor } from './node.js';

export const USDA = 1;
export const ONE_USDA = 1_000_000n;
export const today = async (api) => (await rpcCall(api, 'abs_today', [])).day;
export const usda = async (api, addr) => {
  const a = await api.query.assets.account(USDA, addr);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};
/** `num ÷ den` rounded half up (BigInt). */
export const halfUp = (num, den) => (2n * num + den) / (2n * den);
/** The first installment of a monthly level annuity of `P` at `annual` (parts per 10¹⁸) over
 * `n` months, 30/360, half up (shared/domain.md, Schedules). */
export function firstInstallment(P, annual, n) {
  const M = 12n * 10n ** 18n;
  const N = M + annual;
  const pmt = halfUp(P * annual * N ** BigInt(n), M * (N ** BigInt(n) - M ** BigInt(n)));
  const interest = halfUp(P * annual, M);
  return { pmt, interest, principal: pmt - interest };
}
const dateOf = (day) => {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

/** The parties of a deal, each a fresh key: registered, licensed, with fees and USDA. */
export async function setupParties(api, alice, { investors = 3, usdaEach = 100_000n * ONE_USDA } = {}) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const roles = { bank: 'Originator', borrower: 'Borrower', servicer: 'Servicer', sponsor: 'Sponsor', trustee: 'Trustee' };
  for (let i = 1; i <= investors; i++) roles[`investor${i}`] = 'Investor';
  const who = {};
  for (const n of Object.keys(roles)) who[n] = keyring.addFromMnemonic(mnemonicGenerate());
  const setup = [];
  for (const [n, role] of Object.entries(roles)) {
    setup.push(api.tx.balances.transferKeepAlive(who[n].address, 10n ** 15n));
    setup.push(api.tx.assets.transfer(USDA, who[n].address, usdaEach));
    setup.push(api.tx.sudo.sudo(api.tx.roles.registerParticipant(who[n].address, blake2AsHex(n))));
    setup.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who[n].address, role, 'Global', null, blake2AsHex(`${n} licence`))));
  }
  for (const r of await submitAll(api, setup, alice)) assert.equal(r.error, null);
  return { who, alice };
}

/** `n` active loans of `principal` at `annualRate` over `periods` months (level annuity,
 * 30/360; grace, default threshold and late fee as given), first due `firstDueIn` days ahead (after the pool's closing: a loan late before closing leaves it), from the bank to the borrower, serviced by the servicer; returns their ids. */
export async function originate(api, deal, n, { principal = 1_000n * ONE_USDA, annualRate = 90_000_000_000_000_000n, periods = 24, feeBps = 25, firstDueIn = 90, graceDays = 10, defaultThresholdDays = 90, lateFee = 5_000_000n } = {}) {
  const { who } = deal;
  const t = await today(api);
  const terms = {
    principal, asset: USDA, annualRate, periods, amortization: 'LevelAnnuity', dayCount: 'Thirty360',
    firstDue: dateOf(t + firstDueIn), graceDays, lateFee: { Fixed: lateFee }, defaultThresholdDays, servicingFeeBps: feeBps,
  };
  const collateral = { kind: 'Vehicle', identifierHash: blake2AsHex('vin'), appraisedValue: principal * 2n, appraisalDay: t };
  const underwriting = { credit: { Score: 'From720To779' }, dti: 'From20To30', incomeVerified: true };
  const proposals = [];
  for (let i = 0; i < n; i++) {
    proposals.push(api.tx.loans.propose(who.borrower.address, blake2AsHex(`identity ${i}`), terms, collateral, underwriting, [], who.servicer.address, 10));
  }
  const proposed = await submitAll(api, proposals, who.bank);
  const ids = [];
  const accepts = [];
  for (const r of proposed) {
    assert.equal(r.error, null);
    const ev = eventsOf(api, r, 'loans', 'LoanProposed')[0];
    ids.push(ev.data.loanId.toNumber());
    accepts.push(api.tx.loans.accept(ev.data.loanId, ev.data.termsHash));
  }
  for (const r of await submitAll(api, accepts, who.borrower)) assert.equal(r.error, null);
  return ids;
}

/** A pool of `loans` in Offering: cut-off and the offering's close `window` days ahead (3-second
 * blocks of 1-second days: 15 blocks). `beforeOpen(poolId)` runs while it is structuring (to set
 * its deal). */
export async function structure(api, deal, loans, { tranches, price = 10n ** 18n, deposit = 0n, window = 45, maxOriginatorSharePpb = 1_000_000_000, beforeOpen = null }) {
  const { who } = deal;
  const t = await today(api);
  // The first payment date about 26 days after the offering closes, whatever the calendar
  // (a fixed 25th could fall a day after closing): time to claim and pay period 0 first.
  const target = dateOf(t + window + 26).day;
  const paymentDay = target > 28 ? 1 : target;
  const spec = {
    asset: USDA, trustee: who.trustee.address, servicer: who.servicer.address,
    cutOff: t + window, offeringOpens: t, offeringCloses: t + window, paymentDay,
    cleanUp: 100_000_000, // 10 %
    eligibility: {
      minRemainingInstallments: 1, maxRemainingInstallments: 480, minRate: 0, maxRate: 10n ** 18n,
      maxPrincipal: 10n ** 15n, collateralKinds: ['Vehicle'], minScoreBand: 'From660To719', maxDtiBand: 'From36To43',
      maxOriginatorShare: maxOriginatorSharePpb,
    },
    trusteeFeeBps: 5, price, sponsorDeposit: deposit,
    tranches: tranches.map((x) => ({ face: x.face, coupon: x.coupon ?? null, finalMaturity: t + 2_000 })),
  };
  let r = await submit(api, api.tx.pools.createPool(spec), who.sponsor);
  assert.equal(r.error, null);
  const poolId = eventsOf(api, r, 'pools', 'PoolCreated')[0].data.poolId.toNumber();
  for (let i = 0; i < loans.length; i += 100) {
    r = await submit(api, api.tx.pools.contribute(poolId, loans.slice(i, i + 100)), who.bank);
    assert.equal(r.error, null);
  }
  if (beforeOpen) await beforeOpen(poolId);
  r = await submit(api, api.tx.pools.openOffering(poolId), who.sponsor);
  assert.equal(r.error, null);
  return { poolId, spec, account: (await rpcCall(api, 'abs_pool', [poolId])).account };
}

/** Wait for the offering's end, close (the trustee), then claim each `[tranche, name]`. */
export async function closeAndClaim(api, deal, pool, claims) {
  const { who } = deal;
  await waitFor(async () => (await today(api)) > pool.spec.offeringCloses, 120_000, 'the end of the offering');
  const closed = await submit(api, api.tx.pools.close(pool.poolId), who.trustee);
  assert.equal(closed.error, null);
  // All claims in one go (one block, not one each): on 1-second days the first payment date
  // is ~30 s after closing, and a test paying installments in period 0 must get there first.
  const txs = claims.map(([k, name]) => api.tx.pools.claimAllocation(pool.poolId, k, who[name].address));
  const results = [];
  for (const r of await submitAll(api, txs, who.trustee)) {
    assert.equal(r.error, null);
    results.push(eventsOf(api, r, 'pools', 'AllocationClaimed')[0]);
  }
  return { closed, claims: results };
}
