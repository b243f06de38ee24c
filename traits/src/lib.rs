//! # ABS Chain traits
//!
//! The glue between our pallets. A pallet that needs something from another names a trait from
//! here in its `Config`; the runtime wires the implementation in `runtime/src/configs/`. No
//! pallet crate of ours depends on another pallet crate of ours.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use abs_primitives::{
	DayNumber, EncryptionKey, LoanId, LoanStatus, RecordId, Role, Scope, Subject,
};

/// The chain's *today*: the day number (days since 1970-01-01) the finance of the chain runs on.
///
/// Implemented by `pallet-clock`: `genesis_day + (now − genesis_time) / DayLength`.
pub trait Today {
	/// Today's day number as of the current block.
	fn today() -> DayNumber;
}

/// A fixed day, for tests and for runtimes without a clock.
pub struct FixedDay<const D: DayNumber>;
impl<const D: DayNumber> Today for FixedDay<D> {
	fn today() -> DayNumber {
		D
	}
}

/// "May this account do this?" — answered by `pallet-roles` for every other pallet.
///
/// A role is held in a scope if the participant has an unexpired grant of it in that scope or
/// globally (a global role is a licence). Expired grants stop counting on their expiry day,
/// whether or not the expiry hook has run.
pub trait RoleCheck<AccountId> {
	/// Whether `who` holds `role` in `scope` today (frozen or not).
	fn has_role(who: &AccountId, role: Role, scope: Scope) -> bool;
	/// Whether `who` is frozen by the regulator (a frozen participant signs none of our calls).
	fn is_frozen(who: &AccountId) -> bool;
	/// Whether `who` is a registered participant.
	fn is_registered(who: &AccountId) -> bool;
	/// The participant's current X25519 key for sealed envelopes.
	fn encryption_key(who: &AccountId) -> Option<EncryptionKey>;
	/// Every participant holding `role` globally today, up to `max` (for e.g. "all regulators").
	fn holders(role: Role, max: u32) -> alloc::vec::Vec<AccountId>;

	/// Holds `role` in `scope` and is not frozen: may act in that capacity.
	fn may_act_as(who: &AccountId, role: Role, scope: Scope) -> bool {
		!Self::is_frozen(who) && Self::has_role(who, role, scope)
	}

	/// Holds a licence to service loan `loan_id` (frozen or not): a Servicer for the loan or
	/// globally, or its `originator` servicing its own loan under its Originator licence.
	fn licensed_to_service(who: &AccountId, loan_id: LoanId, originator: &AccountId) -> bool
	where
		AccountId: PartialEq,
	{
		Self::has_role(who, Role::Servicer, Scope::Loan(loan_id))
			|| (who == originator && Self::has_role(who, Role::Originator, Scope::Global))
	}
}

/// Confidential records as other pallets see them (implemented by `pallet-disclosures`).
pub trait RecordInspect<AccountId> {
	/// The subject of record `id`, if it exists.
	fn subject_of(id: RecordId) -> Option<Subject>;
	/// The kind of record `id`, if it exists.
	fn kind_of(id: RecordId) -> Option<abs_primitives::RecordKind>;
	/// Whether `who` holds an envelope of record `id` sealed to its current key.
	fn can_read(id: RecordId, who: &AccountId) -> bool;
}

/// Who may pass a loan's confidential record on, besides its owner (implemented by the
/// runtime from the pools and the ratings pallets): a pooled loan's seller to the pool's
/// trustee, and the trustee to the rating agencies the pool names. Read access flows down the
/// securitization's tiers, never sideways.
pub trait ReadDelegation<AccountId> {
	/// Whether `who` may give `reader` an envelope of record `record` of loan `loan`.
	fn may_pass_on(who: &AccountId, loan: LoanId, record: RecordId, reader: &AccountId) -> bool;
	/// The worst-case weight of [`Self::may_pass_on`].
	fn weight() -> sp_runtime::Weight;
}

