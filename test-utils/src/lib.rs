//! # Test doubles shared by the pallets' mock runtimes
//!
//! One scripted world per test thread: roles and freezes ([`MockRoles`]), today
//! ([`MockToday`]), the notice stream ([`MockNotify`]), confidential records
//! ([`MockRecords`]) and loans ([`MockLoans`]). A pallet's `mock.rs` keeps only its own
//! runtime and wires these into it; its `build_and_execute` calls [`reset`] first.
//!
//! Accounts are `u64`, as in every mock runtime of ours. Dev-dependency only (std).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use abs_primitives::{
	DayNumber, EncryptionKey, LoanId, LoanStatus, NoticeKind, NoticeSubject, RecordId, RecordKind,
	Role, Scope, Subject,
};
use abs_traits::LoanSummary;
use sp_runtime::DispatchError;
use std::{cell::RefCell, collections::BTreeMap};

/// What the doubles answer from.
#[derive(Default)]
pub struct World {
	/// Roles held (in every scope).
	pub roles: Vec<(u64, Role)>,
	pub frozen: Vec<u64>,
	/// Registered participants (`None`: everyone is, but `unregistered`).
	pub registered: Option<Vec<u64>>,
	/// Accounts that are never participants (e.g. a pallet's escrow).
	pub unregistered: Vec<u64>,
	pub keys: BTreeMap<u64, EncryptionKey>,
	pub today: DayNumber,
	/// Notices told, in order, with the addressees resolved when they were told.
	pub notices: Vec<(NoticeSubject, DayNumber, NoticeKind, Vec<u64>)>,
	pub records: BTreeMap<RecordId, (Subject, RecordKind)>,
	/// (record, reader) pairs [`MockRecords::can_read`] answers yes to.
	pub readers: Vec<(RecordId, u64)>,
	pub loans: BTreeMap<LoanId, LoanSummary<u64>>,
	/// Status changes asked for through [`MockLoans`]: (loan, status).
	pub status_log: Vec<(LoanId, LoanStatus)>,
	/// Make [`MockLoans`]' `set_status` fail (to drive deferral paths).
	pub fail_status: bool,
	/// Loans [`MockEncumbrance`] reports as pledged.
	pub encumbered: Vec<LoanId>,
	/// Books' positions [`MockServicing`] reports.
	pub positions: BTreeMap<LoanId, abs_traits::LoanPosition>,
	/// Unsettled installments [`MockServicing`] reports.
	pub schedules: BTreeMap<LoanId, Vec<abs_traits::RemainingInstallment>>,
	/// Keyless owners (pool, trustee) [`MockEncumbrance`] reports.
	pub keyless: BTreeMap<LoanId, (u64, u64)>,
	/// Changes told to [`MockObserver`].
	pub changes: Vec<(LoanId, abs_traits::LoanChange)>,
}

thread_local! {
	static WORLD: RefCell<World> = RefCell::new(World::default());
}

/// Read or change the world.
pub fn with<R>(f: impl FnOnce(&mut World) -> R) -> R {
	WORLD.with(|w| f(&mut w.borrow_mut()))
}

/// A fresh world on `today`.
pub fn reset(today: DayNumber) {
	with(|w| *w = World { today, ..World::default() });
}

pub fn grant(who: u64, role: Role) {
	with(|w| w.roles.push((who, role)));
}
pub fn revoke(who: u64, role: Role) {
	with(|w| w.roles.retain(|x| *x != (who, role)));
}
pub fn freeze(who: u64) {
	with(|w| w.frozen.push(who));
}
pub fn unfreeze(who: u64) {
	with(|w| w.frozen.retain(|x| *x != who));
}
/// `who` is not a participant (whatever `registered` says).
pub fn unregister(who: u64) {
	with(|w| w.unregistered.push(who));
}
/// Only the listed accounts are registered from now on (and those added later).
pub fn register(who: u64) {
	with(|w| w.registered.get_or_insert_with(Vec::new).push(who));
}
pub fn set_key(who: u64, key: EncryptionKey) {
	with(|w| w.keys.insert(who, key));
}
pub fn set_today(day: DayNumber) {
	with(|w| w.today = day);
}
pub fn today() -> DayNumber {
	with(|w| w.today)
}
/// Record `id` of `kind` about `subject`.
pub fn add_record(id: RecordId, subject: Subject, kind: RecordKind) {
	with(|w| w.records.insert(id, (subject, kind)));
}
pub fn add_loan(id: LoanId, loan: LoanSummary<u64>) {
	with(|w| w.loans.insert(id, loan));
}
/// Change a stored loan.
/// Underwriting of a prime consumer loan (score 720–779, DTI 20–30 %, income verified).
pub fn prime_underwriting() -> abs_primitives::Underwriting {
	abs_primitives::Underwriting {
		credit: abs_primitives::CreditAssessment::Score(abs_primitives::ScoreBand::From720To779),
		dti: abs_primitives::DtiBand::From20To30,
		income_verified: true,
	}
}

