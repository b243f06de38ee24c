//! Benchmarks (v2), worst case first: 8 tranches and every collateral kind to validate, a full
//! batch of loans each checked against every criterion.

use super::*;
use crate::Pallet as Pools;
use abs_primitives::{CollateralKind, DayNumber, LoanId, PoolId, Role};
use abs_traits::Today;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::{Perbill, Perquintill};

/// The sponsor's deposit: it covers any seller's price in the closing benchmark.
const DEPOSIT: u128 = 1_000_000_000_000_000;

struct Parties<A> {
	sponsor: A,
	servicer: A,
	seller: A,
}

fn parties<T: Config>() -> Parties<T::AccountId> {
	let sponsor: T::AccountId = account("sponsor", 0, 0);
	let trustee: T::AccountId = account("trustee", 0, 0);
	let servicer: T::AccountId = account("servicer", 0, 0);
	let seller: T::AccountId = account("seller", 0, 0);
	T::BenchmarkHelper::grant(&sponsor, Role::Sponsor);
	T::BenchmarkHelper::grant(&trustee, Role::Trustee);
	T::BenchmarkHelper::grant(&servicer, Role::Servicer);
	T::BenchmarkHelper::grant(&seller, Role::Originator);
	T::BenchmarkHelper::fund(&sponsor, DEPOSIT.saturating_add(1_000_000_000_000));
	Parties { sponsor, servicer, seller }
}

/// The largest spec: 8 tranches, every collateral kind, every criterion set.
fn spec<T: Config>(servicer: &T::AccountId) -> PoolSpecOf<T> {
	let today: DayNumber = T::Today::today();
	let kinds = [
		CollateralKind::None,
		CollateralKind::Vehicle,
		CollateralKind::RealEstate,
		CollateralKind::Equipment,
		CollateralKind::Receivables,
		CollateralKind::Securities,
		CollateralKind::Other,
	];
	let mut tranches: alloc::vec::Vec<TrancheSpec> = (0..MAX_TRANCHES)
		.map(|k| TrancheSpec {
			face: 1_000_000_000,
			coupon: Some(10_000_000_000_000_000),
			final_maturity: today.saturating_add(3_000).saturating_add(k),
		})
		.collect();
	if let Some(last) = tranches.last_mut() {
		last.coupon = None;
	}
	PoolSpec {
		asset: T::StablecoinId::get(),
		trustee: account("trustee", 0, 0),
		servicer: servicer.clone(),
		cut_off: today,
		offering_opens: today,
		offering_closes: today.saturating_add(30),
		payment_day: 25,
		clean_up: Perbill::from_percent(10),
		eligibility: Eligibility {
			min_remaining_installments: 1,
			max_remaining_installments: 480,
			min_rate: 0,
			max_rate: u64::MAX,
			max_principal: u128::MAX,
			collateral_kinds: BoundedVec::truncate_from(kinds.to_vec()),
			min_score_band: Some(abs_primitives::ScoreBand::Below580),
			max_dti_band: Some(abs_primitives::DtiBand::From50),
			max_originator_share: Perbill::one(),
		},
		trustee_fee_bps: 5,
		price: Perquintill::one(),
		sponsor_deposit: DEPOSIT,
		tranches: BoundedVec::truncate_from(tranches),
	}
}

/// For other pallets' benchmarks: a structuring pool of the largest spec (8 tranches), with
/// its sponsor.
pub fn structured_pool<T: Config>() -> (PoolId, T::AccountId) {
	let p = parties::<T>();
	let id = NextPoolId::<T>::get();
	let s = spec::<T>(&p.servicer);
	assert!(Pools::<T>::create_pool(RawOrigin::Signed(p.sponsor.clone()).into(), s).is_ok());
	(id, p.sponsor)
}

/// A pool (id returned) with `n` loans of the seller in it.
fn pool_with<T: Config>(p: &Parties<T::AccountId>, n: u32) -> (PoolId, alloc::vec::Vec<LoanId>) {
	let id = NextPoolId::<T>::get();
	assert!(Pools::<T>::create_pool(
		RawOrigin::Signed(p.sponsor.clone()).into(),
		spec::<T>(&p.servicer)
	)
	.is_ok());
	let loans: alloc::vec::Vec<LoanId> =
		(0..n).map(|_| T::BenchmarkHelper::active_loan(&p.seller, &p.servicer)).collect();
	if n > 0 {
		assert!(Pools::<T>::do_contribute(p.seller.clone(), id, &loans).is_ok());
	}
	(id, loans)
}

