//! Weights of `pallet-oracle`.
//!
//! NOT YET GENERATED: until `scripts/benchmark.sh pallet_oracle` has run on the reference
//! machine, each weight is its storage reads and writes (counted from the code paths, with the
//! chain's `DbWeight`) plus a stated compute allowance.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions of `pallet-oracle`.
pub trait WeightInfo {
	fn set_feeders(n: u32) -> Weight;
	fn feed() -> Weight;
}

/// Picoseconds of `us` microseconds.
const fn ps(us: u64) -> u64 {
	us.saturating_mul(1_000_000)
}

/// Hand-derived weights on the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_feeders(n: u32) -> Weight {
		// the class; writes: the class and one deviation log per removed feeder (≤ the old
		// set, bounded by MaxFeeders = n's bound); the duplicate check is n² comparisons.
		T::DbWeight::get().reads_writes(1, u64::from(n).saturating_add(1)).saturating_add(
			Weight::from_parts(ps(10).saturating_add(ps(1).saturating_mul(u64::from(n))), 2_000),
		)
	}
	fn feed() -> Weight {
		// roles (licence, freeze), the loan or tranche, the class, the key's feeds, the
		// feeder's deviation log, today; writes: feeds, log; a median of ≤ MaxFeeders values
		// twice.
		T::DbWeight::get().reads_writes(7, 2).saturating_add(Weight::from_parts(ps(40), 4_000))
	}
}

impl WeightInfo for () {
	fn set_feeders(n: u32) -> Weight {
		Weight::from_parts(ps(10).saturating_add(ps(1).saturating_mul(u64::from(n))), 0)
	}
	fn feed() -> Weight {
		Weight::from_parts(ps(40), 0)
	}
}
