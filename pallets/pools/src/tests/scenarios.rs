//! Pallet-level scenarios at random (2,000 in CI; `ABS_SCENARIOS` sets how many): a closed
//! pool of two loans under a random deal (with or without an OC and an IC trigger and a
//! reserve draw) lives through four payment dates of random payments, a default, a recovery, transfers of
//! senior units between holders and claims at any time. After every operation the pallet's
//! invariants hold (`do_try_state`: the deal's cash in the pool's account, holders' accruals,
//! the tranches' sums); at the end every holder claims and the units that came in (the loans'
//! payments and the recovery) are exactly the units that went out (holders' claims, the
//! trustee's fees) plus what the pool still holds.

// Test arithmetic on small known amounts: an overflow would be a failed test.
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use super::{
	closing::receipt,
	payments::{closed_with, deal, hook_on, pay, usd, PAY1, PAY2, PAY3, PAY4, U},
};
use crate::{mock::*, Trigger, TriggerKind};
use abs_primitives::LoanStatus;
use abs_traits::{LoanChange, LoanObserver};
use frame_support::traits::fungibles::Mutate;

/// xorshift64*: the scenarios are reproducible from their seed.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		let mut x = self.0;
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		self.0 = x;
		x.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}
	fn below(&mut self, n: u64) -> u64 {
		if n == 0 {
			0
		} else {
			self.next() % n
		}
	}
	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
}

const HOLDERS: [u64; 3] = [INVESTOR, INVESTOR2, SPONSOR];

/// What a scenario went through (the generator is checked to reach each often).
#[derive(Default, Clone, Copy)]
struct Seen {
	payments: u32,
	defaults: u32,
	recoveries: u32,
	transfers: u32,
	claims: u32,
	breaches: u32,
	accelerated: u32,
	ended: u32,
	called: u32,
}

