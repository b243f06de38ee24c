//! Weights of `pallet-pools`.
//!
//! NOT YET GENERATED: until `scripts/benchmark.sh pallet_pools` has run on the reference
//! machine, each weight is its storage reads and writes (counted from the code paths, with the
//! chain's `DbWeight`) plus a stated compute allowance. A contributed loan costs a loan read,
//! two pledge reads and two writes here; reading its book's position is servicing's work,
//! added by the call (`ServicingInspect::position_weight` per loan).

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions of `pallet-pools`.
pub trait WeightInfo {
	fn create_pool() -> Weight;
	fn contribute(n: u32) -> Weight;
	fn withdraw() -> Weight;
	fn open_offering() -> Weight;
	fn cancel() -> Weight;
	fn release() -> Weight;
	fn subscribe() -> Weight;
	fn cancel_subscription() -> Weight;
	fn close() -> Weight;
	fn claim_allocation() -> Weight;
	fn transfer_tranche() -> Weight;
	fn sweep(n: u32) -> Weight;
	fn observe() -> Weight;
	fn roll(pools: u32, periods: u32) -> Weight;
	/// One payment date on a pool of `loans` loans whose senior has `holders` holders.
	fn payment_date(holders: u32, loans: u32) -> Weight;
	fn approve_repurchase() -> Weight;
	fn repurchase() -> Weight;
	fn set_deal() -> Weight;
	fn claim_distribution() -> Weight;
	fn clean_up_call() -> Weight;
}

const fn ps(us: u64) -> u64 {
	us.saturating_mul(1_000_000)
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_pool() -> Weight {
		// reads: roles ×3 (sponsor, trustee, servicer), today, next id; writes: next id, pool,
		// sponsor index.
		T::DbWeight::get().reads_writes(5, 3).saturating_add(Weight::from_parts(ps(40), 2_000))
	}
	fn contribute(n: u32) -> Weight {
		// pool, today, performance; per loan: loan, entry + its pool, maturity cell; writes:
		// entry, index, maturity cell, event; then the pool and the performance.
		let per_loan =
			T::DbWeight::get().reads_writes(4, 4).saturating_add(Weight::from_parts(ps(45), 4_000));
		T::DbWeight::get()
			.reads_writes(3, 2)
			.saturating_add(Weight::from_parts(ps(30), 2_000))
			.saturating_add(per_loan.saturating_mul(u64::from(n)))
	}
	fn withdraw() -> Weight {
		T::DbWeight::get().reads_writes(4, 5).saturating_add(Weight::from_parts(ps(25), 2_000))
	}
	fn open_offering() -> Weight {
		// pool, today, the deposit's transfer (asset, two accounts, system account).
		T::DbWeight::get().reads_writes(6, 4).saturating_add(Weight::from_parts(ps(50), 4_000))
	}
	fn cancel() -> Weight {
		T::DbWeight::get().reads_writes(5, 4).saturating_add(Weight::from_parts(ps(50), 4_000))
	}
	fn release() -> Weight {
		T::DbWeight::get().reads_writes(4, 5).saturating_add(Weight::from_parts(ps(25), 2_000))
	}
	fn subscribe() -> Weight {
		// reads: roles ×2, pool, today, subscription, tranche total, asset, asset accounts ×2,
		// system account; writes: subscription, total, asset accounts ×2, system account.
		T::DbWeight::get().reads_writes(10, 5).saturating_add(Weight::from_parts(ps(60), 6_000))
	}
	fn cancel_subscription() -> Weight {
		T::DbWeight::get().reads_writes(8, 5).saturating_add(Weight::from_parts(ps(50), 6_000))
	}
	fn close() -> Weight {
		// pool, today, roles; per tranche (8): its total, the sponsor's subscription, the
		// token's creation and the sponsor's mint, the tranche; per seller (16): a transfer
		// (asset, accounts); the performance, sums, sweep queue; the deal, its state and
		// the sponsor's accruals.
		T::DbWeight::get()
			.reads_writes(130, 111)
			.saturating_add(Weight::from_parts(ps(2_000), 60_000))
	}
	fn claim_allocation() -> Weight {
		// pool, tranche, subscription, roles ×2, mint (asset, account), holdings, refund
		// (asset, accounts ×2, system), performance, the holder's accrual and the deal state.
		T::DbWeight::get().reads_writes(15, 11).saturating_add(Weight::from_parts(ps(80), 8_000))
	}
	fn transfer_tranche() -> Weight {
		// pool, tranche, roles ×4, token balance, transfer (asset, accounts ×2), holdings ×2,
		// both sides' accruals and the receiver's balance (settled before the move).
		T::DbWeight::get().reads_writes(14, 7).saturating_add(Weight::from_parts(ps(80), 7_000))
	}
	fn sweep(n: u32) -> Weight {
		// the queue, the pool, the cursor; per loan: the entry (iteration), the loan; writes
		// the loan, owner index ×2, history, its count, event.
		let per_loan =
			T::DbWeight::get().reads_writes(3, 5).saturating_add(Weight::from_parts(ps(30), 3_000));
		T::DbWeight::get().reads_writes(3, 2).saturating_add(per_loan.saturating_mul(u64::from(n)))
	}
	fn observe() -> Weight {
		// closed pool: entry, performance, maturity cell (two when the month moves), an
		// approval (cleared on default); before closing also the pool and the pledge index.
		// A pending roll is charged apart (`roll`).
		T::DbWeight::get().reads_writes(5, 6).saturating_add(Weight::from_parts(ps(25), 3_000))
	}
	fn roll(pools: u32, periods: u32) -> Weight {
		// the queue's first key (each pool and once more); per pool: performance, queue key
		// out and in; per period: its report and event, and the payment date: pool, deal,
		// deal state, 8 tranches; the trustee's fee (asset, two accounts, system); writes:
		// 8 tranches, the state, the trustee report, the fee's transfer, and up to 10 notices
		// (8 triggers, a status change, an event of default: notice and subject index each);
		// the waterfall itself (32 steps, 8 tranches) as compute.
		let per_pool =
			T::DbWeight::get().reads_writes(2, 3).saturating_add(Weight::from_parts(ps(20), 2_000));
		let per_period = T::DbWeight::get()
			.reads_writes(15, 34)
			.saturating_add(Weight::from_parts(ps(250), 12_000));
		T::DbWeight::get()
			.reads(1)
			.saturating_add(per_pool.saturating_mul(u64::from(pools)))
			.saturating_add(per_period.saturating_mul(u64::from(periods)))
	}
	fn payment_date(_holders: u32, _loans: u32) -> Weight {
		// Neither holders nor loans are read: one pool's one period of `roll`.
		<Self as WeightInfo>::roll(1, 1)
	}
	fn approve_repurchase() -> Weight {
		// roles, pool, entry, loan, approval; writes: approval.
		T::DbWeight::get().reads_writes(6, 1).saturating_add(Weight::from_parts(ps(25), 2_000))
	}
	fn repurchase() -> Weight {
		// roles, pool, entry, loan, approval, today, payment (asset, accounts ×2, system),
		// performance, maturity cell; writes: payment ×3, performance, cell, approval, index,
		// entry, pool, the loan's owner (loan, owner index ×2, history, its count).
		T::DbWeight::get().reads_writes(14, 15).saturating_add(Weight::from_parts(ps(90), 8_000))
	}
	fn set_deal() -> Weight {
		// roles, pool; writes: deal. Validating three waterfalls of 32 steps and 8 triggers.
		T::DbWeight::get().reads_writes(3, 1).saturating_add(Weight::from_parts(ps(60), 4_000))
	}
	fn claim_distribution() -> Weight {
		// roles, tranche, accrual, token balance, pool, deal state, performance, payment
		// (asset, accounts ×2, system); writes: payment ×3, accrual, tranche, state,
		// performance; once ended, the burn (asset, account) and the holding.
		T::DbWeight::get().reads_writes(12, 10).saturating_add(Weight::from_parts(ps(55), 4_000))
	}
	fn clean_up_call() -> Weight {
		// roles, pool, sweeping, performance, today, the escrow (asset, accounts ×2); a due
		// period rolled and the final payment date (each a roll); writes: performance, the
		// maturity table cleared (≤ MAX_MATURITY_MONTHS), the queued roll, pool, sweeping,
		// cursor, escrow ×3.
		// The due periods (up to MAX_ROLLS_AT_ONCE of them) then the final date.
		<Self as WeightInfo>::roll(1, crate::features::collections::MAX_ROLLS_AT_ONCE)
			.saturating_add(<Self as WeightInfo>::roll(1, 1))
			.saturating_add(T::DbWeight::get().reads_writes(
				9,
				u64::from(crate::features::cleanup::MAX_MATURITY_MONTHS).saturating_add(9),
			))
			.saturating_add(Weight::from_parts(ps(80), 6_000))
	}
}

