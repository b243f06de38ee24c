//! ABS Chain's own pallets, wired to each other through `abs-traits`.

use frame_support::traits::ConstU32;

use super::super::{Clock, Roles, Runtime};
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

impl pallet_disclosures::Config for Runtime {
	type Roles = Roles;
	type Today = Clock;
	/// Owner, regulators, servicer, trustee, auditors, agencies… of one document.
	type MaxReaders = ConstU32<32>;
	/// A 104-byte X25519 + XChaCha20-Poly1305 envelope, with room for other schemes.
	type MaxEnvelopeLen = ConstU32<256>;
	type MaxUriLen = ConstU32<256>;
	type MaxRegulators = ConstU32<8>;
	type WeightInfo = pallet_disclosures::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DisclosuresBenchmarkHelper;
}

/// Participants with keys and regulators for the disclosures benchmarks, through the roles
/// pallet's own calls (Root is governance).
#[cfg(feature = "runtime-benchmarks")]
pub struct DisclosuresBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_disclosures::BenchmarkHelper<abs_primitives::AccountId> for DisclosuresBenchmarkHelper {
	fn participant_with_key(who: &abs_primitives::AccountId, key: abs_primitives::EncryptionKey) {
		use super::super::RuntimeOrigin;
		let _ = Roles::register_participant(RuntimeOrigin::root(), who.clone(), Default::default());
		let _ = Roles::set_encryption_key(RuntimeOrigin::signed(who.clone()), key);
	}
	fn make_regulator(who: &abs_primitives::AccountId) {
		let _ = Roles::grant_role(
			super::super::RuntimeOrigin::root(),
			who.clone(),
			abs_primitives::Role::Regulator,
			abs_primitives::Scope::Global,
			None,
			Default::default(),
		);
	}
}
