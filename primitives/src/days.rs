//! Driving day-keyed queues from a cursor, bounded per block.
//!
//! Time-driven work (expiries, checkpoints) is indexed by day number; a hook works through the
//! days from its cursor up to today, at most `max_days` days and `budget` items per block,
//! never skipping a day and never processing one twice. The cursor carries over.

use crate::DayNumber;
use codec::FullCodec;
use frame_support::{
	storage::{IterableStorageDoubleMap, StorageValue},
	traits::Get,
	weights::RuntimeDbWeight,
};

/// A queue of work keyed by day (or by block: any `u32` that only moves forward), worked
/// through from a stored cursor by [`walk_days`]: every time-driven hook of the chain is one.
/// An implementation names its storage (the cursor, the index of a day's items), what one item
/// costs and does, and its bounds; the provided methods do the rest — reading the index, the
/// cursor, the walk, the per-block budget and the weight — the same way for every hook.
pub trait DayQueue {
	/// An item of the index (e.g. a loan id): the index's second key.
	type Item: FullCodec;
	/// The index: `(day, item) → ()`.
	type Index: IterableStorageDoubleMap<DayNumber, Self::Item, ()>;
	/// The cursor: the first day not finished (`None` before the first run).
	type Cursor: StorageValue<DayNumber, Query = Option<DayNumber>>;
	/// The database weights the cursor's read and write are charged at.
	type DbWeight: Get<RuntimeDbWeight>;

	/// Work one item of `day` (it leaves the day's index, or moves to a later key); returns
	/// its weight.
	fn process(day: DayNumber, item: Self::Item) -> sp_runtime::Weight;
	/// Most days walked per block.
	fn max_days() -> u32;
	/// Most items per block.
	fn budget() -> u32;
	/// The weight of reading a day's items (per day walked).
	fn step_weight() -> sp_runtime::Weight;
	/// The worst-case weight of one item.
	fn item_weight() -> sp_runtime::Weight;

	/// Up to `n` items indexed on `day`.
	fn due(day: DayNumber, n: u32) -> alloc::vec::Vec<Self::Item> {
		Self::Index::iter_key_prefix(day).take(usize::try_from(n).unwrap_or(usize::MAX)).collect()
	}
	/// Whether `day` has no item left.
	fn is_done(day: DayNumber) -> bool {
		Self::Index::iter_key_prefix(day).next().is_none()
	}
	fn cursor() -> Option<DayNumber> {
		Self::Cursor::get()
	}
	fn set_cursor(day: DayNumber) {
		Self::Cursor::put(day)
	}
	/// One storage read and one write (the cursor's).
	fn cursor_read() -> sp_runtime::Weight {
		Self::DbWeight::get().reads(1)
	}
	fn cursor_write() -> sp_runtime::Weight {
		Self::DbWeight::get().writes(1)
	}

	/// Work the queue up to `today` (0: the clock has not started; nothing to do): the first
	/// run only sets the cursor (nothing can be due before the first day the chain knows).
	/// Returns the weight used.
	fn run(today: DayNumber) -> sp_runtime::Weight {
		Self::run_with_budget(today, Self::budget())
	}

	/// [`DayQueue::run`] with at most `budget` items.
	fn run_with_budget(today: DayNumber, budget: u32) -> sp_runtime::Weight {
		let mut weight = Self::cursor_read();
		if today == 0 {
			return weight;
		}
		let Some(start) = Self::cursor() else {
			Self::set_cursor(today);
			return weight.saturating_add(Self::cursor_write());
		};
		let next = walk_days(start, today, Self::max_days(), budget, |day, budget| {
			weight = weight.saturating_add(Self::step_weight());
			let due = Self::due(day, budget);
			let used = u32::try_from(due.len()).unwrap_or(u32::MAX);
			for item in due {
				weight = weight.saturating_add(Self::process(day, item));
			}
			(used, Self::is_done(day))
		});
		if next != start {
			Self::set_cursor(next);
			weight = weight.saturating_add(Self::cursor_write());
		}
		weight
	}

	/// How many items (at most [`DayQueue::budget`]) fit in `room` at their worst case, after
	/// the cursor and the days' steps: a hook runs that many rather than skip the block when
	/// its full budget does not fit.
	fn budget_within(room: sp_runtime::Weight) -> u32 {
		let fixed = walk_weight_bound(
			Self::cursor_read().saturating_add(Self::cursor_write()),
			Self::step_weight(),
			Self::max_days(),
			sp_runtime::Weight::zero(),
			0,
		);
		let Some(left) = room.checked_sub(&fixed) else { return 0 };
		let item = Self::item_weight();
		let fit = |have: u64, each: u64| have.checked_div(each).unwrap_or(u64::MAX);
		let n =
			fit(left.ref_time(), item.ref_time()).min(fit(left.proof_size(), item.proof_size()));
		u32::try_from(n).unwrap_or(u32::MAX).min(Self::budget())
	}

	/// The most [`DayQueue::run`] uses in one block.
	fn weight_bound() -> sp_runtime::Weight {
		walk_weight_bound(
			Self::cursor_read().saturating_add(Self::cursor_write()),
			Self::step_weight(),
			Self::max_days(),
			Self::item_weight(),
			Self::budget(),
		)
	}
}

/// The most a [`walk_days`] hook uses in one block: its cursor read and write (`cursor_rw`),
/// one `step` per day walked (`max_days`, plus the one it stops on) and one `item` per item
/// (`budget`).
pub fn walk_weight_bound(
	cursor_rw: sp_runtime::Weight,
	step: sp_runtime::Weight,
	max_days: u32,
	item: sp_runtime::Weight,
	budget: u32,
) -> sp_runtime::Weight {
	cursor_rw
		.saturating_add(step.saturating_mul(u64::from(max_days).saturating_add(1)))
		.saturating_add(item.saturating_mul(u64::from(budget)))
}

/// Walk days from `cursor` to `today` (inclusive): `take(day, budget_left)` processes up to
/// `budget_left` items of `day` and returns `(items processed, whether the day is finished)`.
/// Stops after `max_days` days, when the budget is spent with the day unfinished, or past
/// today. Returns the new cursor: the first day not finished.
pub fn walk_days(
	cursor: DayNumber,
	today: DayNumber,
	max_days: u32,
	mut budget: u32,
	mut take: impl FnMut(DayNumber, u32) -> (u32, bool),
) -> DayNumber {
	let mut day = cursor;
	let mut days = 0u32;
	while day <= today && days < max_days {
		let (used, finished) = take(day, budget);
		budget = budget.saturating_sub(used);
		if !finished {
			break;
		}
		day = day.saturating_add(1);
		days = days.saturating_add(1);
	}
	day
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn walks_in_order_within_bounds() {
		// Items per day: day 10 has 3, day 11 none, day 12 has 2.
		let mut left = [3u32, 0, 2];
		let mut log = Vec::new();
		let mut step = |budget: u32| {
			walk_days(10 + log.iter().filter(|(_, f)| *f).count() as u32, 12, 2, budget, |d, b| {
				let i = (d - 10) as usize;
				let n = left[i].min(b);
				left[i] -= n;
				log.push((d, left[i] == 0));
				(n, left[i] == 0)
			})
		};
		assert_eq!(step(2), 10, "two of day 10's three, day unfinished");
		assert_eq!(step(2), 12, "the last of day 10, empty day 11, then max_days = 2");
		assert_eq!(step(2), 13, "day 12 done");
		assert_eq!(left, [0, 0, 0]);
		// Nothing past today.
		assert_eq!(walk_days(13, 12, 5, 10, |_, _| unreachable!()), 13);
	}
}
