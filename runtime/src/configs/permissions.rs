//! Chain-wide permissions: the stablecoin held by governance (`pallet-stablecoin`), the
//! participant-only signing rule (`pallet_roles::CheckParticipant` in the runtime's
//! transaction extensions; council and membership calls need registration only), and the halt
//! (`pallet-tx-pause` as the runtime's call filter, driven by `roles.halt` / `roles.resume`).
//!
//! Never pausable: `System`, `Timestamp`, `Aura`, `Grandpa`, `Sudo`, the council and its
//! membership, `TxPause` itself, `roles.freeze` / `unfreeze` / `halt` / `resume`, and
//! `servicing.pay` / `record_offchain_payment` (a halt must never make borrowers delinquent).

use abs_primitives::{AccountId, STABLECOIN_ASSET_ID};
use abs_traits::{CallPauser, PauseError, StablecoinAccounts};
use alloc::vec::Vec;
use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains, EitherOfDiverse, GetCallMetadata, TransactionPause},
	PalletId,
};

use super::super::{
	Assets, Roles, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Stablecoin, TxPause,
};
use super::governance::GovernanceOrigin;

parameter_types! {
	/// Owner, issuer, admin and freezer of USDA: a keyless account.
	pub const StablecoinPalletId: PalletId = PalletId(abs_primitives::STABLECOIN_PALLET_ID);
	pub const Usda: abs_primitives::AssetId = STABLECOIN_ASSET_ID;
}

impl pallet_stablecoin::Config for Runtime {
	type GovernanceOrigin = GovernanceOrigin;
	type Assets = Assets;
	type StablecoinId = Usda;
	type PalletId = StablecoinPalletId;
	type Roles = Roles;
	type Accounts = UsdaAccounts;
	type WeightInfo = pallet_stablecoin::weights::SubstrateWeight<Runtime>;
}

/// Freezes and thaws USDA accounts through `pallet-assets`, signed by the keyless freezer.
pub struct UsdaAccounts;
impl StablecoinAccounts<AccountId> for UsdaAccounts {
	fn is_frozen(who: &AccountId) -> Option<bool> {
		pallet_assets::Account::<Runtime>::get(STABLECOIN_ASSET_ID, who)
			.map(|a| a.status == pallet_assets::AccountStatus::Frozen)
	}
	fn freeze(who: &AccountId) -> sp_runtime::DispatchResult {
		Assets::freeze(
			RuntimeOrigin::signed(Stablecoin::account_id()),
			STABLECOIN_ASSET_ID.into(),
			who.clone().into(),
		)
	}
	fn thaw(who: &AccountId) -> sp_runtime::DispatchResult {
		Assets::thaw(
			RuntimeOrigin::signed(Stablecoin::account_id()),
			STABLECOIN_ASSET_ID.into(),
			who.clone().into(),
		)
	}
}

/// Longest pallet or call name `pallet-tx-pause` stores.
pub type MaxNameLen = ConstU32<64>;

/// Whether `(pallet, call)` may ever be paused.
pub fn pausable(pallet: &[u8], call: &[u8]) -> bool {
	const NEVER: &[&[u8]] = &[
		b"System",
		b"Timestamp",
		b"Aura",
		b"Grandpa",
		b"Sudo",
		b"Council",
		b"CouncilMembership",
		b"TxPause",
	];
	if NEVER.contains(&pallet) {
		return false;
	}
	!matches!(
		(pallet, call),
		(b"Roles", b"freeze" | b"unfreeze" | b"halt" | b"resume")
			| (b"Servicing", b"pay" | b"record_offchain_payment")
	)
}

