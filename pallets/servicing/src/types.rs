//! Stored types of the servicing pallet.

use abs_finance::{InstallmentState, LateFee, Terms};
use abs_primitives::{Balance, DayNumber, Hash};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec, CloneNoBound, DebugNoBound, PartialEqNoBound};
use scale_info::TypeInfo;

/// Delinquency buckets of `shared/domain.md`: 0 current, 1: 1–29 dpd, 2: 30–59, 3: 60–89,
/// 4: 90+.
pub fn bucket_of(dpd: u32) -> u8 {
	match dpd {
		0 => 0,
		1..=29 => 1,
		30..=59 => 2,
		60..=89 => 3,
		_ => 4,
	}
}

/// The dpd at which each bucket starts, after bucket 0.
pub const BUCKET_STARTS: [u32; 4] = [1, 30, 60, 90];

/// An installment as stored: compact integers, so that unpaid fields (zero) take one byte and
/// amounts the bytes they need.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct StoredInstallment {
	#[codec(compact)]
	pub due: DayNumber,
	#[codec(compact)]
	pub interest: Balance,
	#[codec(compact)]
	pub principal: Balance,
	#[codec(compact)]
	pub paid_interest: Balance,
	#[codec(compact)]
	pub paid_principal: Balance,
	#[codec(compact)]
	pub late_fee: Balance,
	#[codec(compact)]
	pub paid_late_fee: Balance,
}

impl From<InstallmentState> for StoredInstallment {
	fn from(i: InstallmentState) -> Self {
		StoredInstallment {
			due: i.due,
			interest: i.interest,
			principal: i.principal,
			paid_interest: i.paid_interest,
			paid_principal: i.paid_principal,
			late_fee: i.late_fee,
			paid_late_fee: i.paid_late_fee,
		}
	}
}

impl From<StoredInstallment> for InstallmentState {
	fn from(i: StoredInstallment) -> Self {
		InstallmentState {
			due: i.due,
			interest: i.interest,
			principal: i.principal,
			paid_interest: i.paid_interest,
			paid_principal: i.paid_principal,
			late_fee: i.late_fee,
			paid_late_fee: i.paid_late_fee,
		}
	}
}

/// A loan's book as stored: the terms, the level payment and the installments with what was
/// paid against them (the finance engine's [`abs_finance::Loan`]).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxInstallments))]
pub struct Book<MaxInstallments: Get<u32>> {
	pub terms: Terms,
	#[codec(compact)]
	pub payment: Balance,
	pub start: DayNumber,
	pub installments: BoundedVec<StoredInstallment, MaxInstallments>,
}

impl<M: Get<u32>> Book<M> {
	/// The finance engine's view.
	pub fn to_engine(&self) -> abs_finance::Loan {
		abs_finance::Loan {
			terms: self.terms,
			payment: self.payment,
			start: self.start,
			installments: self.installments.iter().map(|i| (*i).into()).collect(),
		}
	}

	/// From the finance engine's view; `None` if it has more installments than the bound.
	pub fn from_engine(l: &abs_finance::Loan) -> Option<Self> {
		let v: Vec<StoredInstallment> = l.installments.iter().map(|i| (*i).into()).collect();
		Some(Book {
			terms: l.terms,
			payment: l.payment,
			start: l.start,
			installments: BoundedVec::try_from(v).ok()?,
		})
	}
}

/// Where a loan is in servicing.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Phase {
	/// Active or delinquent: payments allocated, checkpoints driven by the hook.
	Performing,
	/// Defaulted at the threshold on `on` with `debt`: interest stopped; only the full debt
	/// is accepted.
	Defaulted { on: DayNumber, debt: Balance },
	/// Paid off.
	Closed,
}

/// A serviced loan's state.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ServicingState<AccountId> {
	/// The originator (credit bureaus may follow all of an originator's loans).
	pub originator: AccountId,
	/// Days after a due date before the late fee.
	pub grace_days: u32,
	pub late_fee: LateFee,
	/// Days past due at which the loan defaults.
	pub default_threshold_days: u32,
	/// Annual servicing fee in basis points.
	pub servicing_fee_bps: u32,
	pub phase: Phase,
	/// Current delinquency bucket (see [`bucket_of`]).
	pub bucket: u8,
	/// The day of the loan's next checkpoint (indexed in `Checkpoints`), while performing.
	pub next_checkpoint: Option<DayNumber>,
	/// Number of payment records.
	pub payments: u32,
	/// Sum of all payments.
	pub paid: Balance,
	/// What the owner received of them.
	pub to_owner: Balance,
	/// What the servicer received of them (servicing fees and late fees).
	pub to_servicer: Balance,
	/// Late fees charged so far.
	pub late_fees_charged: Balance,
	/// Schedule version: 0 at origination, +1 per restructuring (older books in
	/// `BookVersions`).
	pub version: u32,
	/// The servicer's fees capitalized by a restructuring (unpaid late fees, servicing fees
	/// on unpaid interest): paid to the servicer first out of what later payments bring the
	/// owner.
	pub servicer_arrears: Balance,
}

