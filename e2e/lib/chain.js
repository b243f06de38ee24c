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
export function submit(api, tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
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

/**
 * Submit where the transaction pool must refuse it (e.g. a signer that is not a registered,
 * unfrozen participant); resolves with the pool's error message, fails if it was accepted.
 */
export async function refusedAtPool(api, tx, signer) {
  try {
    await submit(api, tx, signer);
  } catch (e) {
    return e.message;
  }
  throw new Error('the transaction was accepted');
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

/**
 * Submit several extrinsics of one signer at once (consecutive nonces, so they can share a
 * block); resolves with their results in order.
 */
export async function submitAll(api, txs, signer) {
  const first = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  return Promise.all(txs.map((tx, i) => submit(api, tx, signer, { nonce: first + i })));
}

/** The events of a result that match `api.events.<section>.<name>`. */
export function eventsOf(api, result, section, name) {
  return result.events.map((e) => e.event).filter((e) => api.events[section][name].is(e));
}

/** A raw JSON-RPC call through the api's provider (our abs_* methods). */
export function rpcCall(api, method, params = []) {
  return api._rpcCore.provider.send(method, params);
}

/**
 * Every storage entry of the node's state at `at` (default: the finalized head), paged 500
 * keys at a time: calls `visit(keyHex, valueHex)` for each, skipping the keys in `skip`.
 * Returns how many entries it visited.
 */
export async function scanState(api, visit, { at, skip = [] } = {}) {
  at ??= await api.rpc.chain.getFinalizedHead();
  let start = null;
  let keys = 0;
  for (;;) {
    const page = await api.rpc.state.getKeysPaged('0x', 500, start, at);
    if (page.length === 0) break;
    for (const key of page) {
      const k = key.toHex();
      if (skip.includes(k)) continue;
      keys += 1;
      visit(k, (await api.rpc.state.getStorage(key, at)).toHex());
    }
    start = page[page.length - 1];
    if (page.length < 500) break;
  }
  return keys;
}
