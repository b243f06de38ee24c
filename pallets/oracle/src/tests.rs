//! The oracle: feeder sets, feeds and answers computed at read time. The expected medians are
//! worked out in the comments from the values fed.

// Test arithmetic on small known amounts: an overflow would be a failed test.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, Classes, Deviations, Error, Event, Feeds};
use abs_primitives::{CollateralKind, OracleAnswer, OracleClass, OracleKey, Role};
use frame_support::{assert_noop, assert_ok, BoundedVec};

const VEHICLES: OracleClass = OracleClass::Collateral(CollateralKind::Vehicle);
const KEY: OracleKey = OracleKey::Collateral(CAR);

fn set(class: OracleClass, feeders: &[u64], quorum: u32, max_age_days: u32) {
	assert_ok!(Oracle::set_feeders(
		RuntimeOrigin::root(),
		class,
		BoundedVec::truncate_from(feeders.to_vec()),
		quorum,
		max_age_days
	));
}

fn feed(who: u64, key: OracleKey, value: u128) -> sp_runtime::DispatchResult {
	Oracle::feed(RuntimeOrigin::signed(who), key, value)
}

fn next_block() {
	System::set_block_number(System::block_number() + 1);
}

#[test]
fn governance_sets_a_class_with_typed_refusals() {
	build_and_execute(|| {
		let set_ = |f: Vec<u64>, q: u32, age: u32| {
			Oracle::set_feeders(
				RuntimeOrigin::root(),
				VEHICLES,
				BoundedVec::truncate_from(f),
				q,
				age,
			)
		};
		assert_noop!(
			Oracle::set_feeders(
				RuntimeOrigin::signed(F1),
				VEHICLES,
				BoundedVec::truncate_from(vec![F1]),
				1,
				30
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(set_(vec![], 1, 30), Error::<Test>::NoFeeders);
		assert_noop!(set_(vec![F1, F2, F1], 1, 30), Error::<Test>::DuplicateFeeder);
		assert_noop!(set_(vec![F1, F2], 0, 30), Error::<Test>::ZeroQuorum);
		assert_noop!(set_(vec![F1, F2], 3, 30), Error::<Test>::QuorumAboveFeeders);
		assert_noop!(set_(vec![F1, F2], 2, 0), Error::<Test>::ZeroMaxAge);
		assert_ok!(set_(vec![F1, F2, F3], 2, 30));
		System::assert_last_event(
			Event::FeedersSet {
				class: VEHICLES,
				feeders: BoundedVec::truncate_from(vec![F1, F2, F3]),
				quorum: 2,
				max_age_days: 30,
				removed: 0,
			}
			.into(),
		);
		assert_eq!(Classes::<Test>::get(VEHICLES).unwrap().quorum, 2);
	});
}

#[test]
fn only_a_licensed_unfrozen_member_feeds_a_known_key_once_a_block() {
	build_and_execute(|| {
		assert_noop!(feed(F1, KEY, 1_000), Error::<Test>::ClassNotConfigured);
		set(VEHICLES, &[F1, F2, F3], 2, 30);
		assert_noop!(feed(NOBODY, KEY, 1_000), Error::<Test>::NotLicensed);
		// F4 is licensed but not in the vehicles' set.
		assert_noop!(feed(F4, KEY, 1_000), Error::<Test>::NotInFeederSet);
		// The house is real estate: a class with no set.
		assert_noop!(
			feed(F1, OracleKey::Collateral(HOUSE), 1_000),
			Error::<Test>::ClassNotConfigured
		);
		assert_noop!(feed(F1, OracleKey::Collateral(77), 1_000), Error::<Test>::UnknownLoan);
		assert_noop!(
			feed(F1, OracleKey::Tranche { pool: 7, tranche: 1 }, 1_000),
			Error::<Test>::UnknownTranche
		);
		assert_noop!(feed(F1, KEY, 0), Error::<Test>::ZeroValue);
		freeze(F2);
		assert_noop!(feed(F2, KEY, 1_000), Error::<Test>::NotLicensed);
		revoke(F3, Role::OracleFeeder);
		assert_noop!(feed(F3, KEY, 1_000), Error::<Test>::NotLicensed);

		assert_ok!(feed(F1, KEY, 1_000));
		System::assert_last_event(
			Event::Fed { key: KEY, feeder: F1, value: 1_000, median: 1_000, deviation_ppb: 0 }
				.into(),
		);
		assert_noop!(feed(F1, KEY, 1_010), Error::<Test>::AlreadyFed);
		// The next block it may correct itself: its value is replaced, not added.
		next_block();
		assert_ok!(feed(F1, KEY, 1_010));
		assert_eq!(Feeds::<Test>::get(KEY).len(), 1);
		assert_eq!(Feeds::<Test>::get(KEY)[0].value, 1_010);
	});
}

#[test]
fn the_answer_is_the_lower_median_of_fresh_values_with_its_dispersion() {
	build_and_execute(|| {
		set(VEHICLES, &[F1, F2, F3, F4], 2, 30);
		assert_eq!(Oracle::answer(KEY), OracleAnswer::NoQuorum { feeders: 0, quorum: 2 });
		assert_ok!(feed(F1, KEY, 1_000));
		assert_eq!(Oracle::answer(KEY), OracleAnswer::NoQuorum { feeders: 1, quorum: 2 });
		assert_ok!(feed(F2, KEY, 1_100));
		// Two values: the lower middle is 1,000; dispersion (1,100 − 1,000) ÷ 1,000 = 10 %.
		assert_eq!(
			Oracle::answer(KEY),
			OracleAnswer::Fresh { value: 1_000, feeders: 2, dispersion_ppb: 100_000_000 }
		);
		assert_ok!(feed(F3, KEY, 1_050));
		// Three: 1,000, 1,050, 1,100 → 1,050; dispersion 100 ÷ 1,050 = 9.5238095 %.
		assert_eq!(
			Oracle::answer(KEY),
			OracleAnswer::Fresh { value: 1_050, feeders: 3, dispersion_ppb: 95_238_095 }
		);
		// The listener (recovery) heard each fresh answer: none before the quorum.
		assert_eq!(heard(), vec![(KEY, 1_000), (KEY, 1_050)]);
		assert_ok!(feed(F4, KEY, 1_020));
		// Four: 1,000, 1,020, 1,050, 1,100 → the lower middle, 1,020.
		assert_eq!(Oracle::answer(KEY).fresh_value(), Some(1_020));
		// F4's deviation from the median its feed produced: 0; F2's at its feed: +10 %.
		assert_eq!(Deviations::<Test>::get(VEHICLES, F4).ordered()[0].deviation_ppb, 0);
		assert_eq!(Deviations::<Test>::get(VEHICLES, F2).ordered()[0].deviation_ppb, 100_000_000);
	});
}

#[test]
fn an_old_value_is_never_answered_as_current() {
	build_and_execute(|| {
		set(VEHICLES, &[F1, F2, F3], 2, 30);
		assert_ok!(feed(F1, KEY, 1_000));
		assert_ok!(feed(F2, KEY, 1_010));
		// Fed on TODAY, fresh through TODAY + 29.
		set_today(TODAY + 29);
		assert_eq!(Oracle::answer(KEY).fresh_value(), Some(1_000));
		set_today(TODAY + 30);
		assert_eq!(Oracle::answer(KEY), OracleAnswer::Stale { fresh: 0, quorum: 2, newest: TODAY });
		// One fresh value is not a quorum: still stale, with the newest day.
		next_block();
		assert_ok!(feed(F3, KEY, 1_005));
		assert_eq!(
			Oracle::answer(KEY),
			OracleAnswer::Stale { fresh: 1, quorum: 2, newest: TODAY + 30 }
		);
		next_block();
		assert_ok!(feed(F1, KEY, 1_002));
		// Fresh again: 1,002 and 1,005 → 1,002.
		assert_eq!(Oracle::answer(KEY).fresh_value(), Some(1_002));
	});
}

#[test]
fn a_value_far_from_the_others_is_refused() {
	build_and_execute(|| {
		set(VEHICLES, &[F1, F2, F3], 2, 30);
		assert_ok!(feed(F1, KEY, 1_000));
		assert_ok!(feed(F2, KEY, 1_100));
		// The others' median is 1,000 (lower middle): 1,200 is exactly 20 % away (allowed),
		// 1,201 is more, and so is 799.
		assert_noop!(feed(F3, KEY, 1_201), Error::<Test>::TooDispersed);
		assert_noop!(feed(F3, KEY, 799), Error::<Test>::TooDispersed);
		assert_ok!(feed(F3, KEY, 1_200));
		// Stale values do not anchor the check: 40 days on, anything goes.
		set_today(TODAY + 40);
		next_block();
		assert_ok!(feed(F1, KEY, 5_000));
	});
}

#[test]
fn a_removed_feeder_stops_counting_at_once_and_is_purged_at_the_next_feed() {
	build_and_execute(|| {
		set(VEHICLES, &[F1, F2, F3], 2, 30);
		assert_ok!(feed(F1, KEY, 1_000));
		assert_ok!(feed(F2, KEY, 1_100));
		assert_eq!(Oracle::answer(KEY).fresh_value(), Some(1_000));
		// F1 leaves the set: its value no longer counts; its deviation log is gone.
		set(VEHICLES, &[F2, F3], 2, 30);
		System::assert_last_event(
			Event::FeedersSet {
				class: VEHICLES,
				feeders: BoundedVec::truncate_from(vec![F2, F3]),
				quorum: 2,
				max_age_days: 30,
				removed: 1,
			}
			.into(),
		);
		assert_eq!(Oracle::answer(KEY), OracleAnswer::NoQuorum { feeders: 1, quorum: 2 });
		assert_eq!(Deviations::<Test>::get(VEHICLES, F1).total, 0);
		assert_noop!(feed(F1, KEY, 1_000), Error::<Test>::NotInFeederSet);
		assert_ok!(feed(F3, KEY, 1_090));
		assert_eq!(
			Feeds::<Test>::get(KEY).iter().map(|f| f.feeder).collect::<Vec<_>>(),
			vec![F2, F3]
		);
		assert_eq!(Oracle::answer(KEY).fresh_value(), Some(1_090));
	});
}

#[test]
fn tranche_prices_have_their_own_class_and_deviation_logs_keep_the_newest() {
	build_and_execute(|| {
		let price = OracleKey::Tranche { pool: 7, tranche: 0 };
		assert_eq!(Oracle::answer(price), OracleAnswer::Unconfigured);
		set(OracleClass::TranchePrice, &[F1, F2], 1, 5);
		assert_noop!(feed(F3, price, 990_000_000), Error::<Test>::NotInFeederSet);
		// Five feeds by F1 on five days; the log keeps the newest three, oldest first.
		for (i, v) in [1_000u128, 1_010, 1_020, 1_030, 1_040].into_iter().enumerate() {
			set_today(TODAY + i as u32);
			next_block();
			assert_ok!(feed(F1, price, v * 1_000_000));
		}
		let log = Deviations::<Test>::get(OracleClass::TranchePrice, F1);
		assert_eq!(log.total, 5);
		assert_eq!(
			log.ordered().iter().map(|d| d.day).collect::<Vec<_>>(),
			vec![TODAY + 2, TODAY + 3, TODAY + 4]
		);
		assert_eq!(Oracle::answer(price).fresh_value(), Some(1_040_000_000));
		// F2 a little above: 1,050 vs F1's 1,040 (the lower middle): +0.9615384 %.
		assert_ok!(feed(F2, price, 1_050_000_000));
		let d = Deviations::<Test>::get(OracleClass::TranchePrice, F2).ordered()[0].deviation_ppb;
		assert_eq!(d, 9_615_384);
		assert_eq!(Deviations::<Test>::get(OracleClass::TranchePrice, F2).mean_ppb(), 9_615_384);
	});
}
