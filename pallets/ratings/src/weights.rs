//! Weights of `pallet-ratings`.
//!
//! NOT YET GENERATED: until `scripts/benchmark.sh pallet_ratings` has run on the reference
//! machine, each weight is its storage reads and writes
//! (counted from the code paths, with the chain's `DbWeight`) plus a stated compute allowance.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions of `pallet-ratings`.
pub trait WeightInfo {
	fn appoint_agency() -> Weight;
	fn remove_agency() -> Weight;
	fn rate() -> Weight;
}

/// Picoseconds of `us` microseconds.
const fn ps(us: u64) -> u64 {
	us.saturating_mul(1_000_000)
}

/// Hand-derived weights on the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn appoint_agency() -> Weight {
		// the pool, the agency's licence and freeze, the pool's agencies; writes: agencies.
		T::DbWeight::get().reads_writes(4, 1).saturating_add(Weight::from_parts(ps(20), 1_000))
	}
	fn remove_agency() -> Weight {
		// the pool, agencies, has-rated; writes: agencies.
		T::DbWeight::get().reads_writes(3, 1).saturating_add(Weight::from_parts(ps(20), 1_000))
	}
	fn rate() -> Weight {
		// licence and freeze, the pool, agencies, the tranche, today, the current rating, the
		// history's length, two notices (each an event and the subject's index); writes:
		// history entry and length, current, has-rated, the notices.
		T::DbWeight::get().reads_writes(10, 8).saturating_add(Weight::from_parts(ps(40), 2_000))
	}
}

impl WeightInfo for () {
	fn appoint_agency() -> Weight {
		Weight::from_parts(ps(20), 0)
	}
	fn remove_agency() -> Weight {
		Weight::from_parts(ps(20), 0)
	}
	fn rate() -> Weight {
		Weight::from_parts(ps(40), 0)
	}
}
