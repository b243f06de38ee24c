//! A loan against a pool's criteria.

use crate::{pallet::*, types::*};
use abs_primitives::LoanStatus;
use abs_traits::{LoanPosition, LoanSummary};

/// Why `loan` (at `position`) is not eligible for a pool with `spec`, as the first failing
/// criterion, or its outstanding principal if it is.
pub(crate) fn check<T: Config>(
	spec: &PoolSpecOf<T>,
	loan: &LoanSummary<T::AccountId>,
	position: &LoanPosition,
) -> Result<abs_primitives::Balance, Error<T>> {
	let e = &spec.eligibility;
	if loan.asset != spec.asset {
		return Err(Error::<T>::LoanAssetMismatch);
	}
	if loan.servicer != spec.servicer {
		return Err(Error::<T>::ServicerMismatch);
	}
	if loan.status != LoanStatus::Active || position.days_past_due > 0 {
		return Err(Error::<T>::NotCurrent);
	}
	let remaining = position.remaining_installments;
	if remaining < e.min_remaining_installments || remaining > e.max_remaining_installments {
		return Err(Error::<T>::RemainingTermOutOfRange);
	}
	let rate = loan.terms.schedule.annual_rate;
	if rate < e.min_rate || rate > e.max_rate {
		return Err(Error::<T>::RateOutOfRange);
	}
	let principal = position.outstanding_principal;
	if principal == 0 || principal > e.max_principal {
		return Err(Error::<T>::PrincipalOutOfRange);
	}
	if !e.collateral_kinds.is_empty() && !e.collateral_kinds.contains(&loan.collateral.kind) {
		return Err(Error::<T>::CollateralNotEligible);
	}
	if !meets_score(loan.underwriting.credit, e.min_score_band) {
		return Err(Error::<T>::ScoreBelowMinimum);
	}
	if e.max_dti_band.is_some_and(|max| loan.underwriting.dti > max) {
		return Err(Error::<T>::DtiAboveMaximum);
	}
	Ok(principal)
}
