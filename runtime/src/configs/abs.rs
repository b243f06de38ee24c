//! ABS Chain's own pallets, wired to each other through `abs-traits`.

use frame_support::{parameter_types, traits::ConstU32, PalletId};

use super::super::{Assets, Clock, Disclosures, Roles, Runtime, Timestamp};
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

parameter_types! {
	/// The loans pallet's escrow account.
	pub const LoansPalletId: PalletId = PalletId(*b"abs/loan");
	pub const StablecoinId: abs_primitives::AssetId = abs_primitives::STABLECOIN_ASSET_ID;
}

impl pallet_loans::Config for Runtime {
	type Assets = Assets;
	type StablecoinId = StablecoinId;
	type PalletId = LoansPalletId;
	type Roles = Roles;
	type Records = Disclosures;
	type Today = Clock;
	type Time = Timestamp;
	type MaxRecords = ConstU32<32>;
	/// A proposal stays open at most 90 days.
	type MaxProposalDays = ConstU32<90>;
	type MaxExpiriesPerDay = ConstU32<1_000>;
	/// Refund work per block: ≤ 50 proposals (each two asset transfers) and ≤ 32 days.
	type MaxExpiriesPerBlock = ConstU32<50>;
	type MaxDaysPerBlock = ConstU32<32>;
	type WeightInfo = pallet_loans::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = LoansBenchmarkHelper;
}

/// Participants, stablecoin and records for the loans benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct LoansBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_loans::BenchmarkHelper<abs_primitives::AccountId> for LoansBenchmarkHelper {
	fn grant(who: &abs_primitives::AccountId, role: abs_primitives::Role) {
		use super::super::RuntimeOrigin;
		let _ = Roles::register_participant(RuntimeOrigin::root(), who.clone(), Default::default());
		let _ = Roles::grant_role(
			RuntimeOrigin::root(),
			who.clone(),
			role,
			abs_primitives::Scope::Global,
			None,
			Default::default(),
		);
	}
	fn fund(who: &abs_primitives::AccountId, amount: abs_primitives::Balance) {
		use frame_support::traits::fungibles::Mutate;
		let _ = Assets::mint_into(abs_primitives::STABLECOIN_ASSET_ID, who, amount);
	}
	fn record(
		owner: &abs_primitives::AccountId,
		subject: abs_primitives::Subject,
	) -> abs_primitives::RecordId {
		let id = pallet_disclosures::NextRecordId::<Runtime>::get();
		pallet_disclosures::NextRecordId::<Runtime>::put(id.saturating_add(1));
		pallet_disclosures::Records::<Runtime>::insert(
			id,
			pallet_disclosures::Record {
				owner: owner.clone(),
				subject,
				kind: abs_primitives::RecordKind::BankStatement,
				plaintext_hash: Default::default(),
				ciphertext_hash: Default::default(),
				uri: Default::default(),
				readers: 0,
				created_on: 0,
			},
		);
		id
	}
}
