//! ABS Chain's own pallets, wired to each other through `abs-traits`.

use frame_support::traits::ConstU32;

use super::super::{Clock, Runtime};
use super::governance::GovernanceOrigin;

impl pallet_clock::Config for Runtime {}

impl pallet_roles::Config for Runtime {
	type GovernanceOrigin = GovernanceOrigin;
	type Today = Clock;
	/// A bank may hold a handful of licences and many scoped assignments.
	type MaxRolesPerParticipant = ConstU32<64>;
	type MaxExpiriesPerDay = ConstU32<1_000>;
	/// Expiry work per block: ≤ 100 grants and ≤ 32 days (a `--dev` block passes 3 days).
	type MaxExpiriesPerBlock = ConstU32<100>;
	type MaxDaysPerBlock = ConstU32<32>;
	type WeightInfo = pallet_roles::weights::SubstrateWeight<Runtime>;
}
