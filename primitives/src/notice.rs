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
	BucketChanged { from: u8, to: u8, dpd: u32 },
	/// The loan is current again (it was in bucket `from`).
	Cured { from: u8 },
	/// A late fee was charged on installment `installment` (0-based).
	LateFeeCharged { installment: u32, amount: Balance },
	/// The loan defaulted at `dpd` days past due; `debt` is owed (interest stopped).
	Defaulted { dpd: u32, debt: Balance },
	/// The loan was paid off.
	PaidOff,
	/// A step of the loan's recovery or restructuring.
	Recovery(RecoveryNotice),
}

/// Who a client asks notices for: an account (the notices addressed to it) or a subject (every
/// notice about it).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum Addressee<AccountId> {
	Account(AccountId),
	Subject(NoticeSubject),
}
