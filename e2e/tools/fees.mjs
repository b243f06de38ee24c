// Prints `payment_queryInfo` (weight, class, partial fee) of three reference extrinsics against
// a running node: a native transfer, an installment payment, and a remark that fills a block's
// normal length. Usage: node tools/fees.mjs [ws://127.0.0.1:9944]. Figures go to the README.
import { connect, devKeyring, rpcCall } from '../lib/chain.js';

const api = await connect(process.argv[2] || 'ws://127.0.0.1:9944');
const { alice, bob } = devKeyring();
const maxLen = api.consts.system.blockLength.max.normal.toNumber();
// Leave room for the signature, extensions and the call's own encoding.
const remarkLen = maxLen - 200;
const cases = [
  ['balances.transferKeepAlive(bob, 1 ABS)', api.tx.balances.transferKeepAlive(bob.address, 10n ** 12n)],
  ['servicing.pay(loan 1, 100 USDA)', api.tx.servicing.pay(1, 100_000_000n)],
  [`system.remark(${remarkLen} bytes)`, api.tx.system.remark('0x' + '00'.repeat(remarkLen))],
];
const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
for (const [name, tx] of cases) {
  const signed = await tx.signAsync(alice, { nonce });
  // The raw JSON-RPC method, as an integrator calls it.
  const info = await rpcCall(api, 'payment_queryInfo', [signed.toHex()]);
  const fee = BigInt(info.partialFee);
  const abs = `${fee / 10n ** 12n}.${(fee % 10n ** 12n).toString().padStart(12, '0')}`;
  console.log(`${name}\tlength ${signed.encodedLength} B\tref_time ${info.weight.ref_time}\t${info.class}\tfee ${fee} (${abs} ABS)`);
}
await api.disconnect();
