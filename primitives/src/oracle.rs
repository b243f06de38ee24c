//! The valuation oracle's keys and answers (`pallet-oracle`; read by recovery, the market and
//! clients).

use crate::{Balance, CollateralKind, DayNumber, LoanId, PoolId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// A class of oracle keys: each has its own feeders, quorum and maximum age.
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
pub enum OracleClass {
	/// The value of loans' collateral of one kind (appraisers of vehicles, of real estate…).
	Collateral(CollateralKind),
	/// Tranches' fair prices.
	TranchePrice,
}

/// What an oracle value is of.
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
pub enum OracleKey {
	/// The collateral of a loan, in the stablecoin's smallest units (class: its kind).
	Collateral(LoanId),
	/// A tranche's price per unit of its outstanding face, parts per 10⁹ (class:
	/// [`OracleClass::TranchePrice`]).
	Tranche { pool: PoolId, tranche: u8 },
}

/// An oracle's answer for a key, computed when it is read: a value only while enough of the
/// class's feeders have fed it recently, and otherwise why not — never a silently old value.
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
pub enum OracleAnswer {
	/// At least the quorum of the class's current feeders fed the key within its maximum
	/// age: the median of those values (an even count takes the lower middle one), how many
	/// there are, and their dispersion (max − min) ÷ median in parts per 10⁹.
	Fresh { value: Balance, feeders: u32, dispersion_ppb: u64 },
	/// Fewer current feeders than the quorum have fed the key at all.
	NoQuorum { feeders: u32, quorum: u32 },
	/// Enough have, but fewer than the quorum within the maximum age (`newest`: the day of
	/// the newest value).
	Stale { fresh: u32, quorum: u32, newest: DayNumber },
	/// The key's class has no feeders set.
	Unconfigured,
}

impl OracleAnswer {
	/// The value, if fresh.
	pub fn fresh_value(&self) -> Option<Balance> {
		match self {
			OracleAnswer::Fresh { value, .. } => Some(*value),
			_ => None,
		}
	}
}
