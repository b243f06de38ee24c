// Throughput benchmark (scripts/bench-tps.sh; not part of CI): one `--dev` node (release build),
// one run, phases that each saturate consecutive blocks with pre-signed extrinsics from
// distinct registered senders, counted from the blocks' events:
//   transfer  balances.transferKeepAlive
//   usda      assets.transfer of the stablecoin
//   pay       servicing.pay, one installment each on distinct active loans
// Rate = successes ÷ chain time of the saturated blocks (timestamps of the block before the
// first and of the last saturated block). Prints per phase the rate, the mean block fullness
// (weight and length against the normal-class limits), one extrinsic's weight from
// `payment_queryInfo`, and the ratio to transfers.
//
//   ABS_NODE_BIN=…/release/abs-node node bench/tps.mjs [--senders N] [--per-sender K]
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';
import { connect, devKeyring, submit, eventsOf } from '../lib/chain.js';
import { startNode, sleep } from '../lib/node.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SENDERS = arg('senders', 2_000);
const PER_SENDER = arg('per-sender', 12); // extrinsics per sender per phase (nonces k..k+K-1)
const LOANS = arg('loans', SENDERS * PER_SENDER); // one pay per loan
const USDA = 1;
const BATCH = 400; // calls per utility.batch in the set-up

const log = (...a) => console.error('[tps]', ...a);