/// Nobody but a record's owner passes it on.
impl<AccountId> ReadDelegation<AccountId> for () {
	fn may_pass_on(_: &AccountId, _: LoanId, _: RecordId, _: &AccountId) -> bool {
		false
	}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// A loan as other pallets see it (implemented by `pallet-loans`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LoanSummary<AccountId> {
	/// Who proposed and funded it.
	pub originator: AccountId,
	pub owner: AccountId,
	pub borrower: AccountId,
	pub servicer: AccountId,
	pub status: LoanStatus,
	pub principal: abs_primitives::Balance,
	/// The settlement asset.
	pub asset: abs_primitives::AssetId,
	/// What servicing needs of the terms.
	pub terms: abs_primitives::ServicingTerms,
	/// Day it became Active (`None` for proposals).
	pub activated_on: Option<DayNumber>,
	/// The collateral (kind, identifier hash, appraisal at origination).
	pub collateral: abs_primitives::Collateral,
	/// The underwriting bands (score or grade, DTI) the loan was originated on.
	pub underwriting: abs_primitives::Underwriting,
	/// Who signs for a keyless owner (a pool's Trustee for a pooled loan).
	pub owner_agent: Option<AccountId>,
	/// The borrower's confidential records the loan was proposed with.
	pub records: alloc::vec::Vec<RecordId>,
}

impl<AccountId: PartialEq> LoanSummary<AccountId> {
	/// Whether `who` acts as the loan's owner: the owner itself, or the agent of a keyless
	/// owner (a pool's trustee).
	pub fn acts_for_owner(&self, who: &AccountId) -> bool {
		self.owner == *who || self.owner_agent.as_ref() == Some(who)
	}
}

/// Read access to loans.
pub trait LoanInspect<AccountId> {
	/// Summary of loan `id`.
	fn loan(id: LoanId) -> Option<LoanSummary<AccountId>>;
}

/// A loan's owner that has no key (a closed pool's account) and the account that signs every
/// owner action for it (the pool's Trustee).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct KeylessOwner<AccountId> {
	pub owner: AccountId,
	pub agent: AccountId,
}

/// Pledges and sales of loans into pools, as the loans pallet sees them. Implemented by
/// `pallet-pools`.
pub trait LoanEncumbrance<AccountId> {
	/// Whether the loan's owner may not change it: contributed to a pool that has not closed
	/// (a transfer of ownership and a change of servicer are refused), or sold to a pool whose
	/// ownership entry is not yet written.
	fn is_encumbered(id: LoanId) -> bool;
	/// The loan's owner if it was sold to a pool at its closing (from that instant, even
	/// before the loan's own record is rewritten), with the pool's trustee as its agent.
	fn keyless_owner(id: LoanId) -> Option<KeylessOwner<AccountId>>;
}

impl<AccountId> LoanEncumbrance<AccountId> for () {
	fn is_encumbered(_id: LoanId) -> bool {
		false
	}
	fn keyless_owner(_id: LoanId) -> Option<KeylessOwner<AccountId>> {
		None
	}
}

/// What changed on a loan's book in one unit of work (a payment, a checkpoint, a
/// restructuring, a recovery), as servicing and recovery tell the loan's pool.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LoanChange {
	pub day: DayNumber,
	/// Interest received for the owner (net of the servicing fee; late fees are the
	/// servicer's and never appear here).
	pub interest: abs_primitives::Balance,
	/// Scheduled principal received.
	pub principal: abs_primitives::Balance,
	/// Unscheduled principal received (prepayment, or the principal of a payoff).
	pub prepayment: abs_primitives::Balance,
	/// Recovery proceeds paid to the owner (collateral sale).
	pub recovery: abs_primitives::Balance,
	/// Principal written off as a loss.
	pub loss: abs_primitives::Balance,
	/// Outstanding principal before and after.
	pub principal_before: abs_primitives::Balance,
	pub principal_after: abs_primitives::Balance,
	/// Delinquency bucket before and after (0 current, 1 = 1–29 dpd, 2 = 30–59, 3 = 60–89,
	/// 4 = 90+).
	pub bucket_before: u8,
	pub bucket_after: u8,
	/// The loan's status before and after.
	pub status_before: LoanStatus,
	pub status_after: LoanStatus,
	/// The terms changed (restructuring).
	pub restructured: bool,
	/// Remaining installments after.
	pub remaining_installments: u32,
	/// The annual rate after (parts per 10¹⁸; a restructuring may change it).
	pub rate: u64,
	/// The scheduled interest + principal of the next unsettled installment after (0 when
	/// none is left): the pool's expected collections.
	pub installment: abs_primitives::Balance,
	/// The due day of the last installment after (a restructuring may move it).
	pub maturity: DayNumber,
}

impl LoanChange {
	/// Nothing a pool counts changed.
	pub fn is_empty(&self) -> bool {
		self.interest == 0
			&& self.principal == 0
			&& self.prepayment == 0
			&& self.recovery == 0
			&& self.loss == 0
			&& self.principal_before == self.principal_after
			&& self.bucket_before == self.bucket_after
			&& self.status_before == self.status_after
			&& !self.restructured
	}
}

