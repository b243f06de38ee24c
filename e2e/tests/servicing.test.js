// Servicing end to end on --dev (1-second days): a 12-month level-annuity loan is funded; the
// first installment is paid in two parts (the second after the due date: delinquent, then
// cured), the second on time, the third is missed and missing continues until default; the
// debt is then paid off. The borrower, the owner and a credit bureau follow the notices over
// `abs_subscribeNotices`; the bureau disconnects midway and catches up with `abs_noticesSince`.
// Every expected amount comes from the BigInt model below, written from shared/domain.md
// (Schedules; Payments; Delinquency), not from the chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, eventsOf, rpcCall } from '../lib/chain.js';
import { waitFor } from '../lib/node.js';

const WS = process.env.ABS_DEV_WS;
const USDA = 1;

// ---- The model (domain.md) ------------------------------------------------------------
const ONE = 10n ** 18n;
const halfUp = (num, den) => (2n * num + den) / (2n * den);
/** Level annuity, monthly, 30/360: r = annual/12; PMT = P·r/(1−(1+r)^−n) half-up; interest
 *  = balance × r half-up; principal = PMT − interest; the last installment takes the rest. */
function levelSchedule(P, annual, n) {
  const M = 12n * ONE;
  const N = M + annual;
  const pmt = halfUp(P * annual * N ** BigInt(n), M * (N ** BigInt(n) - M ** BigInt(n)));
  const rows = [];
  let balance = P;
  for (let k = 0; k < n; k++) {
    const interest = halfUp(balance * annual, M);
    const principal = k === n - 1 ? balance : pmt - interest;
    rows.push({ opening: balance, interest, principal });
    balance -= principal;
  }
  return { pmt, rows };
}
/** Servicing fee of a period: bps a year × opening scheduled balance / 12, rounded down. */
const servicingFee = (opening, bps) => (opening * BigInt(bps)) / 120_000n;

const P = 10_000_000_000n; // 10,000 USDA
const ANNUAL = 90_000_000_000_000_000n; // 9 %
const N = 12;
const GRACE = 15;
const LATE_FEE = 25_000_000n;
const THRESHOLD = 35;
const FEE_BPS = 50;
const model = levelSchedule(P, ANNUAL, N);
const fee = model.rows.map((r) => servicingFee(r.opening, FEE_BPS));

// ---- Chain helpers ---------------------------------------------------------------------
let api;
let alice;
const who = {};
const subs = {}; // name → { provider, id, notices: [] }

const usda = async (addr) => {
  const a = await api.query.assets.account(USDA, addr);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};
const today = async () => (await rpcCall(api, 'abs_today', [])).day;
const dateOf = (day) => {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const addMonths = (day, m) => {
  const d = new Date(day * 86_400_000);
  // Monthly from the first due date, clamped to the month's end (the test's first due day is
  // chosen below the 29th, so no clamping happens).
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, d.getUTCDate()) / 86_400_000;
};

async function subscribe(name, address) {
  const provider = new WsProvider(WS, false);
  await provider.connect();
  await provider.isReady;
  const entry = { provider, notices: [], address };
  entry.id = await provider.subscribe('abs_notice', 'abs_subscribeNotices', [address], (err, n) => {
    if (!err) entry.notices.push(n);
  });
  subs[name] = entry;
}

const kinds = (list) => list.map((n) => n.kind.type);

before(async () => {
  api = await connect(WS);
  ({ alice } = devKeyring());
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  for (const n of ['bank', 'borrower', 'servicer', 'bureau']) who[n] = keyring.addFromMnemonic(mnemonicGenerate());
  const roles = { bank: 'Originator', borrower: 'Borrower', servicer: 'Servicer', bureau: 'CreditBureau' };
  const setup = [];
  for (const n of Object.keys(who)) setup.push(api.tx.balances.transferKeepAlive(who[n].address, 10n ** 15n));
  // The principal and the 10 USDA proposal deposit (returned on acceptance).
  setup.push(api.tx.assets.transfer(USDA, who.bank.address, P + 10_000_000n));
  // The borrower's own money on top of the principal, for the interest and the late fee.
  setup.push(api.tx.assets.transfer(USDA, who.borrower.address, 1_000_000_000n));
  for (const [n, role] of Object.entries(roles)) {
    setup.push(api.tx.sudo.sudo(api.tx.roles.registerParticipant(who[n].address, blake2AsHex(n))));
    setup.push(api.tx.sudo.sudo(api.tx.roles.grantRole(who[n].address, role, 'Global', null, blake2AsHex(`${n} licence`))));
  }
  for (const r of await submitAll(api, setup, alice)) assert.equal(r.error, null);
});

