//! Pools on the real runtime: a bank's loan (real loans and servicing pallets) is contributed
//! to a sponsor's pool, its position read from its servicing book; pledged, it keeps its owner
//! and servicer; withdrawn, it is free again.
// A test crate: the workspace's no-panic, checked-arithmetic policy is for runtime code.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use abs_finance::{Amortization, CalendarDate, DayCount, LateFee};
use abs_primitives::{
	Collateral, CollateralKind, CreditAssessment, DtiBand, Role, ScoreBand, Underwriting,
	STABLECOIN_ASSET_ID as USDA,
};
use abs_runtime::{Loans, Pools, Runtime, RuntimeOrigin};
use common::{block_at, dev_ext, T0};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_pools::{Eligibility, PoolSpec, TrancheSpec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{Perbill, Perquintill};

const PRINCIPAL: u128 = 12_000_000_000;
const RATE: u64 = 90_000_000_000_000_000; // 9 %

#[test]
fn a_contributed_loan_is_pledged_until_withdrawn() {
	dev_ext().execute_with(|| {
		block_at(1, T0);
		let today = <abs_runtime::Clock as abs_traits::Today>::today();
		let (bank, borrower, servicer, sponsor, trustee) = (
			Bob.to_account_id(),
			Charlie.to_account_id(),
			Dave.to_account_id(),
			Eve.to_account_id(),
			Ferdie.to_account_id(),
		);
		for (who, role) in [
			(&bank, Role::Originator),
			(&borrower, Role::Borrower),
			(&servicer, Role::Servicer),
			(&sponsor, Role::Sponsor),
			(&trustee, Role::Trustee),
		] {
			common::license(who, role);
		}
		let terms = pallet_loans::LoanTerms {
			principal: PRINCIPAL,
			asset: USDA,
			annual_rate: RATE,
			periods: 24,
			amortization: Amortization::LevelAnnuity,
			day_count: DayCount::Thirty360,
			first_due: CalendarDate::from_day_number(today + 31),
			grace_days: 3,
			late_fee: LateFee::Fixed(7_000_000),
			default_threshold_days: 90,
			servicing_fee_bps: 50,
		};
		assert_ok!(Loans::propose(
			RuntimeOrigin::signed(bank.clone()),
			borrower.clone(),
			H256::repeat_byte(1),
			terms,
			Collateral {
				kind: CollateralKind::Vehicle,
				identifier_hash: H256::zero(),
				appraised_value: 15_000_000_000,
				appraisal_day: today,
			},
			Underwriting {
				credit: CreditAssessment::Score(ScoreBand::From720To779),
				dti: DtiBand::From20To30,
				income_verified: true
			},
			Default::default(),
			Some(servicer.clone()),
			10,
		));
		let hash = pallet_loans::Loans::<Runtime>::get(0).unwrap().terms_hash;
		assert_ok!(Loans::accept(RuntimeOrigin::signed(borrower.clone()), 0, hash));

		let spec = PoolSpec {
			asset: USDA,
			trustee: trustee.clone(),
			servicer: servicer.clone(),
			cut_off: today,
			offering_opens: today,
			offering_closes: today + 30,
			payment_day: 25,
			clean_up: Perbill::from_percent(10),
			eligibility: Eligibility {
				min_remaining_installments: 12,
				max_remaining_installments: 360,
				min_rate: RATE / 2,
				max_rate: RATE * 2,
				max_principal: 50_000_000_000,
				collateral_kinds: BoundedVec::truncate_from(vec![CollateralKind::Vehicle]),
				min_score_band: Some(ScoreBand::From660To719),
				max_dti_band: Some(DtiBand::From36To43),
				max_originator_share: Perbill::one(),
			},
			trustee_fee_bps: 5,
			price: Perquintill::one(),
			tranches: BoundedVec::truncate_from(vec![
				TrancheSpec {
					face: 10_000_000_000,
					coupon: Some(RATE / 2),
					final_maturity: today + 900,
				},
				TrancheSpec { face: 2_000_000_000, coupon: None, final_maturity: today + 900 },
			]),
		};
		assert_ok!(Pools::create_pool(RuntimeOrigin::signed(sponsor.clone()), spec));
		// The servicing book says 24 installments left, none late, the whole principal out.
		assert_ok!(Pools::contribute(
			RuntimeOrigin::signed(bank.clone()),
			0,
			BoundedVec::truncate_from(vec![0])
		));
		let entry = pallet_pools::PoolLoans::<Runtime>::get(0, 0).unwrap();
		assert_eq!((entry.seller, entry.principal), (bank.clone(), PRINCIPAL));
		assert_noop!(
			Loans::transfer_ownership(RuntimeOrigin::signed(bank.clone()), 0, sponsor.clone()),
			pallet_loans::Error::<Runtime>::LoanEncumbered
		);
		assert_noop!(
			Loans::appoint_servicer(RuntimeOrigin::signed(bank.clone()), 0, bank.clone()),
			pallet_loans::Error::<Runtime>::LoanEncumbered
		);
		assert_ok!(Pools::withdraw(RuntimeOrigin::signed(bank.clone()), 0, 0));
		assert_ok!(Loans::transfer_ownership(RuntimeOrigin::signed(bank), 0, sponsor));
		// Each pool has its own keyless account.
		assert_ne!(Pools::account_of(0), Pools::account_of(1));
		Pools::do_try_state().unwrap();
	});
}
