//! The capital-markets side: securitization pools buying loans from their owners (later the
//! tranche tokens, the waterfall, ratings and the market), wired through `abs-traits`.

use frame_support::{parameter_types, traits::ConstU32, PalletId};

use super::super::{Assets, Clock, Loans, Roles, Runtime, Servicing};
#[cfg(feature = "runtime-benchmarks")]
use super::benchmark_helpers::*;
use super::lending::StablecoinId;

parameter_types! {
	/// Pools' keyless accounts are sub-accounts of this id.
	pub const PoolsPalletId: PalletId = PalletId(*b"abs/pool");
}

impl pallet_pools::Config for Runtime {
	type Assets = Assets;
	type Roles = Roles;
	type Loans = Loans;
	type Servicing = Servicing;
	type Today = Clock;
	type StablecoinId = StablecoinId;
	type PalletId = PoolsPalletId;
	/// A pool holds at most 10,000 loans (its counters and strata never iterate them).
	type MaxLoansPerPool = ConstU32<10_000>;
	/// From creation to the offering's close at most 90 days.
	type MaxOfferingDays = ConstU32<90>;
	type WeightInfo = pallet_pools::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = PoolsBenchmarkHelper;
}