/// Told by servicing and recovery of every change on a loan's book, in the same extrinsic or
/// hook (implemented by `pallet-pools`, which keeps its pools' collections and performance).
/// A loan in no pool costs one read.
pub trait LoanObserver {
	/// Returns the weight it used (at most [`Self::weight`]), for the caller's refund.
	fn on_change(id: LoanId, change: &LoanChange) -> sp_runtime::Weight;
	/// The worst-case weight of [`Self::on_change`].
	fn weight() -> sp_runtime::Weight;
}

impl LoanObserver for () {
	fn on_change(_id: LoanId, _change: &LoanChange) -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// A funded loan's position in its book on a day, as servicing keeps it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct LoanPosition {
	/// Principal not yet repaid (scheduled or not).
	pub outstanding_principal: abs_primitives::Balance,
	/// Days past due of the oldest unpaid installment.
	pub days_past_due: u32,
	/// Installments not yet settled.
	pub remaining_installments: u32,
	/// Scheduled interest + principal of the next unsettled installment.
	pub installment: abs_primitives::Balance,
	/// Due day of the last installment.
	pub maturity: DayNumber,
	/// Interest owed on the day: unpaid interest of overdue installments and interest
	/// accrued since the last due day (what a payoff adds to the principal, fees aside).
	pub interest_owed: abs_primitives::Balance,
}

/// Read access to servicing: where a loan's book stands. Implemented by `pallet-servicing`.
pub trait ServicingInspect {
	/// Loan `id`'s position on `day` (`None` if servicing does not hold its book).
	fn position(id: LoanId, day: DayNumber) -> Option<LoanPosition>;
	/// The worst-case weight of [`Self::position`].
	fn position_weight() -> sp_runtime::Weight;
	/// Loan `id`'s unsettled installments in order, if it performs (for projections, read
	/// by runtime APIs only; `None` for a defaulted or closed loan or one not serviced).
	fn remaining_installments(_id: LoanId) -> Option<alloc::vec::Vec<RemainingInstallment>> {
		None
	}
}

/// What an unsettled installment still owes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RemainingInstallment {
	pub due: DayNumber,
	pub principal: abs_primitives::Balance,
	/// Interest unpaid, the servicing fee included.
	pub interest: abs_primitives::Balance,
	/// The servicing fee the unpaid interest carries.
	pub servicing_fee: abs_primitives::Balance,
}

/// Changes of a loan's status and its audit trail, made by other pallets (servicing, pools);
/// the loans pallet owns the status and the history.
pub trait LoanLifecycle<AccountId> {
	/// Error type of the loans pallet.
	type Error;
	/// Move loan `id` to `status` (the loans pallet checks the transition), recording `actor`
	/// and the hash of the data behind the change in the loan's history.
	fn set_status(
		id: LoanId,
		status: LoanStatus,
		actor: Option<AccountId>,
		data_hash: abs_primitives::Hash,
	) -> Result<(), Self::Error>;
	/// Record that loan `id` now belongs to `to` (a pool's closing): the owner, its index and
	/// an entry in the loan's history, with `actor` and the data hash.
	fn assign_owner(
		id: LoanId,
		to: AccountId,
		actor: Option<AccountId>,
		data_hash: abs_primitives::Hash,
	) -> Result<(), Self::Error>;
}

/// Told by the loans pallet when a loan becomes Active (implemented by `pallet-servicing`,
/// which computes and stores the schedule). Runs inside the accepting extrinsic: an error
/// reverts the acceptance.
pub trait OnLoanActivated {
	/// Loan `id` is now Active.
	fn on_activated(id: LoanId) -> Result<(), sp_runtime::DispatchError>;
	/// The worst-case weight of [`Self::on_activated`].
	fn weight() -> sp_runtime::Weight;
}

