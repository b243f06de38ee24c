//! Stored types of the disclosures pallet.

use abs_primitives::{DayNumber, EncryptionKey, Hash};
pub use abs_primitives::{RecordKind, Subject};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// A confidential record: only hashes, a URI and the count of readers are on chain.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxUri))]
pub struct Record<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxUri: Get<u32>> {
	/// Who created it and manages its readers.
	pub owner: AccountId,
	/// What it is about.
	pub subject: Subject,
	/// What it is.
	pub kind: RecordKind,
	/// BLAKE2b-256 of the plaintext (integrity proof for readers).
	pub plaintext_hash: Hash,
	/// BLAKE2b-256 of the ciphertext.
	pub ciphertext_hash: Hash,
	/// Where the ciphertext is stored (off chain).
	pub uri: BoundedVec<u8, MaxUri>,
	/// Number of envelopes (readers).
	pub readers: u32,
	/// Day created.
	pub created_on: DayNumber,
}

/// The record's content key sealed to one reader's X25519 key.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxLen))]
pub struct Envelope<BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug, MaxLen: Get<u32>> {
	/// The reader's key it was sealed to (a rotated key needs a new envelope).
	pub reader_key: EncryptionKey,
	/// The sealed content key.
	pub sealed: BoundedVec<u8, MaxLen>,
	/// Block of the grant.
	pub granted_at: BlockNumber,
}

/// Most grants of one `grant_readers_batch`.
pub const MAX_BATCH_GRANTS: u32 = 100;

/// One grant of a batch: an envelope of `record` for `reader`; `loan` names the loan whose
/// record it is when the signer passes it on rather than owns it.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	scale_info::TypeInfo,
)]
pub struct ReaderGrant<AccountId, Sealed> {
	pub record: abs_primitives::RecordId,
	pub reader: AccountId,
	pub sealed: Sealed,
	pub loan: Option<abs_primitives::LoanId>,
}
