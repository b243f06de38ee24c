//! # ABS Chain primitives
//!
//! The types every crate of ABS Chain shares: account and id types, `Balance`, `Moment`,
//! rates, **day numbers** (days since 1970-01-01, the unit of all finance on the chain) with
//! the exact day ↔ calendar-date conversion, and the participant [`Role`] enum.
//!
//! `no_std`, no pallets, no floats. See `shared/domain.md` ("Time and dates", "Participants").
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod days;
pub mod disclosure;
pub mod loan;
pub mod monitor;
pub mod notice;
pub mod oracle;
pub mod rating;
pub mod role;

/// Day numbers and calendar dates (defined with the finance engine, which computes on them).
pub use abs_finance::calendar;

pub use calendar::{CalendarDate, DayNumber};
pub use disclosure::{RecordKind, Subject};
pub use loan::{
	Collateral, CollateralKind, CreditAssessment, DefaultInfo, DtiBand, LoanStatus, RecoveryNotice,
	ScoreBand, ServicingTerms, Underwriting,
};
pub use monitor::{AlertNotice, PeriodMetrics, PoolMetric, PoolMetrics, Ppb, Severity};
pub use notice::{
	Addressee, DealNotice, DealStatus, DefaultReason, NoticeKind, NoticeSubject, TrancheId,
};
pub use oracle::{OracleAnswer, OracleClass, OracleKey};
pub use rating::{tranche_id, Outlook, RatingGrade, RatingNotice};
pub use role::{Role, Scope};

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// Block number.
pub type BlockNumber = u32;
/// The signature type of every account of the chain.
pub type Signature = MultiSignature;
/// An account id: the public key behind [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account, in the token's smallest unit. The native fee token has 12 decimals,
/// the settlement stablecoin 6.
pub type Balance = u128;
/// Transaction index of an account.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;
/// Milliseconds since the Unix epoch: audit timestamps only; durations of the domain are in days.
pub type Moment = u64;
/// Id of an asset in `pallet-assets` (only the settlement stablecoin lives there).
pub type AssetId = u32;
/// Id of a loan.
pub type LoanId = u64;
/// Id of a securitization pool.
pub type PoolId = u32;
/// Id of a confidential record.
pub type RecordId = u64;
/// Id of a secondary market (one per tranche token).
pub type MarketId = u32;
/// An X25519 public key for sealed envelopes.
pub type EncryptionKey = [u8; 32];

/// An annual interest rate or any other ratio, exact to 10⁻¹⁸ (7.125 % and 19.99 % are exact).
pub type Rate = sp_arithmetic::Perquintill;
/// Basis points (1/100 of a percent), e.g. an annual servicing fee.
pub type BasisPoints = u32;

/// The settlement stablecoin's asset id in `pallet-assets`.
pub const STABLECOIN_ASSET_ID: AssetId = 1;
/// The settlement stablecoin's decimals: 1 unit = 10⁻⁶ of a currency unit.
pub const STABLECOIN_DECIMALS: u8 = 6;
/// One whole stablecoin (e.g. 1.000000 USD) in smallest units.
pub const STABLECOIN_UNIT: Balance = 1_000_000;
/// `PalletId` of the stablecoin pallet: its keyless account owns, issues, administers and
/// freezes the stablecoin.
pub const STABLECOIN_PALLET_ID: [u8; 8] = *b"abs/usda";
/// `PalletId` of the account that collects transaction fees paid in the stablecoin.
pub const FEES_PALLET_ID: [u8; 8] = *b"abs/fees";

/// The native fee token's decimals.
pub const NATIVE_DECIMALS: u8 = 12;
/// One whole native token in smallest units.
pub const NATIVE_UNIT: Balance = 1_000_000_000_000;

/// Milliseconds in a second.
pub const MILLIS_PER_SECOND: Moment = 1_000;
/// Seconds in a real calendar day.
pub const SECONDS_PER_DAY: u64 = 86_400;
