//! Runtime API of `pallet-disclosures`, served over JSON-RPC as `abs_records`, `abs_record`
//! and `abs_recordsMissingRegulatorEnvelopes`. Everything here is public chain state: the
//! envelopes are ciphertext only their readers can open.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{DayNumber, EncryptionKey, Hash, RecordId, Subject};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

/// One reader's envelope.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ReaderView<AccountId> {
	pub reader: AccountId,
	pub reader_key: EncryptionKey,
	pub sealed: Vec<u8>,
	pub granted_at: u32,
}

/// A record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct RecordView<AccountId> {
	pub id: RecordId,
	pub owner: AccountId,
	pub subject: Subject,
	/// The kind's name, e.g. "Identity".
	pub kind: Vec<u8>,
	pub plaintext_hash: Hash,
	pub ciphertext_hash: Hash,
	pub uri: Vec<u8>,
	pub created_on: DayNumber,
	pub readers: Vec<ReaderView<AccountId>>,
}

/// Largest page / scan window.
pub const MAX_PAGE: u32 = 100;
/// Largest scan window of `missing_regulator_envelopes`.
pub const MAX_SCAN: u32 = 1_000;

sp_api::decl_runtime_apis! {
	/// Confidential records.
	pub trait DisclosuresApi<AccountId: Codec> {
		/// Records about `subject` (at most [`MAX_PAGE`]), with their readers.
		fn records_of(subject: Subject) -> Vec<RecordView<AccountId>>;
		/// One record with its readers.
		fn record(id: RecordId) -> Option<RecordView<AccountId>>;
		/// Records with ids in `from..from + max_scan` (≤ [`MAX_SCAN`]) lacking an envelope for
		/// a current regulator with a key: `(record id, regulators missing)`, and the next `from`.
		fn missing_regulator_envelopes(from: RecordId, max_scan: u32) -> (Vec<(RecordId, Vec<AccountId>)>, RecordId);
	}
}