/// The largest deal for 8 tranches: 32 steps in every waterfall (fees, interest to each note
/// with the reserve, an OC test per class, cure, reserve, principal pro rata, more fees up to
/// 32, the residual) and 8 triggers of every kind.
fn worst_deal() -> DealSpec {
	let notes = u8::try_from(MAX_TRANCHES.saturating_sub(1)).unwrap_or(7);
	let one = |k: u8| BoundedVec::truncate_from(alloc::vec![k]);
	let mut steps: alloc::vec::Vec<PayStep> =
		alloc::vec![PayStep::Fee { source: CashSource::Interest, bps: 5, fixed: 1_000 }];
	for k in 0..notes {
		steps.push(PayStep::Interest {
			source: CashSource::Interest,
			tranches: one(k),
			reserve: true,
		});
	}
	for k in 0..notes.saturating_sub(1) {
		steps.push(PayStep::OcTest {
			source: CashSource::Interest,
			class: k,
			min_ppb: 1_100_000_000,
		});
	}
	steps.push(PayStep::CureWriteDowns { source: CashSource::Interest });
	steps.push(PayStep::FundReserve { source: CashSource::Interest });
	steps.push(PayStep::Principal {
		source: CashSource::Principal,
		tranches: BoundedVec::truncate_from((0..=notes).collect()),
		pro_rata: true,
	});
	while steps.len() < (MAX_STEPS as usize).saturating_sub(2) {
		steps.push(PayStep::Fee { source: CashSource::Principal, bps: 1, fixed: 1 });
	}
	steps.push(PayStep::Residual { source: CashSource::Principal });
	steps.push(PayStep::Residual { source: CashSource::Interest });
	let w: Waterfall = BoundedVec::truncate_from(steps);
	let curve = BoundedVec::truncate_from(
		(0..MAX_CURVE).map(|i| (i, Perbill::from_percent(i.saturating_add(1)))).collect(),
	);
	let mut triggers = alloc::vec![
		Trigger { kind: TriggerKind::CumulativeLoss { curve }, curable: false },
		Trigger {
			kind: TriggerKind::Delinquency60 { max: Perbill::from_percent(5) },
			curable: true
		},
	];
	for k in 0..3u8 {
		triggers.push(Trigger {
			kind: TriggerKind::Overcollateralization { class: k, min_ppb: 1_050_000_000 },
			curable: true,
		});
		triggers.push(Trigger {
			kind: TriggerKind::InterestCoverage { class: k, min_ppb: 1_200_000_000 },
			curable: true,
		});
	}
	triggers.truncate(MAX_TRIGGERS as usize);
	DealSpec {
		normal: w.clone(),
		sequential: w.clone(),
		accelerated: w,
		reserve: ReserveSpec { share: Perbill::from_percent(2), floor: 1_000 },
		triggers: BoundedVec::truncate_from(triggers),
		compound_shortfalls: true,
	}
}