fn scenario(seed: u64) -> Seen {
	let mut seen = Seen::default();
	let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
	// The pool starts at 190,000 ÷ 80,000 = 237.5 % over the senior, whose monthly interest
	// is about 267: OC limits of 200–260 % and IC limits of 100–300 % are each met or not.
	let mut triggers = vec![];
	if rng.chance(50) {
		let min_ppb = 2_000_000_000 + rng.below(600) * 1_000_000;
		let kind = TriggerKind::Overcollateralization { class: 0, min_ppb };
		triggers.push(Trigger { kind, curable: rng.chance(50) });
	}
	if rng.chance(50) {
		let min_ppb = 1_000_000_000 + rng.below(2_000) * 1_000_000;
		let kind = TriggerKind::InterestCoverage { class: 0, min_ppb };
		triggers.push(Trigger { kind, curable: rng.chance(50) });
	}
	let id = closed_with(deal(triggers, rng.chance(50)));
	let account = Pools::account_of(id);
	let watched: Vec<u64> = HOLDERS.iter().copied().chain([TRUSTEE]).collect();
	let before: Vec<u128> = watched.iter().map(|w| usd(*w)).collect();
	let held_before = usd(account);
	let mut came_in: u128 = 0;
	// Each loan: outstanding, defaulted, resolved.
	let mut loans = [(95_000 * U, false, false); 2];
	let mut from = PAY1 - 20;
	for end in [PAY1, PAY2, PAY3, PAY4] {
		for _ in 0..rng.below(6) {
			let day = from + 1 + u32::try_from(rng.below(u64::from(end - from - 1))).unwrap();
			let k = usize::try_from(rng.below(2)).unwrap();
			let loan = u64::try_from(k).unwrap();
			let (left, defaulted, resolved) = loans[k];
			match rng.below(5) {
				0 if !defaulted && !resolved && left > 0 => {
					let principal = (rng.below(u64::try_from(left / U / 8).unwrap()) as u128) * U
						+ rng.below(U as u64) as u128;
					let principal = principal.min(left);
					let interest = rng.below(600) as u128 * U + rng.below(U as u64) as u128;
					pay(id, loan, day, principal, interest, left);
					came_in += principal + interest;
					loans[k].0 = left - principal;
					seen.payments += 1;
				}
				1 if !defaulted && !resolved && left > 0 => {
					let c = LoanChange {
						bucket_after: 4,
						status_after: LoanStatus::Defaulted,
						..receipt(day, 0, 0, left)
					};
					<Pools as LoanObserver>::on_change(loan, &c);
					loans[k].1 = true;
					seen.defaults += 1;
				}
				2 if defaulted && !resolved => {
					let recovery = (rng.below(u64::try_from(left / U).unwrap() + 1) as u128) * U;
					assert_ok_mint(account, recovery);
					let c = LoanChange {
						recovery,
						loss: left - recovery.min(left),
						principal_before: left,
						principal_after: 0,
						bucket_before: 4,
						bucket_after: 0,
						status_before: LoanStatus::InRecovery,
						status_after: LoanStatus::Recovered,
						..receipt(day, 0, 0, left)
					};
					<Pools as LoanObserver>::on_change(loan, &c);
					came_in += recovery;
					loans[k] = (0, false, true);
					seen.recoveries += 1;
				}
				3 => {
					abs_test_utils::set_today(day);
					let units = rng.below(30_000) as u128 * U;
					let (a, b) =
						if rng.chance(50) { (INVESTOR, INVESTOR2) } else { (INVESTOR2, INVESTOR) };
					// A transfer beyond the holding is refused and changes nothing.
					if Pools::transfer_tranche(RuntimeOrigin::signed(a), id, 0, b, units).is_ok() {
						seen.transfers += 1;
					}
				}
				_ => {
					abs_test_utils::set_today(day);
					let who = HOLDERS[usize::try_from(rng.below(3)).unwrap()];
					let k = u8::try_from(rng.below(3)).unwrap();
					if Pools::claim_distribution(RuntimeOrigin::signed(who), id, k).is_ok() {
						seen.claims += 1;
					}
				}
			}
			Pools::do_try_state().unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
		}
		hook_on(end);
		Pools::do_try_state().unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
		let state = crate::DealStates::<Test>::get(id).unwrap();
		seen.breaches += u32::from(state.breached != 0);
		seen.accelerated += u32::from(state.status == crate::DealStatus::Accelerated);
		seen.ended =
			u32::from(crate::Pools::<Test>::get(id).unwrap().status == crate::PoolStatus::Ended);
		from = end;
	}
	// Sometimes the sponsor calls what is left (refused above the clean-up factor).
	if rng.chance(50) {
		while crate::Sweeping::<Test>::iter_keys().next().is_some() {
			Pools::sweep();
		}
		let day = PAY4 + 1 + u32::try_from(rng.below(20)).unwrap();
		// The performing loans paid down to at most 9,500 each (5 % of the pool).
		for (k, (left, defaulted, resolved)) in loans.iter_mut().enumerate() {
			let keep = u128::from(rng.below(9_500)) * U;
			if !*defaulted && !*resolved && *left > keep {
				let loan = u64::try_from(k).unwrap();
				pay(id, loan, day, *left - keep, 0, *left);
				came_in += *left - keep;
				*left = keep;
			}
		}
		abs_test_utils::set_today(day);
		if Pools::clean_up_call(RuntimeOrigin::signed(SPONSOR), id).is_ok() {
			seen.called = 1;
		}
		Pools::do_try_state().unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
	}
	for who in HOLDERS {
		for k in 0..3u8 {
			let _ = Pools::claim_distribution(RuntimeOrigin::signed(who), id, k);
		}
	}
	Pools::do_try_state().unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
	// The sponsor may have paid for a clean-up call: net changes, signed.
	let went_out: i128 = watched
		.iter()
		.zip(&before)
		.map(|(w, b)| i128::try_from(usd(*w)).unwrap() - i128::try_from(*b).unwrap())
		.sum();
	assert_eq!(
		went_out + i128::try_from(usd(account)).unwrap(),
		i128::try_from(held_before + came_in).unwrap(),
		"seed {seed}: a unit was created or lost"
	);
	seen
}

fn assert_ok_mint(account: u64, amount: u128) {
	if amount > 0 {
		<Assets as Mutate<u64>>::mint_into(USD, &account, amount).unwrap();
	}
}

#[test]
fn random_scenarios_create_and_lose_no_unit() {
	let n: u64 = std::env::var("ABS_SCENARIOS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
	let mut all = Seen::default();
	let mut dates_breached = 0u32;
	for seed in 1..=n {
		let mut s = Seen::default();
		build_and_execute(|| s = scenario(seed));
		all.payments += s.payments;
		all.defaults += s.defaults;
		all.recoveries += s.recoveries;
		all.transfers += s.transfers;
		all.claims += s.claims;
		all.accelerated += u32::from(s.accelerated > 0);
		all.ended += s.ended;
		all.called += s.called;
		dates_breached += s.breaches;
	}
	println!(
		"{n} scenarios: {} payments, {} defaults, {} recoveries, {} transfers, {} claims, \
		 {dates_breached} dates with a trigger breached, {} deals accelerated, {} pools ended, {} called",
		all.payments,
		all.defaults,
		all.recoveries,
		all.transfers,
		all.claims,
		all.accelerated,
		all.ended,
		all.called
	);
	// Each kind of event is reached in at least one scenario in 20.
	let often = u32::try_from(n / 20).unwrap();
	for (what, count) in [
		("payments", all.payments),
		("defaults", all.defaults),
		("recoveries", all.recoveries),
		("transfers", all.transfers),
		("claims", all.claims),
		("breaches", dates_breached),
		("accelerations", all.accelerated),
		("ends", all.ended),
		("clean-up calls", all.called),
	] {
		assert!(count >= often, "only {count} {what} in {n} scenarios");
	}
}