pub fn update_loan(id: LoanId, f: impl FnOnce(&mut LoanSummary<u64>)) {
	with(|w| f(w.loans.get_mut(&id).expect("no such loan in the mock world")));
}
/// The notices told since the last call.
pub fn take_notices() -> Vec<(NoticeSubject, DayNumber, NoticeKind, Vec<u64>)> {
	with(|w| std::mem::take(&mut w.notices))
}
pub fn status_log() -> Vec<(LoanId, LoanStatus)> {
	with(|w| w.status_log.clone())
}

/// Roles as the test scripted them; every scope counts.
pub struct MockRoles;
impl abs_traits::RoleCheck<u64> for MockRoles {
	fn has_role(who: &u64, role: Role, _scope: Scope) -> bool {
		with(|w| w.roles.contains(&(*who, role)))
	}
	fn is_frozen(who: &u64) -> bool {
		with(|w| w.frozen.contains(who))
	}
	fn is_registered(who: &u64) -> bool {
		with(|w| {
			!w.unregistered.contains(who) && w.registered.as_ref().is_none_or(|r| r.contains(who))
		})
	}
	fn encryption_key(who: &u64) -> Option<EncryptionKey> {
		with(|w| w.keys.get(who).copied())
	}
	fn holders(role: Role, max: u32) -> Vec<u64> {
		with(|w| {
			w.roles.iter().filter(|(_, r)| *r == role).map(|(a, _)| *a).take(max as usize).collect()
		})
	}
}

/// Today as the test set it.
pub struct MockToday;
impl abs_traits::Today for MockToday {
	fn today() -> DayNumber {
		today()
	}
}

/// Records notices for [`take_notices`], with the addressees `A` resolves (as
/// `pallet-notices` would, bounded by `MAX`).
pub struct MockNotifyWith<A, const MAX: u32 = 16>(core::marker::PhantomData<A>);
impl<A: abs_traits::NoticeAddressees<u64>, const MAX: u32> abs_traits::Notify
	for MockNotifyWith<A, MAX>
{
	fn notify(subject: NoticeSubject, day: DayNumber, kind: NoticeKind) {
		let to = A::addressees(&subject, MAX);
		with(|w| w.notices.push((subject, day, kind, to)));
	}
}

impl<A: abs_traits::NoticeAddressees<u64>, const MAX: u32> abs_traits::NotifyAccounts<u64>
	for MockNotifyWith<A, MAX>
{
	fn notify_accounts(subject: NoticeSubject, day: DayNumber, kind: NoticeKind, to: &[u64]) {
		let mut all = to.to_vec();
		for a in A::addressees(&subject, MAX) {
			if !all.contains(&a) {
				all.push(a);
			}
		}
		with(|w| w.notices.push((subject, day, kind, all)));
	}
}

/// Nobody: notices addressed to their subject only.
pub struct NoAddressees;
impl abs_traits::NoticeAddressees<u64> for NoAddressees {
	fn addressees(_subject: &NoticeSubject, _max: u32) -> Vec<u64> {
		Vec::new()
	}
}

/// Records notices without resolving addressees.
pub type MockNotify = MockNotifyWith<NoAddressees>;

/// Confidential records as [`add_record`] made them.
pub struct MockRecords;
impl abs_traits::RecordInspect<u64> for MockRecords {
	fn subject_of(id: RecordId) -> Option<Subject> {
		with(|w| w.records.get(&id).map(|r| r.0))
	}
	fn kind_of(id: RecordId) -> Option<RecordKind> {
		with(|w| w.records.get(&id).map(|r| r.1))
	}
	fn can_read(id: RecordId, who: &u64) -> bool {
		with(|w| w.readers.contains(&(id, *who)))
	}
}

/// Give `who` an envelope of record `id` for [`MockRecords`].
pub fn add_reader(id: RecordId, who: u64) {
	with(|w| w.readers.push((id, who)));
}

/// Pledge (or release) loan `id` for [`MockEncumbrance`].
pub fn set_encumbered(id: LoanId, pledged: bool) {
	with(|w| {
		w.encumbered.retain(|l| *l != id);
		if pledged {
			w.encumbered.push(id);
		}
	})
}

/// Loan `id` sold to the keyless `pool` whose trustee is `agent` (or no longer, with `None`).
pub fn set_keyless(id: LoanId, owner_and_agent: Option<(u64, u64)>) {
	with(|w| match owner_and_agent {
		Some(x) => {
			w.keyless.insert(id, x);
		}
		None => {
			w.keyless.remove(&id);
		}
	})
}

/// Loans pledged as [`set_encumbered`] says, sold as [`set_keyless`] says.
pub struct MockEncumbrance;
impl abs_traits::LoanEncumbrance<u64> for MockEncumbrance {
	fn is_encumbered(id: LoanId) -> bool {
		with(|w| w.encumbered.contains(&id))
	}
	fn keyless_owner(id: LoanId) -> Option<abs_traits::KeylessOwner<u64>> {
		with(|w| {
			w.keyless
				.get(&id)
				.map(|(owner, agent)| abs_traits::KeylessOwner { owner: *owner, agent: *agent })
		})
	}
}

