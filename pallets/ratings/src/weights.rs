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
	fn register_rule() -> Weight;
	fn remove_rule() -> Weight;
	/// Evaluating `r` rules of a pool, each raising (or clearing) an alert.
	fn evaluate(r: u32) -> Weight;
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
	fn register_rule() -> Weight {
		// licence and freeze, the pool, agencies, each tranche (≤ 8), the rules, the next
		// number; writes: rules, next number. Validating 7 nodes with 24-point curves.
		T::DbWeight::get().reads_writes(14, 2).saturating_add(Weight::from_parts(ps(40), 20_000))
	}
	fn remove_rule() -> Weight {
		// the rules, and clearing its alert (today, the alert, the pool's watch counts, a
		// notice and up to 8 tranche notices); writes: rules, the alert, the counts.
		T::DbWeight::get().reads_writes(4, 3).saturating_add(Weight::from_parts(ps(80), 20_000))
	}
	fn evaluate(r: u32) -> Weight {
		// the rules; per rule raising an alert: today, the pool's and the agency's alert
		// counts, the pool's watch counts; writes: the alert, its agency index, both counts,
		// the watch counts; events: a notice to the pool, up to 8 to the tranches, the alert's.
		let per_rule =
			T::DbWeight::get().reads_writes(4, 5).saturating_add(Weight::from_parts(ps(60), 1_500));
		T::DbWeight::get()
			.reads_writes(1, 1)
			.saturating_add(Weight::from_parts(ps(5), 20_000))
			.saturating_add(per_rule.saturating_mul(u64::from(r)))
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
	fn register_rule() -> Weight {
		Weight::from_parts(ps(40), 0)
	}
	fn remove_rule() -> Weight {
		Weight::from_parts(ps(40), 0)
	}
	fn evaluate(r: u32) -> Weight {
		Weight::from_parts(ps(30).saturating_mul(u64::from(r)), 0)
	}
}