impl WeightInfo for () {
	fn create_pool() -> Weight {
		Weight::from_parts(ps(40), 0)
	}
	fn contribute(n: u32) -> Weight {
		Weight::from_parts(ps(30).saturating_add(ps(40).saturating_mul(u64::from(n))), 0)
	}
	fn withdraw() -> Weight {
		Weight::from_parts(ps(25), 0)
	}
	fn open_offering() -> Weight {
		Weight::from_parts(ps(20), 0)
	}
	fn cancel() -> Weight {
		Weight::from_parts(ps(20), 0)
	}
	fn release() -> Weight {
		Weight::from_parts(ps(25), 0)
	}
	fn subscribe() -> Weight {
		Weight::from_parts(ps(60), 0)
	}
	fn cancel_subscription() -> Weight {
		Weight::from_parts(ps(50), 0)
	}
	fn close() -> Weight {
		Weight::from_parts(ps(2_000), 0)
	}
	fn claim_allocation() -> Weight {
		Weight::from_parts(ps(80), 0)
	}
	fn transfer_tranche() -> Weight {
		Weight::from_parts(ps(70), 0)
	}
	fn sweep(n: u32) -> Weight {
		Weight::from_parts(ps(30).saturating_mul(u64::from(n)), 0)
	}
	fn observe() -> Weight {
		Weight::from_parts(ps(20), 0)
	}
	fn roll(pools: u32, periods: u32) -> Weight {
		Weight::from_parts(
			ps(20)
				.saturating_mul(u64::from(pools))
				.saturating_add(ps(15).saturating_mul(u64::from(periods))),
			0,
		)
	}
	fn payment_date(_holders: u32, _loans: u32) -> Weight {
		// Neither holders nor loans are read: one pool's one period of `roll`.
		<Self as WeightInfo>::roll(1, 1)
	}
	fn approve_repurchase() -> Weight {
		Weight::from_parts(ps(25), 0)
	}
	fn repurchase() -> Weight {
		Weight::from_parts(ps(90), 0)
	}
	fn set_deal() -> Weight {
		Weight::from_parts(ps(60), 0)
	}
	fn claim_distribution() -> Weight {
		Weight::from_parts(ps(55), 0)
	}
	fn clean_up_call() -> Weight {
		Weight::from_parts(ps(500), 0)
	}
}