impl OnLoanActivated for () {
	fn on_activated(_id: LoanId) -> Result<(), sp_runtime::DispatchError> {
		Ok(())
	}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// Defaulted loans as recovery sees them (implemented by `pallet-servicing`).
pub trait DefaultedLoans<AccountId> {
	/// The default of loan `id`, if it is in default (and not paid off).
	fn defaulted(id: LoanId) -> Option<abs_primitives::DefaultInfo>;
	/// Recovery ended (collateral sold or written off): servicing closes the loan's book; no
	/// payment is accepted after.
	fn close_after_recovery(id: LoanId) -> Result<(), sp_runtime::DispatchError>;
}

/// Told by servicing when a defaulted loan is paid off in full (implemented by
/// `pallet-recovery`: it cancels any auction and refunds the bids in the same extrinsic).
pub trait OnDefaultCured {
	/// Loan `id` was paid off.
	fn on_paid_off(id: LoanId) -> Result<(), sp_runtime::DispatchError>;
	/// The worst-case weight of [`Self::on_paid_off`].
	fn weight() -> sp_runtime::Weight;
}

impl OnDefaultCured for () {
	fn on_paid_off(_id: LoanId) -> Result<(), sp_runtime::DispatchError> {
		Ok(())
	}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// Why a call could not be paused or resumed (the chain-wide halt of `pallet-roles`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PauseError {
	/// No pallet of that name in the runtime.
	UnknownPallet,
	/// No call of that name in the pallet.
	UnknownCall,
	/// The call (or every call of the pallet) is never pausable.
	NotPausable,
	/// Already paused (every pausable call of the pallet, for a pallet-wide halt).
	AlreadyPaused,
	/// Not paused (no call of the pallet, for a pallet-wide resume).
	NotPaused,
}

/// Pauses and resumes calls by name, as the runtime's call filter sees them (implemented by the
/// runtime over `pallet-tx-pause`). `call = None` means every call of the pallet.
pub trait CallPauser {
	/// Pause; returns how many calls were newly paused.
	fn pause(pallet: &[u8], call: Option<&[u8]>) -> Result<u32, PauseError>;
	/// Resume; returns how many calls were resumed.
	fn resume(pallet: &[u8], call: Option<&[u8]>) -> Result<u32, PauseError>;
	/// Most calls one pallet has (bounds the weight of a pallet-wide pause).
	fn max_calls_per_pallet() -> u32;
	/// A pallet whose calls are all pausable, for benchmarks of a pallet-wide halt.
	fn benchmark_pallet() -> &'static [u8] {
		b""
	}
}

/// Administration of the settlement stablecoin's accounts, done by the asset's keyless admin
/// account on behalf of the governance origin (implemented by the runtime over `pallet-assets`).
pub trait StablecoinAccounts<AccountId> {
	/// `None` if `who` has no stablecoin account, else whether it is frozen.
	fn is_frozen(who: &AccountId) -> Option<bool>;
	/// Freeze `who`'s stablecoin account: it can no longer send.
	fn freeze(who: &AccountId) -> sp_runtime::DispatchResult;
	/// Thaw `who`'s stablecoin account.
	fn thaw(who: &AccountId) -> sp_runtime::DispatchResult;
}

/// The chain's one notice stream (implemented by `pallet-notices`): any pallet tells the
/// participants concerned what happened to a subject. Addressees are resolved once, by the
/// notices pallet; the caller names only the subject, the day and the kind.
pub trait Notify {
	/// A notice about `subject` dated `day`.
	fn notify(
		subject: abs_primitives::NoticeSubject,
		day: DayNumber,
		kind: abs_primitives::NoticeKind,
	);
}

/// A notice addressed to named accounts as well as to its subject's addressees (implemented by
/// `pallet-notices`): an agency's alert about a pool reaches the agency's own subscription.
pub trait NotifyAccounts<AccountId>: Notify {
	/// A notice about `subject` dated `day`, also to `to`.
	fn notify_accounts(
		subject: abs_primitives::NoticeSubject,
		day: DayNumber,
		kind: abs_primitives::NoticeKind,
		to: &[AccountId],
	);
}

/// Who a notice about a subject is addressed to (implemented by the runtime from the pallets
/// that know: a loan's borrower, owner and servicer from the loans pallet, its followers from
/// servicing). A subject whose notices go to its followers by subject returns nobody.
pub trait NoticeAddressees<AccountId> {
	/// The accounts, at most `max`, each once.
	fn addressees(subject: &abs_primitives::NoticeSubject, max: u32) -> alloc::vec::Vec<AccountId>;
}

/// The credit bureaus following a loan, directly or through its originator (implemented by
/// `pallet-servicing`).
pub trait LoanFollowers<AccountId> {
	/// Followers of loan `id` and of its originator.
	fn followers(id: LoanId) -> alloc::vec::Vec<AccountId>;
}

