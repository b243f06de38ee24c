//! Participant roles of `shared/domain.md` (Participants).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// A participant's role. **The order is the on-chain encoding: append, never reorder.**
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
pub enum Role {
	/// Bank / lender: proposes loans, funds them, owns them until sold.
	Originator,
	/// Person or company: accepts loan terms, pays.
	Borrower,
	/// Collects and manages payments, restructures, runs collections, starts enforcement.
	Servicer,
	/// Issuer: builds the securitization, creates pools, buys loans into them, defines tranches.
	Sponsor,
	/// Pool administrator / cash custodian: runs payment dates, publishes pool reports.
	Trustee,
	/// KYC-verified holder of securities.
	Investor,
	/// Rates tranches, runs monitors, issues rating actions.
	RatingAgency,
	/// Receives delinquency notices for the loans it follows.
	CreditBureau,
	/// Publishes collateral values and reference prices.
	OracleFeeder,
	/// Acknowledges and carries out enforcement orders on collateral.
	CollateralAgent,
	/// Identity verifier delegated by governance: grants and revokes Borrower and Investor.
	KycProvider,
	/// Supervisor: a key to every record, halts markets, freezes participants.
	Regulator,
	/// External auditor: read access granted per record.
	Auditor,
}

impl Role {
	/// Every role, in encoding order.
	pub const ALL: [Role; 13] = [
		Role::Originator,
		Role::Borrower,
		Role::Servicer,
		Role::Sponsor,
		Role::Trustee,
		Role::Investor,
		Role::RatingAgency,
		Role::CreditBureau,
		Role::OracleFeeder,
		Role::CollateralAgent,
		Role::KycProvider,
		Role::Regulator,
		Role::Auditor,
	];

	/// Roles a KYC provider grants; every other role is institutional (granted by governance).
	pub fn is_kyc_granted(self) -> bool {
		matches!(self, Role::Borrower | Role::Investor)
	}
}

/// Where a role applies: everywhere (a licence), or one loan, pool or market.
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
pub enum Scope {
	/// Everywhere: a licence.
	Global,
	/// One loan.
	Loan(crate::LoanId),
	/// One securitization pool.
	Pool(crate::PoolId),
	/// One secondary market.
	Market(crate::MarketId),
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

	#[test]
	fn encoding_follows_the_domain_table_order() {
		for (i, role) in Role::ALL.iter().enumerate() {
			assert_eq!(role.encode(), vec![u8::try_from(i).unwrap()]);
		}
		assert_eq!(Role::Auditor.encode(), vec![12]);
		assert!(Role::Borrower.is_kyc_granted() && Role::Investor.is_kyc_granted());
		assert!(!Role::Originator.is_kyc_granted() && !Role::Regulator.is_kyc_granted());
	}
}