/// Records every change told, for [`take_changes`].
pub struct MockObserver;
impl abs_traits::LoanObserver for MockObserver {
	fn on_change(id: LoanId, change: &abs_traits::LoanChange) -> sp_runtime::Weight {
		with(|w| w.changes.push((id, *change)));
		<Self as abs_traits::LoanObserver>::weight()
	}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::from_parts(1_000_000, 0)
	}
}

/// The changes told to [`MockObserver`] since the last call.
pub fn take_changes() -> Vec<(LoanId, abs_traits::LoanChange)> {
	with(|w| core::mem::take(&mut w.changes))
}

/// Set loan `id`'s book position for [`MockServicing`].
pub fn set_position(id: LoanId, position: abs_traits::LoanPosition) {
	with(|w| {
		w.positions.insert(id, position);
	})
}

/// Change loan `id`'s book position (set before).
pub fn update_position(id: LoanId, f: impl FnOnce(&mut abs_traits::LoanPosition)) {
	with(|w| f(w.positions.get_mut(&id).expect("no position for the loan in the mock world")))
}

/// Loan `id`'s owner in the mock registry.
pub fn loan_owner(id: LoanId) -> Option<u64> {
	with(|w| w.loans.get(&id).map(|l| l.owner))
}

/// Books' positions as [`set_position`] set them (the same on every day).
pub struct MockServicing;
impl abs_traits::ServicingInspect for MockServicing {
	fn position(id: LoanId, _day: DayNumber) -> Option<abs_traits::LoanPosition> {
		with(|w| w.positions.get(&id).copied())
	}
	fn position_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::from_parts(1_000_000, 0)
	}
	fn remaining_installments(id: LoanId) -> Option<Vec<abs_traits::RemainingInstallment>> {
		with(|w| w.schedules.get(&id).cloned())
	}
}

/// Set loan `id`'s unsettled installments for [`MockServicing`].
pub fn set_remaining(id: LoanId, dues: Vec<abs_traits::RemainingInstallment>) {
	with(|w| {
		w.schedules.insert(id, dues);
	})
}

/// Loans as [`add_loan`] made them; status changes are applied and logged.
pub struct MockLoans;
impl abs_traits::LoanInspect<u64> for MockLoans {
	fn loan(id: LoanId) -> Option<LoanSummary<u64>> {
		with(|w| w.loans.get(&id).cloned())
	}
}
impl abs_traits::LoanLifecycle<u64> for MockLoans {
	type Error = DispatchError;
	fn set_status(
		id: LoanId,
		status: LoanStatus,
		_actor: Option<u64>,
		_data_hash: abs_primitives::Hash,
	) -> Result<(), DispatchError> {
		with(|w| {
			if w.fail_status {
				return Err(DispatchError::Other("status change refused (mock)"));
			}
			let loan = w.loans.get_mut(&id).ok_or(DispatchError::Other("no loan"))?;
			loan.status = status;
			w.status_log.push((id, status));
			Ok(())
		})
	}
	fn assign_owner(
		id: LoanId,
		to: u64,
		_actor: Option<u64>,
		_data_hash: abs_primitives::Hash,
	) -> Result<(), DispatchError> {
		with(|w| {
			let loan = w.loans.get_mut(&id).ok_or(DispatchError::Other("no loan"))?;
			loan.owner = to;
			Ok(())
		})
	}
}

/// The `frame_system`, `pallet_balances` and `pallet_assets` configs every mock runtime with
/// the stablecoin shares: `u64` accounts, `u128` balances, assets created by any signer and
/// forced by Root, no deposits. Call it in the mock after `construct_runtime!` (the mock
/// crate depends on those pallets and `frame_support`).
#[macro_export]
macro_rules! stablecoin_mock_configs {
	($runtime:ident) => {
		#[frame_support::derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for $runtime {
			type Block = frame_system::mocking::MockBlock<$runtime>;
			type AccountData = pallet_balances::AccountData<u128>;
		}

		#[frame_support::derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
		impl pallet_balances::Config for $runtime {
			type Balance = u128;
			type AccountStore = System;
		}

		#[frame_support::derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
		impl pallet_assets::Config for $runtime {
			type Balance = u128;
			type Currency = Balances;
			type CreateOrigin =
				frame_support::traits::AsEnsureOriginWithArg<frame_system::EnsureSigned<u64>>;
			type ForceOrigin = frame_system::EnsureRoot<u64>;
			type Freezer = ();
			type AssetDeposit = frame_support::traits::ConstU128<0>;
			type AssetAccountDeposit = frame_support::traits::ConstU128<0>;
			type MetadataDepositBase = frame_support::traits::ConstU128<0>;
			type MetadataDepositPerByte = frame_support::traits::ConstU128<0>;
			type ApprovalDeposit = frame_support::traits::ConstU128<0>;
		}
	};
}