/// The addressees of a loan's notices: its borrower, owner and servicer (from `L`) and the
/// credit bureaus following it or its originator (from `F`), each once, at most `max`. Other
/// subjects have none (they are followed by subject). The runtime uses it with the loans and
/// servicing pallets.
pub struct LoanAddressees<L, F>(core::marker::PhantomData<(L, F)>);
impl<A: Clone + PartialEq, L: LoanInspect<A>, F: LoanFollowers<A>> NoticeAddressees<A>
	for LoanAddressees<L, F>
{
	fn addressees(subject: &abs_primitives::NoticeSubject, max: u32) -> alloc::vec::Vec<A> {
		let abs_primitives::NoticeSubject::Loan(id) = subject else {
			return alloc::vec::Vec::new();
		};
		let Some(loan) = L::loan(*id) else { return alloc::vec::Vec::new() };
		let mut out: alloc::vec::Vec<A> = alloc::vec::Vec::new();
		let all = [loan.borrower, loan.owner, loan.servicer].into_iter().chain(F::followers(*id));
		for a in all {
			if out.len() >= max as usize {
				break;
			}
			if !out.contains(&a) {
				out.push(a);
			}
		}
		out
	}
}

/// Tranches as other pallets see them (implemented by `pallet-pools`).
pub trait TrancheInspect {
	/// Whether pool `pool` has tranche `tranche`.
	fn tranche_exists(pool: abs_primitives::PoolId, tranche: u8) -> bool;
}

/// The valuation oracle's answers (implemented by `pallet-oracle`): a value only while it is
/// fresh, otherwise why not.
pub trait ValuationOracle {
	/// The value of loan `loan`'s collateral.
	fn collateral_value(loan: LoanId) -> abs_primitives::OracleAnswer;
	/// Tranche `tranche` of pool `pool`'s price per unit of outstanding (parts per 10⁹).
	fn tranche_price(pool: abs_primitives::PoolId, tranche: u8) -> abs_primitives::OracleAnswer;
	/// The weight of one answer.
	fn read_weight() -> sp_runtime::Weight;
}

/// Told when a feed leaves a key with a fresh answer (implemented by `pallet-recovery`: an
/// auction waiting for its collateral's value opens).
pub trait OnOracleValue {
	/// Key `key` now answers `value` (fresh).
	fn on_fresh(
		key: abs_primitives::OracleKey,
		value: abs_primitives::Balance,
	) -> sp_runtime::DispatchResult;
	/// The worst-case weight of [`Self::on_fresh`].
	fn weight() -> sp_runtime::Weight;
}

impl OnOracleValue for () {
	fn on_fresh(
		_: abs_primitives::OracleKey,
		_: abs_primitives::Balance,
	) -> sp_runtime::DispatchResult {
		Ok(())
	}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// An oracle that has no feeders for anything (every answer `Unconfigured`).
impl ValuationOracle for () {
	fn collateral_value(_: LoanId) -> abs_primitives::OracleAnswer {
		abs_primitives::OracleAnswer::Unconfigured
	}
	fn tranche_price(_: abs_primitives::PoolId, _: u8) -> abs_primitives::OracleAnswer {
		abs_primitives::OracleAnswer::Unconfigured
	}
	fn read_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// A pool's sponsor (implemented by `pallet-pools`).
pub trait PoolSponsor<AccountId> {
	/// The sponsor of pool `pool`, if it exists.
	fn sponsor(pool: abs_primitives::PoolId) -> Option<AccountId>;
}

/// Told by `pallet-pools` of its pools' metrics (implemented by `pallet-ratings`, whose
/// agencies' monitors read them): after every change of a closed pool's performance, in the
/// same extrinsic or hook, and when a collection period closes.
pub trait PoolMonitor {
	/// Pool `pool`'s metrics changed (`metrics.period` is `None`). Returns the weight used.
	fn on_change(
		pool: abs_primitives::PoolId,
		metrics: &abs_primitives::PoolMetrics,
	) -> sp_runtime::Weight;
	/// Pool `pool`'s collection period `metrics.period_index` closed. Returns the weight used.
	fn on_period_close(
		pool: abs_primitives::PoolId,
		metrics: &abs_primitives::PoolMetrics,
	) -> sp_runtime::Weight;
	/// Pool `pool` ended: its open alerts are cleared. Returns the weight used.
	fn on_pool_ended(pool: abs_primitives::PoolId) -> sp_runtime::Weight;
	/// The worst-case weight of any of these calls (every rule a pool may hold evaluated, and
	/// each raising or clearing an alert).
	fn weight() -> sp_runtime::Weight;
}

impl PoolMonitor for () {
	fn on_change(_: abs_primitives::PoolId, _: &abs_primitives::PoolMetrics) -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
	fn on_period_close(
		_: abs_primitives::PoolId,
		_: &abs_primitives::PoolMetrics,
	) -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
	fn on_pool_ended(_: abs_primitives::PoolId) -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}
