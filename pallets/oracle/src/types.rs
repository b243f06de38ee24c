//! The oracle's stored types.

use crate::Config;
use abs_primitives::{Balance, DayNumber, OracleKey};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// A class's feeders.
pub type FeederSet<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxFeeders>;

/// A class's feeder set, quorum and maximum age.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxFeeders))]
pub struct ClassConfig<AccountId, MaxFeeders: Get<u32>> {
	pub feeders: BoundedVec<AccountId, MaxFeeders>,
	/// Fresh values needed for an answer.
	pub quorum: u32,
	/// A value fed on day `d` is fresh through day `d + max_age_days − 1`.
	pub max_age_days: u32,
}

pub type ClassConfigOf<T> =
	ClassConfig<<T as frame_system::Config>::AccountId, <T as Config>::MaxFeeders>;

/// One feeder's value for a key.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Feed<AccountId, BlockNumber> {
	pub feeder: AccountId,
	pub value: Balance,
	/// The day and block it was fed.
	pub day: DayNumber,
	pub block: BlockNumber,
}

pub type FeedOf<T> = Feed<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// A key's values.
pub type FeedsOf<T> = BoundedVec<FeedOf<T>, <T as Config>::MaxFeeders>;

/// One feed's deviation from the median it produced.
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
pub struct Deviation {
	pub day: DayNumber,
	pub key: OracleKey,
	/// (value − median) ÷ median, parts per 10⁹.
	pub deviation_ppb: i64,
}

/// A feeder's newest deviations in a class: a ring of `Max` entries, `next` the slot the next
/// one overwrites once it is full.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(Max))]
pub struct DeviationLog<Max: Get<u32>> {
	pub entries: BoundedVec<Deviation, Max>,
	pub next: u32,
	/// Feeds recorded in all (the ring keeps the newest).
	pub total: u32,
}

impl<Max: Get<u32>> Default for DeviationLog<Max> {
	fn default() -> Self {
		Self { entries: BoundedVec::default(), next: 0, total: 0 }
	}
}

impl<Max: Get<u32>> DeviationLog<Max> {
	/// Record a deviation, overwriting the oldest once full.
	pub fn push(&mut self, day: DayNumber, key: OracleKey, deviation_ppb: i64) {
		let d = Deviation { day, key, deviation_ppb };
		self.total = self.total.saturating_add(1);
		if self.entries.try_push(d).is_ok() {
			return;
		}
		if let Some(slot) = self.entries.get_mut(self.next as usize) {
			*slot = d;
		}
		self.next = self.next.saturating_add(1).checked_rem(Max::get()).unwrap_or(0);
	}

	/// The entries, oldest first.
	pub fn ordered(&self) -> alloc::vec::Vec<Deviation> {
		let n = self.entries.len();
		let start = (self.next as usize).min(n);
		self.entries.iter().skip(start).chain(self.entries.iter().take(start)).copied().collect()
	}

	/// Their mean deviation, in parts per 10⁹ (0 if none).
	pub fn mean_ppb(&self) -> i64 {
		let n = i128::try_from(self.entries.len()).unwrap_or(1).max(1);
		let sum =
			self.entries.iter().fold(0i128, |a, d| a.saturating_add(i128::from(d.deviation_ppb)));
		i64::try_from(sum.checked_div(n).unwrap_or(0)).unwrap_or(0)
	}
}

pub type DeviationLogOf<T> = DeviationLog<<T as Config>::MaxDeviations>;
