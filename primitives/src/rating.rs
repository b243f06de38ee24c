//! Tranche ratings (`pallet-ratings`): the grade scale and outlooks, shared with notices.

use crate::{PoolId, TrancheId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// A rating grade: a notch of the 22-notch scale of [`crate::CreditAssessment::Grade`]
/// (1 = AAA … 22 = D), not rated, or withdrawn.
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
pub enum RatingGrade {
	Notch(u8),
	NotRated,
	Withdrawn,
}

impl RatingGrade {
	/// Whether a notch is on the scale (1–22); NR and WR always are.
	pub fn is_valid(&self) -> bool {
		match self {
			RatingGrade::Notch(n) => (1..=22).contains(n),
			_ => true,
		}
	}
}

/// Where the agency sees the grade going.
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
pub enum Outlook {
	Positive,
	Stable,
	Negative,
	Developing,
}

/// A rating action as its notice carries it (subjects: the pool and the tranche).
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
pub struct RatingNotice {
	pub tranche: u8,
	pub grade: RatingGrade,
	pub outlook: Outlook,
	pub watch: bool,
}

/// The notice subject id of tranche `tranche` of pool `pool`: `pool × 256 + tranche`.
pub fn tranche_id(pool: PoolId, tranche: u8) -> TrancheId {
	pool.saturating_mul(256).saturating_add(u32::from(tranche))
}
