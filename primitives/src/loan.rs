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

impl CollateralKind {
	/// Its place in declaration order (0–6): a stratification table's column.
	pub const fn index(self) -> u8 {
		match self {
			CollateralKind::None => 0,
			CollateralKind::Vehicle => 1,
			CollateralKind::RealEstate => 2,
			CollateralKind::Equipment => 3,
			CollateralKind::Receivables => 4,
			CollateralKind::Securities => 5,
			CollateralKind::Other => 6,
		}
	}
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
	/// A salted commitment to the identifier (VIN, land registry number…):
	/// `blake2_256(salt ‖ identifier)` with a random 32-byte salt kept, with the identifier, in
	/// a confidential record. A bare hash of a VIN is enumerable; the salted one is not.
	pub identifier_hash: crate::Hash,
	/// Appraised value in the stablecoin.
	pub appraised_value: Balance,
	/// Day of the appraisal.
	pub appraisal_day: crate::DayNumber,
}

/// A consumer credit score's band, as it is stored on chain (the exact score is in the
/// confidential underwriting record). Pools reuse the bands for eligibility and strats.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum ScoreBand {
	/// Below 580.
	Below580,
	/// 580–619.
	From580To619,
	/// 620–659.
	From620To659,
	/// 660–719.
	From660To719,
	/// 720–779.
	From720To779,
	/// 780 and above.
	From780,
}

impl ScoreBand {
	/// The band of an exact score (clients compute it before proposing).
	pub const fn of(score: u16) -> Self {
		match score {
			0..=579 => ScoreBand::Below580,
			580..=619 => ScoreBand::From580To619,
			620..=659 => ScoreBand::From620To659,
			660..=719 => ScoreBand::From660To719,
			720..=779 => ScoreBand::From720To779,
			_ => ScoreBand::From780,
		}
	}

	/// Its place, lowest band first (0–5): a stratification table's column.
	pub const fn index(self) -> u8 {
		match self {
			ScoreBand::Below580 => 0,
			ScoreBand::From580To619 => 1,
			ScoreBand::From620To659 => 2,
			ScoreBand::From660To719 => 3,
			ScoreBand::From720To779 => 4,
			ScoreBand::From780 => 5,
		}
	}
}

/// A debt-to-income ratio's band, as it is stored on chain (the exact ratio is in the
/// confidential underwriting record). Bounds are in percent, lower bound inclusive.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum DtiBand {
	/// Below 20 %.
	Below20,
	/// 20 % to below 30 %.
	From20To30,
	/// 30 % to below 36 %.
	From30To36,
	/// 36 % to below 43 %.
	From36To43,
	/// 43 % to below 50 %.
	From43To50,
	/// 50 % and above.
	From50,
}

impl DtiBand {
	/// The band of an exact ratio in basis points (3,500 = 35 %).
	pub const fn of_bps(bps: u32) -> Self {
		match bps {
			0..=1_999 => DtiBand::Below20,
			2_000..=2_999 => DtiBand::From20To30,
			3_000..=3_599 => DtiBand::From30To36,
			3_600..=4_299 => DtiBand::From36To43,
			4_300..=4_999 => DtiBand::From43To50,
			_ => DtiBand::From50,
		}
	}

	/// Its place, lowest band first (0–5): a stratification table's column.
	pub const fn index(self) -> u8 {
		match self {
			DtiBand::Below20 => 0,
			DtiBand::From20To30 => 1,
			DtiBand::From30To36 => 2,
			DtiBand::From36To43 => 3,
			DtiBand::From43To50 => 4,
			DtiBand::From50 => 5,
		}
	}
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
	/// A consumer credit score's band (the score itself, e.g. 300–850, stays off chain).
	Score(ScoreBand),
	/// A corporate rating grade, 1 (best, AAA) to 22 (D).
	Grade(u8),
}

/// The underwriting summary of a loan, as it is stored on chain: bands, not the exact values,
/// which live in the confidential underwriting record.
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
	/// Debt-to-income band.
	pub dti: DtiBand,
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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn bands_follow_the_published_cut_offs() {
		// The cut-offs of issue 13 (score: FICO-style tiers; DTI: the 36 % and 43 % lines of
		// US mortgage underwriting), each side of every boundary.
		let scores = [
			(0, ScoreBand::Below580),
			(579, ScoreBand::Below580),
			(580, ScoreBand::From580To619),
			(619, ScoreBand::From580To619),
			(620, ScoreBand::From620To659),
			(659, ScoreBand::From620To659),
			(660, ScoreBand::From660To719),
			(719, ScoreBand::From660To719),
			(720, ScoreBand::From720To779),
			(779, ScoreBand::From720To779),
			(780, ScoreBand::From780),
			(850, ScoreBand::From780),
		];
		for (s, b) in scores {
			assert_eq!(ScoreBand::of(s), b, "score {s}");
		}
		let dtis = [
			(0, DtiBand::Below20),
			(1_999, DtiBand::Below20),
			(2_000, DtiBand::From20To30),
			(2_999, DtiBand::From20To30),
			(3_000, DtiBand::From30To36),
			(3_599, DtiBand::From30To36),
			(3_600, DtiBand::From36To43),
			(4_299, DtiBand::From36To43),
			(4_300, DtiBand::From43To50),
			(4_999, DtiBand::From43To50),
			(5_000, DtiBand::From50),
			(u32::MAX, DtiBand::From50),
		];
		for (d, b) in dtis {
			assert_eq!(DtiBand::of_bps(d), b, "dti {d} bps");
		}
	}
}
