//! Runtime API of `pallet-roles`, served over JSON-RPC as `abs_participant` and
//! `abs_roleHolders`. These queries are conveniences: all chain state is public anyway.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{DayNumber, EncryptionKey, Hash, Role, Scope};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

/// A role grant as a client sees it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct RoleView<AccountId> {
	pub role: Role,
	pub scope: Scope,
	/// Stops working on this day; `None` = no expiry.
	pub expiry: Option<DayNumber>,
	pub attestation: Hash,
	/// The KYC provider that granted it; `None` = governance.
	pub granted_by: Option<AccountId>,
	pub granted_on: DayNumber,
	/// In force today.
	pub active: bool,
}

/// A participant with its roles.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ParticipantView<AccountId> {
	pub name_hash: Hash,
	pub encryption_key: Option<EncryptionKey>,
	/// `(reason hash, since day)` while frozen.
	pub frozen: Option<(Hash, DayNumber)>,
	pub registered_on: DayNumber,
	pub roles: Vec<RoleView<AccountId>>,
}

/// One holder of a role.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct HolderView<AccountId> {
	pub account: AccountId,
	pub grant: RoleView<AccountId>,
	pub frozen: bool,
}

/// Largest page of [`RolesApi::role_holders`].
pub const MAX_PAGE: u32 = 100;

sp_api::decl_runtime_apis! {
	/// Participants and roles.
	pub trait RolesApi<AccountId: Codec> {
		/// A participant with its roles, or `None` if not registered.
		fn participant(who: AccountId) -> Option<ParticipantView<AccountId>>;
		/// Holders of `role` after `start_after` (exclusive), at most `limit` (capped at
		/// [`MAX_PAGE`]). Pass the last `(account, scope)` of a page to get the next.
		fn role_holders(
			role: Role,
			start_after: Option<(AccountId, Scope)>,
			limit: u32,
		) -> Vec<HolderView<AccountId>>;
	}
}