/** Submit `txs` (already signed, hex) without waiting, `window` at a time in flight. */
async function flood(api, signedHex, window = 2_000) {
  let next = 0;
  let refused = 0;
  const worker = async () => {
    while (next < signedHex.length) {
      const x = signedHex[next++];
      try { await api.rpc.author.submitExtrinsic(x); } catch { refused += 1; }
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return refused;
}

/** Sudo-batched set-up calls signed by Alice, BATCH per extrinsic, waited for. */
async function setup(api, alice, calls, { sudo = true } = {}) {
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const pending = [];
  for (let i = 0; i < calls.length; i += BATCH) {
    const batch = api.tx.utility.batchAll(calls.slice(i, i + BATCH));
    pending.push(submit(api, sudo ? api.tx.sudo.sudo(batch) : batch, alice, { nonce: nonce++ }));
  }
  for (const r of await Promise.all(pending)) {
    if (r.error) throw new Error(`set-up failed: ${r.error}`);
    const failed = eventsOf(api, r, 'utility', 'BatchInterrupted');
    if (failed.length) throw new Error(`set-up batch interrupted: ${failed[0].toString()}`);
  }
}

async function blockFacts(api, hash) {
  const [block, weight, now, events] = await Promise.all([
    api.rpc.chain.getBlock(hash),
    api.query.system.blockWeight.at(hash),
    api.query.timestamp.now.at(hash),
    api.query.system.events.at(hash),
  ]);
  const length = block.block.extrinsics.reduce((s, x) => s + x.encodedLength, 0);
  return {
    number: block.block.header.number.toNumber(),
    now: now.toNumber(),
    normalRefTime: weight.normal.refTime.toBigInt(),
    length,
    events,
    extrinsics: block.block.extrinsics,
  };
}

/**
 * Run one phase: submit every signed extrinsic, then follow the blocks until all are in (or
 * 60 s pass without progress). Saturated blocks: every block that carried the phase's
 * extrinsics except the last, when it took the remainder.
 */
async function phase(api, name, section, method, signed, limits) {
  const firstHead = (await api.rpc.chain.getHeader()).number.toNumber();
  const t0 = Date.now();
  const refused = await flood(api, signed.map((x) => x.toHex()));
  log(`${name}: ${signed.length} submitted in ${Date.now() - t0} ms (${refused} refused by the pool)`);
  const counted = [];
  let seen = firstHead;
  let idle = 0;
  let total = 0;
  while (total < signed.length - refused && idle < 20) {
    await sleep(1_500);
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    if (head === seen) { idle += 1; continue; }
    for (let n = seen + 1; n <= head; n++) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const f = await blockFacts(api, hash);
      let ok = 0;
      let failed = 0;
      f.events.forEach(({ phase: p, event }) => {
        if (!p.isApplyExtrinsic) return;
        const x = f.extrinsics[p.asApplyExtrinsic.toNumber()];
        if (x.method.section !== section || x.method.method !== method) return;
        if (api.events.system.ExtrinsicSuccess.is(event)) ok += 1;
        if (api.events.system.ExtrinsicFailed.is(event)) failed += 1;
      });
      counted.push({ ...f, ok, failed });
      total += ok + failed;
      idle = ok + failed > 0 ? 0 : idle + 1;
    }
    seen = head;
  }
  const carrying = counted.filter((b) => b.ok + b.failed > 0);
  const saturated = carrying.slice(0, -1);
  if (saturated.length === 0) throw new Error(`${name}: no saturated block`);
  const before = counted[counted.indexOf(saturated[0]) - 1];
  const startMs = before ? before.now : saturated[0].now - 3_000;
  const seconds = (saturated[saturated.length - 1].now - startMs) / 1_000;
  const ok = saturated.reduce((s, b) => s + b.ok, 0);
  const failed = carrying.reduce((s, b) => s + b.failed, 0);
  const info = await api.call.transactionPaymentApi.queryInfo(signed[0].toU8a(), signed[0].encodedLength);
  return {
    name,
    blocks: saturated.length,
    ok,
    failed,
    rate: ok / seconds,
    weightFull: saturated.reduce((s, b) => s + Number(b.normalRefTime) / limits.normalRefTime, 0) / saturated.length,
    lengthFull: saturated.reduce((s, b) => s + b.length / limits.normalLength, 0) / saturated.length,
    refTime: info.weight.refTime.toBigInt(),
    proofSize: info.weight.proofSize.toBigInt(),
    perBlock: ok / saturated.length,
  };
}

async function main() {
  const node = await startNode({
    name: 'tps',
    args: ['--dev', '--tmp', '--pool-limit', '200000', '--pool-kbytes', '2000000',
      '--rpc-max-connections', '100', '--rpc-max-request-size', '64', '--rpc-max-response-size', '64'],
  });
  log(`node ${node.wsUrl}, log ${node.logFile}`);
  const api = await connect(node.wsUrl);
  try {
    const { alice, bob } = devKeyring();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const t0 = Date.now();
    const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//tps//${i}`));
    log(`${SENDERS} senders derived in ${Date.now() - t0} ms`);

    const bw = api.consts.system.blockWeights;
    const normal = bw.perClass.normal.maxTotal.unwrap();
    const limits = {
      normalRefTime: Number(normal.refTime.toBigInt()),
      normalLength: api.consts.system.blockLength.max.normal.toNumber(),
    };

    log('set-up: register and fund the senders, licence the bank and the borrowers');
    await setup(api, alice, senders.map((s, i) => api.tx.roles.registerParticipant(s.address, blake2AsHex(`tps ${i}`))));
    await setup(api, alice, senders.map((s) => api.tx.roles.grantRole(s.address, 'Borrower', 'Global', null, blake2AsHex('kyc'))));
    await setup(api, alice, [api.tx.roles.grantRole(bob.address, 'Originator', 'Global', null, blake2AsHex('licence'))]);
    await setup(api, alice, senders.map((s) => api.tx.balances.transferKeepAlive(s.address, 10n ** 15n)), { sudo: false });
    await setup(api, alice, senders.map((s) => api.tx.assets.transfer(USDA, s.address, 1_000_000_000n)), { sudo: false });

    // The loans: the bank proposes (≤ 1,000 open at a time), each borrower accepts.
    const principal = 100_000_000n; // 100 USDA
    const today = (await api._rpcCore.provider.send('abs_today', [])).day;
    const due = new Date((today + 3_650) * 86_400_000);
    const terms = {
      principal, asset: USDA, annualRate: 60_000_000_000_000_000n, periods: 12, amortization: 'LevelAnnuity', dayCount: 'Thirty360',
      firstDue: { year: due.getUTCFullYear(), month: due.getUTCMonth() + 1, day: Math.min(due.getUTCDate(), 28) },
      graceDays: 5, lateFee: { Fixed: 1_000_000n }, defaultThresholdDays: 90, servicingFeeBps: 25,
    };
    // Bob (a dev account with 10,000,000 USDA) escrows each principal and the 10 USDA deposit.
    const byAddress = new Map(senders.map((s) => [s.address, s]));
    const borrowerOf = [];
    for (let done = 0; done < LOANS; done += 1_000) {
      const n = Math.min(1_000, LOANS - done);
      let nonce = (await api.rpc.system.accountNextIndex(bob.address)).toNumber();
      const proposals = await Promise.all(Array.from({ length: n }, (_, k) => {
        const who = senders[(done + k) % SENDERS];
        return submit(api, api.tx.loans.propose(who.address, blake2AsHex(`id ${done + k}`), terms,
          { kind: 'None', identifierHash: blake2AsHex('none'), appraisedValue: 0, appraisalDay: today },
          { credit: { Score: 'From660To719' }, dti: 'From20To30', incomeVerified: true }, [], null, 60), bob, { nonce: nonce++ });
      }));
      const accepts = [];
      const nonces = new Map();
      for (const r of proposals) {
        if (r.error) throw new Error(`propose: ${r.error}`);
        const ev = eventsOf(api, r, 'loans', 'LoanProposed')[0].data;
        const who = byAddress.get(ev.borrower.toString());
        if (!nonces.has(who.address)) nonces.set(who.address, (await api.rpc.system.accountNextIndex(who.address)).toNumber());
        const nn = nonces.get(who.address);
        nonces.set(who.address, nn + 1);
        borrowerOf.push([ev.loanId.toNumber(), who]);
        accepts.push(submit(api, api.tx.loans.accept(ev.loanId, ev.termsHash), who, { nonce: nn }));
      }
      for (const r of await Promise.all(accepts)) if (r.error) throw new Error(`accept: ${r.error}`);
      log(`loans: ${done + n} active`);
    }
    const installment = BigInt((await api._rpcCore.provider.send('abs_schedule', [borrowerOf[0][0]])).payment);

    // Pre-sign every phase (immortal, so no block hash is needed) from the senders' nonces.
    const nextNonce = new Map();
    for (const s of senders) nextNonce.set(s.address, (await api.rpc.system.accountNextIndex(s.address)).toNumber());
    const sign = async (tx, who) => {
      const nonce = nextNonce.get(who.address);
      nextNonce.set(who.address, nonce + 1);
      return tx.signAsync(who, { nonce, era: 0 });
    };
    const each = async (make) => {
      const out = [];
      for (let k = 0; k < PER_SENDER; k++) for (const s of senders) out.push(await sign(make(s), s));
      return out;
    };
    const results = [];
    log('signing transfers');
    const transfers = await each((s) => api.tx.balances.transferKeepAlive(alice.address, 1_000_000_000n));
    results.push(await phase(api, 'balances.transferKeepAlive', 'balances', 'transferKeepAlive', transfers, limits));
    log('signing USDA transfers');
    const usda = await each((s) => api.tx.assets.transfer(USDA, alice.address, 1_000n));
    results.push(await phase(api, 'assets.transfer (USDA)', 'assets', 'transfer', usda, limits));
    log('signing payments');
    const pays = [];
    for (const [loanId, who] of borrowerOf) pays.push(await sign(api.tx.servicing.pay(loanId, installment), who));
    results.push(await phase(api, 'servicing.pay', 'servicing', 'pay', pays, limits));

    const base = results[0].rate;
    console.log('| phase | saturated blocks | successes | failed | per block | rate (/s) | weight full | length full | ref_time (ps) | proof (B) | × transfers |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      console.log(`| ${r.name} | ${r.blocks} | ${r.ok} | ${r.failed} | ${r.perBlock.toFixed(0)} | ${r.rate.toFixed(1)} | ${(100 * r.weightFull).toFixed(1)} % | ${(100 * r.lengthFull).toFixed(1)} % | ${r.refTime} | ${r.proofSize} | ${(r.rate / base).toFixed(2)} |`);
    }
  } finally {
    await api.disconnect();
    await node.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
