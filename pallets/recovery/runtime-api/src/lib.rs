//! Runtime API of `pallet-recovery`, served over JSON-RPC as `abs_recovery` and
//! `abs_auction`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::LoanId;
use codec::Codec;
pub use pallet_recovery::{
	views::RecoveryView, Appraisal, Auction, AuctionParams, CostClaim, EnforcementAction, Outcome,
	Stage,
};

sp_api::decl_runtime_apis! {
	/// Recovery of defaulted loans. Version 2: the view carries a pending appraisal.
	#[api_version(2)]
	pub trait RecoveryApi<AccountId: Codec> {
		/// A loan's recovery, or `None`.
		fn recovery(id: LoanId) -> Option<RecoveryView<AccountId>>;
		/// The auction timing in force.
		fn params() -> AuctionParams;
	}
}
