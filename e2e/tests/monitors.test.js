// Ratings and an agency's monitors end to end on --dev (1-second days): a sponsor names a
// rating agency for a pool of ten loans with a senior, a mezzanine and a residual tranche; the
// agency rates the three tranches before the sale and registers two rules — "60+ delinquency
// above 2 %" on the mezzanine and the residual, "collections below 95 % of expected" on the
// residual. No borrower pays. The collections rule breaches at the first payment date; the
// delinquency rule in the block where the first loan goes 60 days past due. Both alerts reach
// the agency's own `abs_subscribeNotices`, in the block of the state change; the named tranches
// are on watch. The expected thresholds and values come from the figures below (ten equal
// loans: one loan is 10 % of the pool), not from the chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring, WsProvider } from '@polkadot/api';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, submitAll, rpcCall } from '../lib/chain.js';
import { waitFor } from '../lib/node.js';
import { setupParties, originate, structure, closeAndClaim, today, ONE_USDA } from '../lib/deal.js';

const WS = process.env.ABS_DEV_WS;
const U = ONE_USDA;
const LOANS = 10;
const P = 1_000n * U;
const FACES = [7_000n * U, 2_000n * U, 1_000n * U];
const PCT = 10_000_000; // 1 % in ppb
const WINDOW = 24;
// Due after the closing (a loan late before it leaves the pool), before the first payment date.
const FIRST_DUE_IN = WINDOW + 25;

let api;
let deal;
let pool;
let agency;
let sub;
const received = []; // { notice, at (ms) }

const ruleOf = (tranches, metric, cmp, ppb, severity) => ({
  tranches, expr: [{ Test: { metric, cmp, threshold: { Fixed: ppb } } }], severity,
});

before(async () => {
  api = await connect(WS);
  const { alice } = devKeyring();
  deal = await setupParties(api, alice, { investors: 1 });
  const { who } = deal;
  agency = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromMnemonic(mnemonicGenerate());
  const setup = [
    api.tx.balances.transferKeepAlive(agency.address, 10n ** 15n),
    api.tx.sudo.sudo(api.tx.roles.registerParticipant(agency.address, blake2AsHex('agency'))),
    api.tx.sudo.sudo(api.tx.roles.grantRole(agency.address, 'RatingAgency', 'Global', null, blake2AsHex('agency licence'))),
  ];
  for (const r of await submitAll(api, setup, alice)) assert.equal(r.error, null);
  // The agency follows its own notices from the start.
  const provider = new WsProvider(WS, false);
  await provider.connect();
  await provider.isReady;
  const id = await provider.subscribe('abs_notice', 'abs_subscribeNotices', [agency.address], (err, n) => {
    if (!err) received.push({ notice: n, at: Date.now() });
  });
  sub = { provider, id };

  const loans = await originate(api, deal, LOANS, { principal: P, periods: 12, firstDueIn: FIRST_DUE_IN });
  pool = await structure(api, deal, loans, {
    tranches: [{ face: FACES[0], coupon: 40_000_000_000_000_000n }, { face: FACES[1], coupon: 70_000_000_000_000_000n }, { face: FACES[2] }],
    window: WINDOW,
    beforeOpen: async (poolId) => {
      const r = await submit(api, api.tx.ratings.appointAgency(poolId, agency.address), who.sponsor);
      assert.equal(r.error, null);
    },
  });
  const senior = [0, 1].map((k) => api.tx.pools.subscribe(pool.poolId, k, FACES[k]));
  for (const r of await submitAll(api, senior, who.investor1)) assert.equal(r.error, null);
  const r = await submit(api, api.tx.pools.subscribe(pool.poolId, 2, FACES[2]), who.sponsor);
  assert.equal(r.error, null);
});

after(async () => {
  await sub?.provider.disconnect().catch(() => {});
  await api?.disconnect();
});

