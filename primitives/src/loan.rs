//! Loan types shared by the loans pallet, the pallets that act on loans (servicing, pools)
//! through `abs-traits`, runtime APIs and clients.

use crate::Balance;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// A loan's status (`shared/domain.md`, Loan lifecycle). The loans pallet owns it; other
/// pallets change it through `LoanLifecycle`.
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
	Serialize,
	Deserialize,
)]
pub enum LoanStatus {
	/// Proposed by the originator, principal escrowed, awaiting the borrower.
	Proposed,
	/// Withdrawn before acceptance; escrow refunded.
	Withdrawn,
	/// Expired before acceptance; escrow refunded.
	Expired,
	/// Accepted and funded; performing.
	Active,
	/// Active with missed installments: days past due.
	Delinquent(u32),
	/// Paid off.
	PaidOff,
	/// Defaulted at the threshold.
	Defaulted,
	/// Collateral being enforced.
	InRecovery,
	/// Recovery finished.
	Recovered,
	/// Written off.
	WrittenOff,
}

impl LoanStatus {
	/// Funded and not closed: Active or Delinquent.
	pub fn is_performing(&self) -> bool {
		matches!(self, LoanStatus::Active | LoanStatus::Delinquent(_))
	}
}

/// Kind of collateral.
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
	Serialize,
	Deserialize,
)]
pub enum CollateralKind {
	None,
	Vehicle,
	RealEstate,
	Equipment,
	Receivables,
	Securities,
	Other,
}

/// The collateral of a loan.
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
	Serialize,
	Deserialize,
)]
pub struct Collateral {
	pub kind: CollateralKind,
	/// Hash of the identifier (VIN, land registry number…).
	pub identifier_hash: crate::Hash,
	/// Appraised value in the stablecoin.
	pub appraised_value: Balance,
	/// Day of the appraisal.
	pub appraisal_day: crate::DayNumber,
}

/// Credit assessment of the borrower.
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
	Serialize,
	Deserialize,
)]
pub enum CreditAssessment {
	/// A consumer credit score (e.g. 300–850).
	Score(u16),
	/// A corporate rating grade, 1 (best, AAA) to 22 (D).
	Grade(u8),
}

/// The underwriting summary of a loan.
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
	Serialize,
	Deserialize,
)]
pub struct Underwriting {
	pub credit: CreditAssessment,
	/// Debt-to-income in basis points (3,500 = 35 %).
	pub dti_bps: u32,
	pub income_verified: bool,
}

/// What servicing needs of a loan's terms: the schedule's terms for the finance engine and the
/// delinquency and fee parameters.
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
	Serialize,
	Deserialize,
)]
pub struct ServicingTerms {
	/// The schedule's terms (principal, rate, periods, amortization, day count, first due).
	pub schedule: abs_finance::Terms,
	/// Days after a due date before the late fee.
	pub grace_days: u32,
	/// The late fee charged once per missed installment on `due + grace + 1`.
	pub late_fee: abs_finance::LateFee,
	/// Days past due at which the loan defaults.
	pub default_threshold_days: u32,
	/// Annual servicing fee in basis points.
	pub servicing_fee_bps: u32,
}

/// A step of a defaulted loan's recovery that its borrower, owner, servicer and credit bureaus
/// are told about (carried by the servicing pallet's notices).
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
	Serialize,
	Deserialize,
)]
pub enum RecoveryNotice {
	/// The servicer ordered the collateral's enforcement.
	EnforcementOrdered,
	/// The collateral agent acknowledged the order.
	OrderAcknowledged,
	/// The collateral's auction opened (round 1, or 2 for the relisting) with this reserve,
	/// ending at this block unless extended.
	AuctionOpened { round: u8, reserve: Balance, ends_at: u32 },
	/// The auction settled: sold for `price`; the owner bears `loss`.
	AuctionSettled { price: Balance, loss: Balance },
	/// No bid in either round: title to the owner, written off with `loss` (= the debt).
	WrittenOff { loss: Balance },
	/// A full payoff before settlement cancelled the auction; bids refunded.
	AuctionCancelled,
	/// The loan was restructured (new schedule version `version`, `capitalized` arrears).
	Restructured { version: u32, capitalized: Balance },
}

/// A defaulted loan as recovery sees it (from servicing).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DefaultInfo {
	/// The day it defaulted.
	pub day: crate::DayNumber,
	/// The debt (interest stopped).
	pub debt: Balance,
	/// What of the debt the servicer is owed: unpaid late fees and the servicing fee on the
	/// unpaid interest.
	pub servicer_fees: Balance,
}
