// @polkadot/api helpers: connect with nothing but the node's metadata, sign and wait for
// inclusion, decode dispatch errors to `pallet.Error`.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export async function connect(wsUrl) {
  await cryptoWaitReady();
  const provider = new WsProvider(wsUrl, 1000, {}, 60_000);
  // No `types`, no `rpc` definitions: everything comes from the metadata.
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

export function devKeyring() {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];
  return Object.fromEntries(names.map((n) => [n, keyring.addFromUri(`//${n[0].toUpperCase()}${n.slice(1)}`)]));
}

/**
 * Sign and submit; resolve when the extrinsic is in a block with
 * `{ blockHash, events, error }`, `error` being `'pallet.Error'` when dispatch failed.
 */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInBlock) {
        if (unsub) unsub();
        let error = null;
        if (dispatchError) {
          if (dispatchError.isModule) {
            const d = api.registry.findMetaError(dispatchError.asModule);
            error = `${d.section}.${d.name}`;
          } else {
            error = dispatchError.toString();
          }
        }
        resolve({ blockHash: status.asInBlock.toHex(), events, error });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        if (unsub) unsub();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

/** Wait for `n` new best blocks; returns their headers. */
export async function nextHeads(api, n) {
  const heads = [];
  return new Promise((resolve) => {
    let unsub;
    api.rpc.chain.subscribeNewHeads((h) => {
      heads.push(h);
      if (heads.length >= n) { unsub(); resolve(heads); }
    }).then((u) => { unsub = u; if (heads.length >= n) { u(); } });
  });
}
