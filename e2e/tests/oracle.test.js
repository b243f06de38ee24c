// The valuation oracle end to end on --dev (1-second days): governance sets the equipment
// class's two feeders (quorum 2, 30 days); a loan secured by equipment defaults and is
// ordered into enforcement; acknowledged with no fresh value, its auction waits; the first
// feeder's value is no quorum, a far-off value is refused, the second feeder's value makes the
// answer fresh and the auction opens at 70 % of the lower median in the same block. Expected
// figures are worked out here from the values fed (shared/domain.md: Recovery), not read back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall } from '../lib/chain.js';
import { waitFor } from '../lib/node.js';

const WS = process.env.ABS_DEV_WS;
const USDA = 1;
const U = 1_000_000n;
const P = 1_000n * U;
const CLASS = { Collateral: 'Equipment' };
const ceilDiv = (a, b) => (a + b - 1n) / b;

let api;
let alice;
const who = {};
const today = async () => (await rpcCall(api, 'abs_today', [])).day;
const dateOf = (day) => {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

before(async () => {
  api = await connect(WS);
  ({ alice } = devKeyring());
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const roles = {
    bank: 'Originator', borrower: 'Borrower', servicer: 'Servicer', agent: 'CollateralAgent',
    feeder1: 'OracleFeeder', feeder2: 'OracleFeeder', outsider: 'OracleFeeder',
  };
  for (const n of Object.keys(roles)) who[n] = keyring.addFromMnemonic(mnemonicGenerate());
  const setup = [];
  for (const n of Object.keys(who)) setup.push(api.tx.balances.transferKeepAlive(who[n].address, 10n ** 15n));
  setup.push(api.tx.assets.transfer(USDA, who.bank.address, P + 10n * U));
  for (const [n, role] of Object.entries(roles)) {
    setup.push(api.tx.sudo.sudo(api.tx.roles.registerParticipant(who[n].address, blake2AsHex(n))));
    setup.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who[n].address, role, 'Global', null, blake2AsHex(`${n} licence`))));
  }
  for (const r of await submitAll(api, setup, alice)) assert.equal(r.error, null);
});
after(async () => { await api?.disconnect(); });

test('two feeders price a defaulted loan\'s collateral and its auction opens at 70 % of their median', { timeout: 180_000 }, async () => {
  // Governance: the equipment class, two feeders, both needed, values good for 30 days.
  let r = await submit(api, api.tx.sudo.sudo(api.tx.oracle.setFeeders(CLASS, [who.feeder1.address, who.feeder2.address], 2, 30)), alice);
  assert.equal(r.error, null);
  const feeders = await rpcCall(api, 'abs_oracleFeeders', [CLASS]);
  assert.deepEqual(feeders.feeders.map((f) => f.feeder), [who.feeder1.address, who.feeder2.address]);
  assert.equal(feeders.quorum, 2);
  // Without governance, nobody sets a class.
  r = await submit(api, api.tx.oracle.setFeeders(CLASS, [who.outsider.address], 1, 30), who.outsider);
  assert.equal(r.error, 'BadOrigin');

  // A loan secured by equipment (appraised 2,000 at origination), defaulting 5 days after
  // its first due date.
  const t = await today();
  const terms = {
    principal: P, asset: USDA, annualRate: 120_000_000_000_000_000n, periods: 6, amortization: 'InterestOnly', dayCount: 'Thirty360',
    firstDue: dateOf(t + 12), graceDays: 2, lateFee: { Fixed: 5n * U }, defaultThresholdDays: 5, servicingFeeBps: 120,
  };
  const collateral = { kind: 'Equipment', identifierHash: blake2AsHex('serial 42'), appraisedValue: 2_000n * U, appraisalDay: t - 1 };
  const uw = { credit: { Score: 'From620To659' }, dti: 'From36To43', incomeVerified: true };
  r = await submit(api, api.tx.loans.propose(who.borrower.address, blake2AsHex('b'), terms, collateral, uw, [], who.servicer.address, 10), who.bank);
  assert.equal(r.error, null);
  const ev = eventsOf(api, r, 'loans', 'LoanProposed')[0].data;
  const loan = ev.loanId.toNumber();
  r = await submit(api, api.tx.loans.accept(loan, ev.termsHash.toHex()), who.borrower);
  assert.equal(r.error, null);
  const key = { Collateral: loan };
  assert.deepEqual(await rpcCall(api, 'abs_oracle', [key]), { state: 'NoQuorum', feeders: 0, quorum: 2 });

  await waitFor(async () => (await rpcCall(api, 'abs_servicing', [loan])).phase.type === 'Defaulted', 60_000, 'the default');
  r = await submit(api, api.tx.recovery.orderEnforcement(loan, who.agent.address, 'Immobilize'), who.servicer);
  assert.equal(r.error, null);
  // Acknowledged with no fresh value: the auction waits (the origination appraisal does not
  // stand in for an oracle that has feeders).
  r = await submit(api, api.tx.recovery.acknowledge(loan), who.agent);
  assert.equal(r.error, null);
  assert.equal(eventsOf(api, r, 'recovery', 'AuctionOpened').length, 0);
  assert.equal((await rpcCall(api, 'abs_recovery', [loan])).stage, 'AwaitingAppraisal');

  // A licensed feeder outside the set is refused; feeder1's value alone is no quorum.
  r = await submit(api, api.tx.oracle.feed(key, 1_500n * U), who.outsider);
  assert.equal(r.error, 'oracle.NotInFeederSet');
  r = await submit(api, api.tx.oracle.feed(key, 1_500n * U), who.feeder1);
  assert.equal(r.error, null);
  assert.deepEqual(await rpcCall(api, 'abs_oracle', [key]), { state: 'NoQuorum', feeders: 1, quorum: 2 });
  // 1,900 is more than 25 % from 1,500: refused.
  r = await submit(api, api.tx.oracle.feed(key, 1_900n * U), who.feeder2);
  assert.equal(r.error, 'oracle.TooDispersed');
  // 1,400: fresh, the lower median of {1,400, 1,500} is 1,400; dispersion 100 ÷ 1,400.
  r = await submit(api, api.tx.oracle.feed(key, 1_400n * U), who.feeder2);
  assert.equal(r.error, null);
  const median = 1_400n * U;
  const opened = eventsOf(api, r, 'recovery', 'AuctionOpened');
  assert.equal(opened.length, 1, 'the auction opened in the feed\'s own block');
  assert.equal(opened[0].data.reserve.toBigInt(), ceilDiv(median * 70n, 100n));
  assert.deepEqual(await rpcCall(api, 'abs_oracle', [key, r.blockHash]), {
    state: 'Fresh', value: median.toString(), feeders: 2, dispersionPpb: Number((100n * 10n ** 9n) / 1_400n),
  });
  const rec = await rpcCall(api, 'abs_recovery', [loan]);
  assert.equal(rec.stage, 'Auction');
  assert.deepEqual(rec.appraisal, { value: median.toString(), day: rec.appraisal.day, record: null });
  // Each feeder's deviation from the median its feed produced: feeder1 0 (alone), feeder2 0.
  const f = await rpcCall(api, 'abs_oracleFeeders', [CLASS]);
  assert.deepEqual(f.feeders.map((x) => x.feeds), [1, 1]);
});