/// How a payment reached the loan.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum PaymentSource {
	/// In the stablecoin, moved by this pallet in the same extrinsic.
	OnChain,
	/// Received off-chain and recorded by the servicer with a reference hash; no money moved
	/// on chain.
	OffChain { reference: Hash },
}

/// A payment record attached to a loan.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PaymentRecord<AccountId, BlockNumber> {
	/// Who paid (for off-chain payments: the servicer who recorded it).
	pub payer: AccountId,
	pub source: PaymentSource,
	pub amount: Balance,
	/// Scheduled interest paid.
	pub interest: Balance,
	/// Scheduled principal paid.
	pub principal: Balance,
	/// Late fees paid.
	pub late_fees: Balance,
	/// Principal prepaid ahead of schedule.
	pub prepayment: Balance,
	/// Servicing fee taken from the interest paid.
	pub servicing_fee: Balance,
	/// To the loan's owner: `amount − to_servicer`.
	pub to_owner: Balance,
	/// Capitalized servicer fees recovered (see `ServicingState::servicer_arrears`).
	pub servicer_arrears: Balance,
	/// To the servicer: `late_fees + servicing_fee + servicer_arrears`.
	pub to_servicer: Balance,
	/// Whether it closed the loan.
	pub closed: bool,
	pub day: DayNumber,
	pub block: BlockNumber,
	/// Block timestamp (ms).
	pub timestamp: u64,
}

/// What a notice says (shared by every pallet's notices).
pub use abs_primitives::NoticeKind;

/// New terms proposed by the servicer (the principal is the capitalized arrears).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct RestructureTerms {
	/// Annual rate in parts per 10¹⁸.
	pub annual_rate: abs_finance::RatePpq,
	/// Number of monthly periods.
	pub periods: u32,
	pub amortization: abs_finance::Amortization,
	pub day_count: abs_finance::DayCount,
	/// First due date of the new schedule (after today).
	pub first_due: abs_finance::CalendarDate,
}

/// An off-chain payoff of a defaulted loan recorded by its servicer, awaiting the owner's
/// confirmation (no money moved on chain: the owner says whether it received it).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PendingPayoff<AccountId> {
	pub servicer: AccountId,
	/// The debt, paid in full off chain.
	pub amount: Balance,
	/// Hash of the payment's reference (bank transfer id, receipt).
	pub reference: Hash,
	/// Day recorded.
	pub day: DayNumber,
}

/// A restructuring awaiting approval.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PendingRestructuring<AccountId> {
	pub terms: RestructureTerms,
	pub proposed_by: AccountId,
	pub proposed_on: DayNumber,
	/// The owner who approved (an approval by a previous owner does not count).
	pub owner_approval: Option<AccountId>,
	pub borrower_approved: bool,
}

/// Days processed by the hook in one block and checkpoints it evaluated (for weights).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct HookWork {
	pub days: u32,
	pub checkpoints: u32,
}

/// What is due on a day.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DueView {
	/// The day asked about (today for the servicing view).
	pub day: DayNumber,
	/// The default day once defaulted: the amounts below stand as of it (interest stopped),
	/// while `day` and `days_past_due` move on.
	pub default_day: Option<DayNumber>,
	pub days_past_due: u32,
	pub bucket: u8,
	/// Unpaid interest and principal of installments due before the day.
	pub overdue: Balance,
	/// Unpaid late fees.
	pub late_fees: Balance,
	/// The current installment (first due on or after the day): index, due day, unpaid
	/// interest + principal.
	pub current: Option<(u32, DayNumber, Balance)>,
	/// What brings the loan current on the day: overdue + late fees + the current
	/// installment if it falls due that day.
	pub due_now: Balance,
	/// What closes the loan on the day (the debt once defaulted).
	pub payoff: Balance,
}
