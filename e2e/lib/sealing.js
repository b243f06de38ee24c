// Client-side sealing for confidential records (shared/domain.md, Confidentiality). The
// runtime never sees plaintext: a record's content is encrypted with a fresh content key
// (XChaCha20-Poly1305); the content key is sealed once per reader to the reader's X25519 key.
//
//   envelope = ephemeralPublic(32) ‖ nonce(24) ‖ XChaCha20-Poly1305(kek, nonce, contentKey)(48)
//   kek      = BLAKE2b-256("abs-envelope-v1" ‖ X25519(ephemeralSecret, readerPublic) ‖
//                          ephemeralPublic ‖ readerPublic)
//   content  = nonce(24) ‖ XChaCha20-Poly1305(contentKey, nonce, plaintext)
//
// Libraries: @noble/curves (X25519), @noble/ciphers (XChaCha20-Poly1305), @noble/hashes
// (BLAKE2b) — audited, maintained, pure JS.
import { x25519 } from '@noble/curves/ed25519.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { randomBytes } from 'node:crypto';

const DOMAIN = new TextEncoder().encode('abs-envelope-v1');
export const ENVELOPE_LEN = 32 + 24 + 32 + 16;

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};

/** A new X25519 key pair `{ secretKey, publicKey }` (32 bytes each). */
export function generateKeyPair() {
  const secretKey = new Uint8Array(randomBytes(32));
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

function kek(shared, ephemeralPublic, readerPublic) {
  return blake2b(concat(DOMAIN, shared, ephemeralPublic, readerPublic), { dkLen: 32 });
}

/** Seal `contentKey` to `readerPublic`: a 104-byte envelope. */
export function sealKey(contentKey, readerPublic) {
  const eph = generateKeyPair();
  const nonce = new Uint8Array(randomBytes(24));
  const k = kek(x25519.getSharedSecret(eph.secretKey, readerPublic), eph.publicKey, readerPublic);
  return concat(eph.publicKey, nonce, xchacha20poly1305(k, nonce).encrypt(contentKey));
}

/** Open an envelope with the reader's key pair; throws if it was not sealed to it. */
export function openKey(envelope, reader) {
  if (envelope.length !== ENVELOPE_LEN) throw new Error(`envelope must be ${ENVELOPE_LEN} bytes`);
  const ephemeralPublic = envelope.subarray(0, 32);
  const nonce = envelope.subarray(32, 56);
  const k = kek(x25519.getSharedSecret(reader.secretKey, ephemeralPublic), ephemeralPublic, reader.publicKey);
  return xchacha20poly1305(k, nonce).decrypt(envelope.subarray(56));
}

/** Encrypt a record: `{ contentKey, ciphertext }` (ciphertext = nonce ‖ sealed content). */
export function encryptRecord(plaintext) {
  const contentKey = new Uint8Array(randomBytes(32));
  const nonce = new Uint8Array(randomBytes(24));
  return { contentKey, ciphertext: concat(nonce, xchacha20poly1305(contentKey, nonce).encrypt(plaintext)) };
}

/** Decrypt a record's ciphertext with its content key. */
export function decryptRecord(ciphertext, contentKey) {
  return xchacha20poly1305(contentKey, ciphertext.subarray(0, 24)).decrypt(ciphertext.subarray(24));
}

/** BLAKE2b-256, as the chain hashes (plaintext and ciphertext hashes of a record). */
export const hash256 = (bytes) => blake2b(bytes, { dkLen: 32 });