test('an agency rates three tranches, its monitors alert on its subscription in the block the metric crosses, the tranches go on watch', { timeout: 300_000 }, async () => {
  const { who } = deal;
  const t = await today(api);
  // Pre-sale ratings: AAA / A / NR on the three tranches.
  const grades = [{ Notch: 1 }, { Notch: 6 }, 'NotRated'];
  const rate = grades.map((grade, k) => api.tx.ratings.rate(pool.poolId, k, {
    grade, outlook: 'Stable', watch: false, pdBand: null, report: blake2AsHex(`report ${k}`), effective: t,
  }));
  for (const r of await submitAll(api, rate, agency)) assert.equal(r.error, null);
  for (const [k, grade] of grades.entries()) {
    const ratings = await rpcCall(api, 'abs_ratings', [pool.poolId, k]);
    assert.equal(ratings.length, 1);
    assert.deepEqual(ratings[0].grade, grade);
    assert.equal(ratings[0].agency, agency.address);
  }
  // A rule from an agency the pool does not name is refused; a malformed one too.
  let r = await submit(api, api.tx.ratings.registerRule(pool.poolId, ruleOf([0], 'Delinquent60', 'Above', 2 * PCT, 'Warning')), who.bank);
  assert.equal(r.error, 'ratings.NotLicensedAgency');
  r = await submit(api, api.tx.ratings.registerRule(pool.poolId, { tranches: [0], expr: ['And'], severity: 'Info' }), agency);
  assert.equal(r.error, 'ratings.MalformedRule');
  const rules = [
    ruleOf([1, 2], 'Delinquent60', 'Above', 2 * PCT, 'Critical'),
    ruleOf([2], 'CollectionRatio', 'Below', 95 * PCT, 'Warning'),
  ].map((rule) => api.tx.ratings.registerRule(pool.poolId, rule));
  for (const x of await submitAll(api, rules, agency)) assert.equal(x.error, null);
  const monitors = await rpcCall(api, 'abs_monitors', [pool.poolId]);
  assert.deepEqual(monitors.rules.map((m) => [m.id, m.perPeriod, m.tranches]), [[0, false, [1, 2]], [1, true, [2]]]);
  assert.deepEqual(monitors.rules[0].expr, [{ Test: { metric: 'Delinquent60', cmp: 'Above', threshold: { Fixed: 2 * PCT } } }]);

  await closeAndClaim(api, deal, pool, [[0, 'investor1'], [1, 'investor1'], [2, 'sponsor']]);
  const closing = await today(api);
  const perf = (await api.query.pools.performances(pool.poolId)).unwrap();
  const firstDate = perf.period.end.toNumber();
  const raised = (rule) => received.find((x) => x.notice.kind.type === 'AlertRaised' && x.notice.kind.rule === rule);

  // 1. The first payment date: nothing of the ten installments expected was collected.
  await waitFor(async () => raised(1), 90_000, 'the collections alert');
  const c = raised(1).notice;
  assert.deepEqual(c.subject, { Pool: pool.poolId });
  assert.equal(c.kind.severity, 'Warning');
  // Raised by the block that rolled the period: on the payment date or within the block's
  // three days after it.
  assert.ok(c.day >= firstDate && c.day <= firstDate + 3, `raised on day ${c.day}, payment date ${firstDate}`);
  const cEvents = await (await api.at(c.blockHash)).query.system.events();
  assert.ok(cEvents.some((e) => e.event.section === 'pools' && e.event.method === 'PeriodRolled'), 'raised in the payment date\'s block');
  assert.ok(!raised(0), 'no delinquency alert yet');

  // 2. The first loan to go 60 days past due (due on FIRST_DUE_IN, 60+ from 60 days after).
  let lastDay = 0;
  await waitFor(async () => {
    if (raised(0)) return true;
    const day = await today(api);
    if (day < lastDay + 5) return false;
    lastDay = day;
    const p = (await api.query.pools.performances(pool.poolId)).unwrap();
    console.log(`[monitors] day ${day}: loans by bucket ${p.countByBucket.toString()}, defaulted ${p.defaultedCount.toNumber()}; alerts ${JSON.stringify((await rpcCall(api, 'abs_alerts', [{ pool: pool.poolId }])).alerts.map((a) => a.rule))}; notices ${received.map((x) => x.notice.kind.type).join(',')}`);
    return false;
  }, 150_000, 'the delinquency alert');
  const { notice: d, at: receivedAt } = raised(0);
  assert.equal(d.kind.severity, 'Critical');
  const atBlock = await api.at(d.blockHash);
  const header = await api.rpc.chain.getHeader(d.blockHash);
  const parent = await api.at(header.parentHash);
  const sixtyPlus = (p) => { const b = p.unwrap().balanceByBucket; return b[3].toBigInt() + b[4].toBigInt(); };
  // The crossing: no 60+ balance at the parent block, at least one loan's in this block.
  assert.equal(sixtyPlus(await parent.query.pools.performances(pool.poolId)), 0n);
  assert.ok(sixtyPlus(await atBlock.query.pools.performances(pool.poolId)) >= P - P / 10n);
  const dEvents = await atBlock.query.system.events();
  assert.ok(dEvents.some((e) => e.event.section === 'notices' && e.event.data[2]?.toJSON()?.bucketChanged?.to === 3), 'a loan went 60+ in the same block');
  const stamp = (await atBlock.query.timestamp.now()).toNumber();
  console.log(`[monitors] 60+ crossed and alerted in block #${d.block} (lag 0 blocks); the notice reached the agency's subscription ${((receivedAt - stamp) / 1000).toFixed(2)} s after the block's timestamp (the subscription streams finalized blocks); day ${d.day} = ${d.day - closing} days after closing`);

  // The alerts, by pool and by agency: values read, the tranches on watch.
  const byPool = await rpcCall(api, 'abs_alerts', [{ pool: pool.poolId }]);
  assert.deepEqual(byPool.alerts.map((a) => [a.alert, a.rule, a.cleared]), [[0, 1, null], [1, 0, null]]);
  assert.deepEqual(byPool.alerts[0].values, [0]);
  // One of ten equal loans is 10 % of the pool's balance.
  assert.deepEqual(byPool.alerts[1].values, [10 * PCT]);
  assert.equal(byPool.alerts[1].raisedAt, d.block);
  const byAgency = await rpcCall(api, 'abs_alerts', [{ agency: agency.address }, 0, 10]);
  assert.deepEqual(byAgency.alerts.map((a) => [a.pool, a.alert]), [[pool.poolId, 0], [pool.poolId, 1]]);
  const watched = (await rpcCall(api, 'abs_monitors', [pool.poolId])).watched;
  assert.deepEqual(watched, [{ tranche: 1, openAlerts: 1 }, { tranche: 2, openAlerts: 2 }]);
  // Bad filters are typed errors.
  await assert.rejects(rpcCall(api, 'abs_alerts', [{ tranche: 3 }]), /expected/);
});
