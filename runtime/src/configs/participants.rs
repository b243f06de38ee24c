//! Participants: the clock, roles (KYC, licences, freezes, the halt) and confidential records.

use frame_support::traits::ConstU32;

use super::super::{Clock, Roles, Runtime};
#[cfg(feature = "runtime-benchmarks")]
use super::benchmark_helpers::*;
use super::governance::GovernanceOrigin;

impl pallet_clock::Config for Runtime {}

impl pallet_roles::Config for Runtime {
	type GovernanceOrigin = GovernanceOrigin;
	type Today = Clock;
	/// A bank may hold a handful of licences and many scoped assignments.
	type MaxRolesPerParticipant = ConstU32<64>;
	type MaxRegulators = MaxRegulators;
	type MaxExpiriesPerDay = ConstU32<1_000>;
	/// Expiry work per block: ≤ 100 grants and ≤ 32 days (a `--dev` block passes 3 days).
	type MaxExpiriesPerBlock = ConstU32<100>;
	type MaxDaysPerBlock = ConstU32<32>;
	type FrozenMaySign = super::permissions::CouncilCalls;
	type Pauser = super::permissions::TxPauser;
	type WeightInfo = pallet_roles::weights::SubstrateWeight<Runtime>;
}

impl pallet_disclosures::Config for Runtime {
	type Roles = Roles;
	type Today = Clock;
	/// Owner, regulators, servicer, trustee, auditors, agencies… of one document.
	type MaxReaders = ConstU32<32>;
	/// A 104-byte X25519 + XChaCha20-Poly1305 envelope, with room for other schemes.
	type MaxEnvelopeLen = ConstU32<256>;
	type MaxUriLen = ConstU32<256>;
	type MaxRegulators = MaxRegulators;
	/// A pooled loan's records pass down the pool's tiers: seller → trustee → agencies.
	type Delegation = super::capital_markets::PoolTiers;
	type WeightInfo = pallet_disclosures::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DisclosuresBenchmarkHelper;
}

frame_support::parameter_types! {
	/// Regulators at a time: roles refuses a ninth grant, so every keyed regulator is among
	/// the (at most 8) readers the disclosures pallet requires on a new record.
	pub const MaxRegulators: u32 = 8;
}
