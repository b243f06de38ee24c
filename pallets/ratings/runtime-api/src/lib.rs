//! Runtime API of `pallet-ratings`, served over JSON-RPC as `abs_ratings`,
//! `abs_ratingHistory` and `abs_ratingAgencies`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::PoolId;
use alloc::vec::Vec;
use codec::Codec;
pub use pallet_ratings::{Alert, PdBand, Rating, Rule};

sp_api::decl_runtime_apis! {
	/// Tranche ratings.
	pub trait RatingsApi<AccountId: Codec> {
		/// A tranche's current ratings, one per agency.
		fn ratings(pool: PoolId, tranche: u8) -> Vec<Rating<AccountId>>;
		/// Up to `limit` (≤ 100) of a tranche's rating actions from number `from`, oldest
		/// first, with their numbers.
		fn history(pool: PoolId, tranche: u8, from: u32, limit: u32) -> Vec<(u32, Rating<AccountId>)>;
		/// The agencies a pool names.
		fn agencies(pool: PoolId) -> Vec<AccountId>;
		/// A pool's monitor rules, and its tranches on watch with their open alerts' count.
		fn monitors(pool: PoolId) -> (Vec<Rule<AccountId>>, Vec<(u8, u32)>);
		/// Up to `limit` (≤ 100) of a pool's alerts from number `from`: (pool, number, alert).
		fn pool_alerts(pool: PoolId, from: u32, limit: u32) -> Vec<(PoolId, u32, Alert<AccountId, u32>)>;
		/// Up to `limit` (≤ 100) of an agency's alerts from its number `from`.
		fn agency_alerts(agency: AccountId, from: u32, limit: u32) -> Vec<(PoolId, u32, Alert<AccountId, u32>)>;
	}
}
