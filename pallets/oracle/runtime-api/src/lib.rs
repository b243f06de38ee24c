//! Runtime API of `pallet-oracle`, served over JSON-RPC as `abs_oracle` and
//! `abs_oracleFeeders`.
#![cfg_attr(not(feature = "std"), no_std)]

pub use abs_primitives::{OracleAnswer, OracleClass, OracleKey};
use codec::Codec;
pub use pallet_oracle::{
	views::{ClassView, FeederView},
	Deviation,
};

sp_api::decl_runtime_apis! {
	/// The valuation oracle.
	pub trait OracleApi<AccountId: Codec> {
		/// The answer for `key` now (fresh median, no quorum, stale, or unconfigured).
		fn answer(key: OracleKey) -> OracleAnswer;
		/// A class's feeders, quorum and maximum age, with each feeder's deviations.
		fn class(class: OracleClass) -> Option<ClassView<AccountId>>;
	}
}