/// `pallet-tx-pause`'s whitelist: what [`pausable`] refuses.
pub struct NeverPaused;
impl Contains<pallet_tx_pause::RuntimeCallNameOf<Runtime>> for NeverPaused {
	fn contains((pallet, call): &pallet_tx_pause::RuntimeCallNameOf<Runtime>) -> bool {
		!pausable(pallet, call)
	}
}

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// Governance, or an active, unfrozen Regulator (who normally halts through `roles.halt`,
	/// which records the reason).
	type PauseOrigin = EitherOfDiverse<
		GovernanceOrigin,
		pallet_roles::EnsureActiveRole<
			Runtime,
			pallet_roles::RoleIs<{ abs_primitives::Role::Regulator as u8 }>, // qed: a fieldless enum's discriminant
		>,
	>;
	type UnpauseOrigin = GovernanceOrigin;
	type WhitelistedCalls = NeverPaused;
	type MaxNameLen = MaxNameLen;
	type WeightInfo = pallet_tx_pause::weights::SubstrateWeight<Runtime>;
}

/// The halt over `pallet-tx-pause`, with names checked against the runtime's metadata.
pub struct TxPauser;
impl TxPauser {
	/// The calls of `pallet` (as the metadata names them) that are the target.
	fn targets(pallet: &[u8], call: Option<&[u8]>) -> Result<Vec<&'static str>, PauseError> {
		let module = <RuntimeCall as GetCallMetadata>::get_module_names()
			.iter()
			.find(|m| m.as_bytes() == pallet)
			.ok_or(PauseError::UnknownPallet)?;
		let calls = <RuntimeCall as GetCallMetadata>::get_call_names(module);
		match call {
			Some(c) => {
				let c = calls.iter().find(|n| n.as_bytes() == c).ok_or(PauseError::UnknownCall)?;
				if pausable(pallet, c.as_bytes()) {
					Ok(alloc::vec![*c])
				} else {
					Err(PauseError::NotPausable)
				}
			}
			None => {
				let all: Vec<_> =
					calls.iter().copied().filter(|c| pausable(pallet, c.as_bytes())).collect();
				if all.is_empty() {
					Err(PauseError::NotPausable)
				} else {
					Ok(all)
				}
			}
		}
	}

	fn full_name(pallet: &[u8], call: &str) -> Option<pallet_tx_pause::RuntimeCallNameOf<Runtime>> {
		Some((pallet.to_vec().try_into().ok()?, call.as_bytes().to_vec().try_into().ok()?))
	}
}

impl CallPauser for TxPauser {
	fn pause(pallet: &[u8], call: Option<&[u8]>) -> Result<u32, PauseError> {
		let names: Vec<_> = Self::targets(pallet, call)?
			.into_iter()
			.filter_map(|c| Self::full_name(pallet, c))
			.filter(|n| !TxPause::is_paused(n))
			.collect();
		if names.is_empty() {
			return Err(PauseError::AlreadyPaused);
		}
		let mut n = 0u32;
		for name in names {
			<TxPause as TransactionPause>::pause(name).map_err(|_| PauseError::NotPausable)?;
			n = n.saturating_add(1);
		}
		Ok(n)
	}

	fn resume(pallet: &[u8], call: Option<&[u8]>) -> Result<u32, PauseError> {
		let names: Vec<_> = Self::targets(pallet, call)?
			.into_iter()
			.filter_map(|c| Self::full_name(pallet, c))
			.filter(TxPause::is_paused)
			.collect();
		if names.is_empty() {
			return Err(PauseError::NotPaused);
		}
		let mut n = 0u32;
		for name in names {
			<TxPause as TransactionPause>::unpause(name).map_err(|_| PauseError::NotPaused)?;
			n = n.saturating_add(1);
		}
		Ok(n)
	}

	fn max_calls_per_pallet() -> u32 {
		// The largest pallet we configure (pallet-assets) has 33 calls.
		40
	}

	fn benchmark_pallet() -> &'static [u8] {
		b"Loans"
	}
}

/// Calls a frozen participant may still sign: council and membership (a frozen institution
/// still votes in governance).
pub struct CouncilCalls;
impl Contains<RuntimeCall> for CouncilCalls {
	fn contains(c: &RuntimeCall) -> bool {
		matches!(c, RuntimeCall::Council(_) | RuntimeCall::CouncilMembership(_))
	}
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = super::super::OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}
