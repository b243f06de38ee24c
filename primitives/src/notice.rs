//! Notices: what the chain tells participants, as one stream for every pallet
//! (`pallet-notices`). A notice has a subject (a loan, pool, tranche or market) and a kind; it
//! is addressed to accounts (a loan's borrower, owner, servicer and following bureaus) or to
//! its subject alone (a tranche's holders are never listed: they follow the tranche).

use crate::{Balance, LoanId, MarketId, PoolId, RecoveryNotice};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Id of a tranche (a pool's security).
pub type TrancheId = u32;

/// What a notice is about.
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
pub enum NoticeSubject {
	Loan(LoanId),
	Pool(PoolId),
	Tranche(TrancheId),
	Market(MarketId),
}

/// What happened. This enum only grows: new kinds are appended, never reordered, so that an
/// old client still decodes the kinds it knows.
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
pub enum NoticeKind {
	/// The loan entered delinquency bucket `to` (from `from`) at `dpd` days past due.
	BucketChanged {
		from: u8,
		to: u8,
		dpd: u32,
	},
	/// The loan is current again (it was in bucket `from`).
	Cured {
		from: u8,
	},
	/// A late fee was charged on installment `installment` (0-based).
	LateFeeCharged {
		installment: u32,
		amount: Balance,
	},
	/// The loan defaulted at `dpd` days past due; `debt` is owed (interest stopped).
	Defaulted {
		dpd: u32,
		debt: Balance,
	},
	/// The loan was paid off.
	PaidOff,
	/// A step of the loan's recovery or restructuring.
	Recovery(RecoveryNotice),
	/// A pool's trigger, status or event of default (subject: the pool).
	Deal(DealNotice),
	/// An agency's rating action on a tranche (subjects: the pool and the tranche).
	Rating(crate::RatingNotice),
	Alert(crate::AlertNotice),
}

/// Which waterfall a closed pool runs.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum DealStatus {
	/// As structured.
	#[default]
	Normal,
	/// A trigger is breached: principal is paid sequentially.
	Sequential,
	/// After an event of default (final: never cured).
	Accelerated,
}

/// Why a pool's event of default happened.
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
pub enum DefaultReason {
	/// The most senior tranche outstanding was not paid its interest in full.
	SeniorInterestUnpaid { tranche: u8, shortfall: Balance },
	/// A tranche's final legal maturity passed with face outstanding.
	FinalMaturityPassed { tranche: u8, outstanding: Balance },
}

/// What happened to a pool on a payment date.
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
pub enum DealNotice {
	/// Trigger `trigger` (its index in the deal) failed: value and limit in parts per 10⁹.
	TriggerBreached { trigger: u8, value_ppb: u64, limit_ppb: u64 },
	/// Trigger `trigger` passes again.
	TriggerCured { trigger: u8, value_ppb: u64, limit_ppb: u64 },
	/// The pool runs another waterfall from the next payment date.
	StatusChanged { from: DealStatus, to: DealStatus },
	/// An event of default: the pool is accelerated.
	EventOfDefault(DefaultReason),
}

/// Who a client asks notices for: an account (the notices addressed to it) or a subject (every
/// notice about it).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum Addressee<AccountId> {
	Account(AccountId),
	Subject(NoticeSubject),
}
