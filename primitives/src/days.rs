//! Driving day-keyed queues from a cursor, bounded per block.
//!
//! Time-driven work (expiries, checkpoints) is indexed by day number; a hook works through the
//! days from its cursor up to today, at most `max_days` days and `budget` items per block,
//! never skipping a day and never processing one twice. The cursor carries over.

use crate::DayNumber;

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
