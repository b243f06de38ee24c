//! Types of confidential records shared by the disclosures pallet, its runtime API and clients.

use crate::{Hash, LoanId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// What a record is about: a borrower (by identity commitment, before a loan exists) or a loan.
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
pub enum Subject {
	/// A borrower's identity commitment (hash of identity data and a salt).
	Commitment(Hash),
	/// A loan.
	Loan(LoanId),
}

/// Kind of document.
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
pub enum RecordKind {
	/// Identity documents.
	Identity,
	IncomeProof,
	TaxRecord,
	BankStatement,
	BalanceSheet,
	Appraisal,
	CreditReport,
	Agreement,
	Other,
}

impl RecordKind {
	/// The kind's name, as clients show it.
	pub const fn name(&self) -> &'static str {
		match self {
			RecordKind::Identity => "Identity",
			RecordKind::IncomeProof => "IncomeProof",
			RecordKind::TaxRecord => "TaxRecord",
			RecordKind::BankStatement => "BankStatement",
			RecordKind::BalanceSheet => "BalanceSheet",
			RecordKind::Appraisal => "Appraisal",
			RecordKind::CreditReport => "CreditReport",
			RecordKind::Agreement => "Agreement",
			RecordKind::Other => "Other",
		}
	}
}
