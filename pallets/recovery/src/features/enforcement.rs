//! Enforcement orders, acknowledgements and appraisals.

use crate::{pallet::*, types::*};
use abs_primitives::{Balance, DefaultInfo, LoanId, LoanStatus, RecoveryNotice};
use abs_traits::{LoanLifecycle, LoanSummary, Today};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Record the order and move the loan InRecovery.
	pub(crate) fn do_order(
		loan_id: LoanId,
		loan: LoanSummary<T::AccountId>,
		default: DefaultInfo,
		servicer: T::AccountId,
		agent: T::AccountId,
		action: EnforcementAction,
	) -> DispatchResult {
		let today = T::Today::today();
		let ack_deadline = today.saturating_add(Params::<T>::get().ack_timeout_days);
		T::Lifecycle::set_status(
			loan_id,
			LoanStatus::InRecovery,
			Some(servicer),
			Default::default(),
		)?;
		Recoveries::<T>::insert(
			loan_id,
			RecoveryCase {
				agent: agent.clone(),
				action,
				ordered_on: today,
				ack_deadline,
				acknowledged_on: None,
				appraisal: Appraisal {
					value: loan.collateral.appraised_value,
					day: loan.collateral.appraisal_day,
					record: None,
				},
				pending_appraisal: None,
				default_day: default.day,
				debt: default.debt,
				servicer_fees: default.servicer_fees,
				stage: Stage::Ordered,
				claims: Default::default(),
				outcome: None,
			},
		);
		AckDeadlines::<T>::insert(ack_deadline, loan_id, ());
		Self::deposit_event(Event::EnforcementOrdered {
			loan_id,
			agent,
			action,
			debt: default.debt,
			ack_deadline,
		});
		Self::notify(loan_id, RecoveryNotice::EnforcementOrdered);
		Ok(())
	}

	/// The agent acknowledged (`by`), or the deadline passed (`None`): open the auction if the
	/// appraisal is fresh, else wait for a new one.
	pub(crate) fn do_acknowledge(
		loan_id: LoanId,
		mut r: RecoveryOf<T>,
		by: Option<T::AccountId>,
	) -> DispatchResult {
		AckDeadlines::<T>::remove(r.ack_deadline, loan_id);
		match by {
			Some(agent) => {
				r.acknowledged_on = Some(T::Today::today());
				Self::deposit_event(Event::OrderAcknowledged { loan_id, agent });
				Self::notify(loan_id, RecoveryNotice::OrderAcknowledged);
			}
			None => Self::deposit_event(Event::AcknowledgementTimedOut { loan_id }),
		}
		use abs_primitives::OracleAnswer;
		let fresh = match <T::Oracle as abs_traits::ValuationOracle>::collateral_value(loan_id) {
			OracleAnswer::Fresh { value, .. } => {
				let day = T::Today::today();
				r.appraisal = Appraisal { value, day, record: None };
				Self::deposit_event(Event::AppraisedByOracle { loan_id, value, day });
				true
			}
			// No feeders for this kind of collateral: the appraisal, if recent enough.
			OracleAnswer::Unconfigured => Self::is_fresh(r.appraisal.day),
			OracleAnswer::NoQuorum { .. } | OracleAnswer::Stale { .. } => false,
		};
		if fresh {
			let reserve = T::ReserveRatio::get().mul_ceil(r.appraisal.value);
			r.stage = Stage::Auction;
			Recoveries::<T>::insert(loan_id, r);
			Self::open_auction(loan_id, 1, reserve)
		} else {
			r.stage = Stage::AwaitingAppraisal;
			let appraisal_day = r.appraisal.day;
			Recoveries::<T>::insert(loan_id, r);
			Self::deposit_event(Event::AuctionAwaitsAppraisal { loan_id, appraisal_day });
			Ok(())
		}
	}

	/// A lowering appraisal waits for the owner (it replaces one already waiting).
	pub(crate) fn do_hold_appraisal(
		loan_id: LoanId,
		mut r: RecoveryOf<T>,
		by: T::AccountId,
		appraisal: Appraisal,
	) {
		r.pending_appraisal = Some(appraisal);
		Recoveries::<T>::insert(loan_id, r);
		Self::deposit_event(Event::AppraisalAwaitsOwner {
			loan_id,
			by,
			value: appraisal.value,
			day: appraisal.day,
			record: appraisal.record.unwrap_or_default(),
		});
	}

	/// The oracle's fresh value for a collateral: an auction waiting for a value opens with
	/// it; any other recovery ignores it (its reserve was set).
	pub(crate) fn do_oracle_value(loan_id: LoanId, value: Balance) -> DispatchResult {
		let Some(mut r) = Recoveries::<T>::get(loan_id) else { return Ok(()) };
		if r.stage != Stage::AwaitingAppraisal {
			return Ok(());
		}
		let day = T::Today::today();
		r.appraisal = Appraisal { value, day, record: None };
		r.pending_appraisal = None;
		r.stage = Stage::Auction;
		Recoveries::<T>::insert(loan_id, r);
		Self::deposit_event(Event::AppraisedByOracle { loan_id, value, day });
		Self::open_auction(loan_id, 1, T::ReserveRatio::get().mul_ceil(value))
	}

	/// A new appraisal; an auction waiting for it opens.
	pub(crate) fn do_refresh(
		loan_id: LoanId,
		mut r: RecoveryOf<T>,
		appraisal: Appraisal,
		record: abs_primitives::RecordId,
	) -> DispatchResult {
		r.appraisal = appraisal;
		r.pending_appraisal = None;
		let waiting = r.stage == Stage::AwaitingAppraisal;
		if waiting {
			r.stage = Stage::Auction;
		}
		Recoveries::<T>::insert(loan_id, r);
		Self::deposit_event(Event::AppraisalRefreshed {
			loan_id,
			value: appraisal.value,
			day: appraisal.day,
			record,
		});
		if waiting {
			Self::open_auction(loan_id, 1, T::ReserveRatio::get().mul_ceil(appraisal.value))?;
		}
		Ok(())
	}
}
