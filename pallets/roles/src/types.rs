//! Stored types of the roles pallet.

use abs_primitives::{DayNumber, EncryptionKey, Hash};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A registered participant.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Participant {
	/// Hash of the display name (the name itself stays off chain).
	pub name_hash: Hash,
	/// Current X25519 public key for sealed envelopes (rotations are events).
	pub encryption_key: Option<EncryptionKey>,
	/// Set while the regulator has frozen the participant.
	pub frozen: Option<Freeze>,
	/// Number of role grants held (bounded by `MaxRolesPerParticipant`).
	pub grants: u32,
	/// Day of registration.
	pub registered_on: DayNumber,
}

/// A regulator's freeze.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Freeze {
	/// Hash of the reason document.
	pub reason: Hash,
	/// Day the freeze started.
	pub since: DayNumber,
}

/// Who granted a role (or ordered a halt).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Grantor<AccountId> {
	/// The governance origin (Root or a council majority).
	Governance,
	/// A KYC provider (Borrower and Investor roles only).
	KycProvider(AccountId),
	/// A regulator (acts by halting calls; grants no roles).
	Regulator(AccountId),
}

/// A role held by a participant in a scope.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct RoleGrant<AccountId> {
	/// The role stops working on this day; `None` = no expiry.
	pub expiry: Option<DayNumber>,
	/// Hash of the KYC / licence document.
	pub attestation: Hash,
	/// Who granted it.
	pub granted_by: Grantor<AccountId>,
	/// Day granted.
	pub granted_on: DayNumber,
}

impl<AccountId> RoleGrant<AccountId> {
	/// Whether the grant is in force on `today`.
	pub fn is_active(&self, today: DayNumber) -> bool {
		self.expiry.is_none_or(|e| today < e)
	}
}