after(async () => {
  for (const s of Object.values(subs)) await s.provider.disconnect().catch(() => {});
  await api?.disconnect();
});

test('a loan is serviced to default: payments, notices on the subscription, catch-up, payoff of the debt', { timeout: 300_000 }, async () => {
  // The bureau follows every loan of the bank.
  let r = await submit(api, api.tx.servicing.followOriginator(who.bank.address), who.bureau);
  assert.equal(r.error, null);
  r = await submit(api, api.tx.servicing.followOriginator(who.bank.address), who.bank);
  assert.equal(r.error, 'servicing.NotCreditBureau');
  await subscribe('borrower', who.borrower.address);
  await subscribe('bank', who.bank.address);
  await subscribe('bureau', who.bureau.address);

  // Fund: first due 20 days ahead (a day of the month below 29: no end-of-month clamping).
  let t = await today();
  let due1 = t + 20;
  while (dateOf(due1).day > 28) due1 += 1;
  const due = [0, 1, 2, 3].map((k) => addMonths(due1, k));
  const terms = {
    principal: P, asset: USDA, annualRate: ANNUAL, periods: N, amortization: 'LevelAnnuity', dayCount: 'Thirty360',
    firstDue: dateOf(due1), graceDays: GRACE, lateFee: { Fixed: LATE_FEE }, defaultThresholdDays: THRESHOLD, servicingFeeBps: FEE_BPS,
  };
  r = await submit(api, api.tx.loans.propose(who.borrower.address, blake2AsHex('identity'), terms,
    { kind: 'Vehicle', identifierHash: blake2AsHex('VIN'), appraisedValue: 12_000_000_000n, appraisalDay: t - 1 },
    { credit: { Score: 'From660To719' }, dti: 'From30To36', incomeVerified: true }, [], who.servicer.address, 30), who.bank);
  assert.equal(r.error, null);
  const loanId = eventsOf(api, r, 'loans', 'LoanProposed')[0].data.loanId.toNumber();
  const hash = eventsOf(api, r, 'loans', 'LoanProposed')[0].data.termsHash.toHex();
  r = await submit(api, api.tx.loans.accept(loanId, hash), who.borrower);
  assert.equal(r.error, null);
  assert.equal(eventsOf(api, r, 'servicing', 'ServicingStarted').length, 1);

  // The chain's schedule is the model's, to the unit.
  const schedule = await rpcCall(api, 'abs_schedule', [loanId]);
  assert.equal(schedule.payment, model.pmt.toString());
  assert.deepEqual(schedule.installments.map((i) => [i.due, BigInt(i.interest), BigInt(i.principal)]),
    model.rows.map((m, k) => [addMonths(due1, k), m.interest, m.principal]));
  let view = await rpcCall(api, 'abs_servicing', [loanId]);
  assert.deepEqual(view.originatorBureaus, [who.bureau.address]);
  assert.equal(view.nextCheckpoint, due1 + 1);

  const start = { bank: await usda(who.bank.address), servicer: await usda(who.servicer.address), borrower: await usda(who.borrower.address) };
  const expected = { bank: 0n, servicer: 0n, borrower: 0n };
  const pay = async (amount, toServicer) => {
    const res = await submit(api, api.tx.servicing.pay(loanId, amount), who.borrower);
    assert.equal(res.error, null);
    const ev = eventsOf(api, res, 'servicing', 'PaymentReceived')[0].data;
    assert.equal(ev.toServicer.toBigInt(), toServicer, 'servicer part');
    assert.equal(ev.toOwner.toBigInt(), amount - toServicer, 'owner part');
    expected.borrower -= amount;
    expected.servicer += toServicer;
    expected.bank += amount - toServicer;
    return res;
  };

  // 1a. 40 % of the first installment before its due date: interest first, so the period's
  //     servicing fee is taken at once.
  const pay1a = (model.pmt * 2n) / 5n;
  assert.ok(pay1a > model.rows[0].interest);
  assert.ok((await today()) < due1);
  await pay(pay1a, fee[0]);
  let recs = await rpcCall(api, 'abs_payments', [loanId]);
  assert.equal(recs.length, 1);
  assert.deepEqual([recs[0].interest, recs[0].principal, recs[0].servicingFee],
    [model.rows[0].interest, pay1a - model.rows[0].interest, fee[0]].map(String));

  // The day after the due date the hook makes the loan delinquent (bucket 1); pay the rest
  // of the installment as soon as the chain shows it, well within the grace days.
  await waitFor(async () => (await rpcCall(api, 'abs_servicing', [loanId])).bucket === 1, 60_000, 'bucket 1');
  // 1b. The rest of the first installment: cured, no late fee; the fee was already taken.
  const pay1b = model.pmt - pay1a;
  await pay(pay1b, 0n);
  recs = await rpcCall(api, 'abs_payments', [loanId]);
  assert.ok(recs[1].day > due1 && recs[1].day <= due1 + GRACE, `paid late, within the grace days (day ${recs[1].day})`);
  // The delinquency notice reached every subscription once its block was finalized.
  await waitFor(() => subs.borrower.notices.length >= 1 && subs.bureau.notices.length >= 1, 60_000, 'the first notices');
  assert.deepEqual(subs.borrower.notices[0].kind, { type: 'BucketChanged', from: 0, to: 1, dpd: 1 });
  assert.equal(subs.borrower.notices[0].day, due1 + 1);
  assert.equal(subs.borrower.notices[0].loanId, loanId);
  // The bureau's client goes away; it will catch up from the last block it saw.
  await subs.bureau.provider.disconnect();
  const bureauLastBlock = subs.bureau.notices.at(-1).block;

  // 2. The second installment on time.
  await pay(model.pmt, fee[1]);
  view = await rpcCall(api, 'abs_servicing', [loanId]);
  assert.equal(view.nextCheckpoint, due[2] + 1);
  assert.equal(view.today.daysPastDue, 0);

  // 3. The third is missed, and so on until default at 35 days past due.
  await waitFor(async () => kinds(subs.borrower.notices).includes('Defaulted'), 150_000, 'the default');
  // Debt (interest stopped): unpaid principal + the overdue installments' interest + the
  // late fee. The fourth installment (due[3] = due[2] + a month < due[2] + 35) is overdue
  // too; its late fee day (due[3] + 11) comes after the default.
  const balance2 = P - model.rows[0].principal - model.rows[1].principal;
  const debt = balance2 + model.rows[2].interest + model.rows[3].interest + LATE_FEE;
  const defaultNotice = subs.borrower.notices.find((n) => n.kind.type === 'Defaulted');
  assert.deepEqual(defaultNotice.kind, { type: 'Defaulted', dpd: THRESHOLD, debt: debt.toString() });
  assert.equal(defaultNotice.day, due[2] + THRESHOLD);
  view = await rpcCall(api, 'abs_servicing', [loanId]);
  assert.deepEqual(view.phase, { type: 'Defaulted', on: due[2] + THRESHOLD, onDate: view.phase.onDate, debt: debt.toString() });
  assert.equal((await rpcCall(api, 'abs_loan', [loanId])).status, 'Defaulted');
  assert.equal(await rpcCall(api, 'abs_payoff', [loanId]), debt.toString());

  // After default only the whole debt is accepted.
  r = await submit(api, api.tx.servicing.pay(loanId, debt - 1n), who.borrower);
  assert.equal(r.error, 'servicing.DefaultedPartialPayment');
  r = await submit(api, api.tx.servicing.pay(loanId, debt + 1n), who.borrower);
  assert.equal(r.error, 'servicing.BeyondPayoff', 'more than the debt is beyond the payoff, as for a performing loan');
  // Paying it: the servicer takes the late fee and the two periods' fees.
  await pay(debt, LATE_FEE + fee[2] + fee[3]);
  assert.equal((await rpcCall(api, 'abs_loan', [loanId])).status, 'PaidOff');

  // Balances moved exactly as the model says.
  assert.equal(await usda(who.bank.address) - start.bank, expected.bank);
  assert.equal(await usda(who.servicer.address) - start.servicer, expected.servicer);
  assert.equal(await usda(who.borrower.address) - start.borrower, expected.borrower);
  // The owner received the principal back and the interest net of fees.
  const interest = model.rows.slice(0, 4).reduce((a, r2) => a + r2.interest, 0n);
  assert.equal(expected.bank, P + interest - fee[0] - fee[1] - fee[2] - fee[3]);

  // Every notice reached the borrower and the owner, in order, once.
  const expectedKinds = ['BucketChanged', 'Cured', 'BucketChanged', 'LateFeeCharged', 'BucketChanged', 'Defaulted', 'PaidOff'];
  await waitFor(() => subs.bank.notices.length >= expectedKinds.length, 30_000, 'the payoff notice');
  assert.deepEqual(kinds(subs.borrower.notices), expectedKinds);
  assert.deepEqual(subs.bank.notices, subs.borrower.notices);
  const late = subs.borrower.notices[3];
  assert.deepEqual(late.kind, { type: 'LateFeeCharged', installment: 2, amount: LATE_FEE.toString() });
  assert.equal(late.day, due[2] + GRACE + 1);
  assert.deepEqual(subs.borrower.notices[4].kind, { type: 'BucketChanged', from: 1, to: 2, dpd: 30 });

  // The bureau reconnects and catches up from the block after the last one it saw, page by
  // page; with what it had, it has every notice once.
  const caught = [];
  let from = bureauLastBlock + 1;
  for (;;) {
    const page = await rpcCall(api, 'abs_noticesSince', [who.bureau.address, from]);
    caught.push(...page.notices);
    if (page.next === null) break;
    from = page.next;
  }
  const bureauAll = [...subs.bureau.notices, ...caught];
  assert.deepEqual(bureauAll.map((n) => [n.block, n.eventIndex, n.kind]), subs.borrower.notices.map((n) => [n.block, n.eventIndex, n.kind]));
  // By subject: every notice about the loan, whoever it went to — the same as the borrower's.
  const bySubject = [];
  from = 1;
  for (;;) {
    const page = await rpcCall(api, 'abs_noticesSince', [{ Loan: loanId }, from]);
    bySubject.push(...page.notices);
    if (page.next === null) break;
    from = page.next;
  }
  const borrowerSeen = new Set(subs.borrower.notices.map((n) => `${n.block}/${n.eventIndex}`));
  const ofThisLoan = bySubject.filter((n) => borrowerSeen.has(`${n.block}/${n.eventIndex}`));
  assert.equal(ofThisLoan.length, subs.borrower.notices.length, 'the subject stream holds every notice the borrower got');
  assert.ok(bySubject.every((n) => n.loanId === loanId && n.subject.Loan === loanId));
  const badSubject = await rpcCall(api, 'abs_noticesSince', [{ Planet: 1 }, 1]).catch((e) => e);
  assert.match(String(badSubject.message ?? badSubject), /expected an SS58 account or a subject/);
  // A stranger gets nothing; a bad account is a typed error.
  // (Its last character changed — to a different one: the generated address may end in 'x'.)
  const addr = who.servicer.address;
  const broken = addr.slice(0, -1) + (addr.endsWith('x') ? 'y' : 'x');
  const none = await rpcCall(api, 'abs_noticesSince', [broken, 1]).catch((e) => e);
  assert.match(String(none.message ?? none), /invalid SS58/);
});
