use crate::{mock::*, CurrentDay, Event};
use abs_traits::Today;
use frame_support::traits::OnTimestampSet;

const DAY_MS: u64 = 86_400_000;

#[test]
fn first_timestamp_starts_the_clock_on_its_calendar_day() {
	build_and_execute(86_400, None, || {
		// 2026-11-26 12:00 UTC = day 20,783 (1,795,651,200 s at midnight).
		let noon = 1_795_651_200_000 + DAY_MS / 2;
		Clock::on_timestamp_set(noon);
		assert_eq!(Clock::today(), 20_783);
		System::assert_last_event(
			Event::ClockStarted {
				genesis_time: noon,
				genesis_day: 20_783,
				day_length_secs: 86_400,
			}
			.into(),
		);
		// Days are counted from the first block's time, not from midnight.
		Clock::on_timestamp_set(noon + DAY_MS - 1);
		assert_eq!(Clock::today(), 20_783);
		Clock::on_timestamp_set(noon + DAY_MS);
		assert_eq!(Clock::today(), 20_784);
		System::assert_last_event(Event::DayAdvanced { from: 20_783, to: 20_784 }.into());
	});
}

#[test]
fn short_days_pass_several_per_block() {
	build_and_execute(1, Some(20_000), || {
		assert_eq!(Clock::today(), 20_000);
		Clock::on_timestamp_set(5_000);
		assert_eq!(Clock::today(), 20_000);
		// 3 s later with 1 s days: three days in one block, one event.
		Clock::on_timestamp_set(8_000);
		assert_eq!(Clock::today(), 20_003);
		System::assert_last_event(Event::DayAdvanced { from: 20_000, to: 20_003 }.into());
		let events = System::events().len();
		// Same day again: nothing written, no event.
		Clock::on_timestamp_set(8_999);
		assert_eq!(CurrentDay::<Test>::get(), 20_003);
		assert_eq!(System::events().len(), events);
		assert_eq!(Clock::info(), Some((5_000, 20_000, 1, 20_003)));
	});
}

#[test]
fn day_at_is_floor_of_elapsed_days() {
	build_and_execute(86_400, None, || {
		assert_eq!(Clock::day_at(1_000, 7, 1_000), 7);
		assert_eq!(Clock::day_at(1_000, 7, 1_000 + 2 * DAY_MS - 1), 8);
		assert_eq!(Clock::day_at(1_000, 7, 1_000 + 2 * DAY_MS), 9);
		// A timestamp before the start never yields an earlier day.
		assert_eq!(Clock::day_at(1_000, 7, 0), 7);
	});
}

#[test]
#[should_panic(expected = "day_length_secs must not be zero")]
fn zero_day_length_is_refused_at_genesis() {
	build_and_execute(0, None, || {});
}