/// A closed pool whose senior tranche an investor oversubscribed after the sponsor: the
/// investor's claim is the last.
fn closed<T: Config>() -> (PoolId, T::AccountId, LoanId) {
	let p = parties::<T>();
	let (id, loans) = pool_with::<T>(&p, 1);
	assert!(Pools::<T>::do_set_deal(p.sponsor.clone(), id, worst_deal()).is_ok());
	assert!(Pools::<T>::open_offering(RawOrigin::Signed(p.sponsor.clone()).into(), id).is_ok());
	for k in 0..MAX_TRANCHES {
		let k = u8::try_from(k).unwrap_or_default();
		assert!(Pools::<T>::do_subscribe(p.sponsor.clone(), id, k, 1_000_000_000).is_ok());
	}
	let investor: T::AccountId = account("investor", 0, 0);
	T::BenchmarkHelper::grant(&investor, Role::Investor);
	T::BenchmarkHelper::fund(&investor, 2_000_000_000);
	assert!(Pools::<T>::do_subscribe(investor.clone(), id, 0, 1_000_000_001).is_ok());
	let closes = Pools::<T>::get_pool(id).map(|p| p.spec.offering_closes).unwrap_or_default();
	T::BenchmarkHelper::set_today(closes.saturating_add(1));
	assert!(Pools::<T>::do_close(p.sponsor.clone(), id).is_ok());
	assert!(Pools::<T>::do_claim(id, 0, p.sponsor.clone()).is_ok());
	(id, investor, loans.first().copied().unwrap_or_default())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_pool() {
		let p = parties::<T>();
		let s = spec::<T>(&p.servicer);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.sponsor.clone()), s);
		assert!(Pools::<T>::get_pool(0).is_some());
	}

	#[benchmark]
	fn contribute(n: Linear<1, MAX_BATCH>) {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, 0);
		let loans: alloc::vec::Vec<LoanId> =
			(0..n).map(|_| T::BenchmarkHelper::active_loan(&p.seller, &p.servicer)).collect();
		let batch = BoundedVec::truncate_from(loans);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.seller.clone()), id, batch);
		assert_eq!(Pools::<T>::get_pool(id).map(|p| p.loans), Some(n));
	}

	#[benchmark]
	fn withdraw() {
		let p = parties::<T>();
		let (id, loans) = pool_with::<T>(&p, 2);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.seller.clone()), id, loans[0]);
		assert!(!Pools::<T>::is_pledged(loans[0]));
	}

	#[benchmark]
	fn open_offering() {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.sponsor.clone()), id);
		assert_eq!(Pools::<T>::get_pool(id).map(|p| p.status), Some(PoolStatus::Offering));
	}

	#[benchmark]
	fn cancel() {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.sponsor.clone()), id);
		assert_eq!(Pools::<T>::get_pool(id).map(|p| p.status), Some(PoolStatus::Cancelled));
	}

	#[benchmark]
	fn release() {
		let p = parties::<T>();
		let (id, loans) = pool_with::<T>(&p, 2);
		assert!(Pools::<T>::cancel(RawOrigin::Signed(p.sponsor.clone()).into(), id).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(p.seller.clone()), id, loans[0]);
		assert_eq!(Pools::<T>::get_pool(id).map(|p| p.loans), Some(1));
	}

	#[benchmark]
	fn subscribe() {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, 1);
		assert!(Pools::<T>::open_offering(RawOrigin::Signed(p.sponsor.clone()).into(), id).is_ok());
		let investor: T::AccountId = account("investor", 0, 0);
		T::BenchmarkHelper::grant(&investor, Role::Investor);
		T::BenchmarkHelper::fund(&investor, 2_000_000_000);
		// An existing subscription grows (its entry is read and rewritten).
		assert!(Pools::<T>::subscribe(
			RawOrigin::Signed(investor.clone()).into(),
			id,
			0,
			1_000_000
		)
		.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(investor.clone()), id, 0, 1_000_000_000);
		assert_eq!(Subscriptions::<T>::get((id, 0), &investor), 1_001_000_000);
	}

	#[benchmark]
	fn cancel_subscription() {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, 1);
		assert!(Pools::<T>::open_offering(RawOrigin::Signed(p.sponsor.clone()).into(), id).is_ok());
		let investor: T::AccountId = account("investor", 0, 0);
		T::BenchmarkHelper::grant(&investor, Role::Investor);
		T::BenchmarkHelper::fund(&investor, 2_000_000_000);
		assert!(Pools::<T>::subscribe(
			RawOrigin::Signed(investor.clone()).into(),
			id,
			0,
			1_000_000_000
		)
		.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(investor.clone()), id, 0);
		assert_eq!(Subscriptions::<T>::get((id, 0), &investor), 0);
	}

	/// The most sellers (16, each its loan), 8 tranches each oversubscribed, the sponsor
	/// subscribed to every one (its vertical slice), the deposit paying the sellers.
	#[benchmark]
	fn close() {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, 1);
		for i in 1..MAX_ORIGINATORS {
			let seller: T::AccountId = account("seller", i, 0);
			T::BenchmarkHelper::grant(&seller, Role::Originator);
			let loan = T::BenchmarkHelper::active_loan(&seller, &p.servicer);
			assert!(Pools::<T>::do_contribute(seller, id, &[loan]).is_ok());
		}
		assert!(Pools::<T>::open_offering(RawOrigin::Signed(p.sponsor.clone()).into(), id).is_ok());
		for k in 0..MAX_TRANCHES {
			let k = u8::try_from(k).unwrap_or_default();
			assert!(Pools::<T>::do_subscribe(p.sponsor.clone(), id, k, 2_000_000_000).is_ok());
		}
		let closes = Pools::<T>::get_pool(id).map(|p| p.spec.offering_closes).unwrap_or_default();
		T::BenchmarkHelper::set_today(closes.saturating_add(1));
		#[extrinsic_call]
		_(RawOrigin::Signed(p.sponsor.clone()), id);
		assert_eq!(Pools::<T>::get_pool(id).map(|p| p.status), Some(PoolStatus::Closed));
	}

	/// The last claim of an oversubscribed tranche (the remainder's path) with a refund.
	#[benchmark]
	fn claim_allocation() {
		let (id, investor, _) = closed::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(investor.clone()), id, 0, investor.clone());
		assert!(Holdings::<T>::contains_key(&investor, (id, 0)));
	}

	#[benchmark]
	fn transfer_tranche() {
		let (id, investor, _) = closed::<T>();
		assert!(Pools::<T>::do_claim(id, 0, investor.clone()).is_ok());
		let to: T::AccountId = account("investor", 1, 0);
		T::BenchmarkHelper::grant(&to, Role::Investor);
		#[extrinsic_call]
		_(RawOrigin::Signed(investor.clone()), id, 0, to.clone(), 1_000_000);
		assert!(Holdings::<T>::contains_key(&to, (id, 0)));
	}

	/// One block's ownership entries for a closed pool of `n` loans.
	#[benchmark]
	fn sweep(n: Linear<1, 100>) {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, n);
		assert!(Pools::<T>::open_offering(RawOrigin::Signed(p.sponsor.clone()).into(), id).is_ok());
		for k in 0..MAX_TRANCHES {
			let k = u8::try_from(k).unwrap_or_default();
			assert!(Pools::<T>::do_subscribe(p.sponsor.clone(), id, k, 1_000_000_000).is_ok());
		}
		let closes = Pools::<T>::get_pool(id).map(|p| p.spec.offering_closes).unwrap_or_default();
		T::BenchmarkHelper::set_today(closes.saturating_add(1));
		assert!(Pools::<T>::do_close(p.sponsor.clone(), id).is_ok());
		#[block]
		{
			Pools::<T>::sweep();
		}
	}

	/// A payment on a closed pool's loan that arrives on the payment date before the hook
	/// rolled the period (the longest path of the observer): the period rolls, the loan's
	/// cells move, its maturity month changes (a restructuring).
	#[benchmark]
	fn observe() {
		let (id, _, loan) = closed::<T>();
		let end = Performances::<T>::get(id).map(|p| p.period.end).unwrap_or_default();
		let entry = LoanPools::<T>::get(loan);
		let before = entry.as_ref().map(|e| e.principal).unwrap_or_default();
		let change = abs_traits::LoanChange {
			day: end,
			interest: 1,
			principal: 1,
			prepayment: 0,
			recovery: 0,
			loss: 0,
			principal_before: before,
			principal_after: before.saturating_sub(1),
			bucket_before: 0,
			bucket_after: 1,
			status_before: abs_primitives::LoanStatus::Active,
			status_after: abs_primitives::LoanStatus::Delinquent(1),
			restructured: true,
			remaining_installments: 100,
			rate: 70_000_000_000_000_000,
			installment: 1_000,
			maturity: end.saturating_add(4_000),
		};
		#[block]
		{
			Pools::<T>::observe(loan, &change);
		}
		assert!(PeriodReports::<T>::contains_key(id, 0));
	}

	#[benchmark]
	fn approve_repurchase() {
		let (id, _, loan) = closed::<T>();
		let trustee: T::AccountId = account("trustee", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(trustee), id, loan);
		assert!(RepurchaseApprovals::<T>::contains_key(loan));
	}

	#[benchmark]
	fn repurchase() {
		let (id, _, loan) = closed::<T>();
		let seller: T::AccountId = account("seller", 0, 0);
		T::BenchmarkHelper::fund(&seller, 1_000_000_000_000_000);
		RepurchaseApprovals::<T>::insert(loan, ());
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, loan);
		assert!(!LoanPools::<T>::contains_key(loan));
	}

	/// The largest deal (three waterfalls of 32 steps, 8 triggers) validated and stored.
	#[benchmark]
	fn set_deal() {
		let p = parties::<T>();
		let (id, _) = pool_with::<T>(&p, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(p.sponsor.clone()), id, worst_deal());
		assert!(Deals::<T>::contains_key(id));
	}

	/// A holder's claim after a payment date credited its tranche (with an accrual to settle
	/// on a balance that changed since).
	#[benchmark]
	fn claim_distribution() {
		let (id, investor, _) = closed::<T>();
		assert!(Pools::<T>::do_claim(id, 0, investor.clone()).is_ok());
		let end = Performances::<T>::get(id).map(|x| x.period.end).unwrap_or_default();
		let account = Pools::<T>::account_of(id);
		T::BenchmarkHelper::fund(&account, 1_000_000);
		Performances::<T>::mutate(id, |x| {
			if let Some(x) = x {
				x.cash = x.cash.saturating_add(1_000_000);
				x.period.interest = x.period.interest.saturating_add(1_000_000);
			}
		});
		T::BenchmarkHelper::set_today(end);
		Pools::<T>::roll_due(1);
		assert!(Pools::<T>::claimable(&investor, id, 0).is_some_and(|(i, _)| i > 0));
		#[extrinsic_call]
		_(RawOrigin::Signed(investor.clone()), id, 0);
		assert_eq!(Pools::<T>::claimable(&investor, id, 0), Some((0, 0)));
	}

	/// The sponsor calls a pool whose period is due (rolled first), with a full maturity
	/// table to clear and the final payment date to run.
	#[benchmark]
	fn clean_up_call() {
		let (id, _, _) = closed::<T>();
		let sponsor =
			Pools::<T>::get_pool(id).map(|p| p.sponsor).unwrap_or_else(|| account("x", 0, 0));
		Sweeping::<T>::remove(id);
		let end = Performances::<T>::get(id).map(|x| x.period.end).unwrap_or_default();
		Performances::<T>::mutate(id, |x| {
			if let Some(x) = x {
				// 1,000 units left at 6 %.
				x.balance = 1_000;
				x.balance_by_bucket = [1_000, 0, 0, 0, 0];
				x.rate_weighted = 60_000_000u128.saturating_mul(1_000);
			}
		});
		for m in 0..crate::features::cleanup::MAX_MATURITY_MONTHS {
			MaturityStrats::<T>::insert(id, m, Cell { count: 1, balance: 1 });
		}
		T::BenchmarkHelper::fund(&sponsor, 1_000_000_000);
		T::BenchmarkHelper::set_today(end.saturating_add(10));
		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id);
		assert_eq!(Pools::<T>::get_pool(id).map(|p| p.status), Some(PoolStatus::Ended));
	}

	/// One payment date of the worst deal (8 tranches, 32 steps, 8 triggers) on a pool of `l`
	/// loans whose senior tranche has `h` holders: neither is read (a weight flat in both;
	/// the runtime test `a_payment_date_costs_the_same_at_ten_and_ten_thousand_loans_and_holders`
	/// measures the storage proof).
	#[benchmark]
	fn payment_date(h: Linear<10, 10_000>, l: Linear<10, 10_000>) {
		let (id, investor, loan) = closed::<T>();
		let entry = LoanPools::<T>::get(loan);
		for i in 0..l {
			let other = LoanId::from(i).saturating_add(1_000_000);
			PoolLoans::<T>::insert(id, other, ());
			if let Some(e) = entry.clone() {
				LoanPools::<T>::insert(other, e);
			}
		}
		let a = Accruals::<T>::get((id, 0u8), &investor).unwrap_or_default();
		for i in 0..h {
			let holder: T::AccountId = account("holder", i, 0);
			Accruals::<T>::insert((id, 0u8), holder, a);
		}
		let end = Performances::<T>::get(id).map(|x| x.period.end).unwrap_or_default();
		T::BenchmarkHelper::set_today(end);
		#[block]
		{
			Pools::<T>::roll_due(1);
		}
		assert!(PaymentReports::<T>::get(id, 0).is_some());
	}

	/// `p` closed pools due the same day, each `q` periods behind.
	#[benchmark]
	fn roll(p: Linear<1, 8>, q: Linear<1, 12>) {
		let mut last_end = 0;
		for _ in 0..p {
			let (id, _, _) = closed::<T>();
			last_end = Performances::<T>::get(id).map(|x| x.period.end).unwrap_or_default();
		}
		// Each later period is at most 31 days long: q − 1 more ends fall within 31 × (q − 1)
		// days of the first (and fewer than q + 1 ends within them).
		let day = last_end.saturating_add(28u32.saturating_mul(q.saturating_sub(1)));
		T::BenchmarkHelper::set_today(day);
		#[block]
		{
			Pools::<T>::roll_due(p);
		}
		assert!(PeriodReports::<T>::iter().count() >= p as usize);
	}

	impl_benchmark_test_suite!(Pools, crate::mock::new_test_ext(), crate::mock::Test);
}
