//! Origination: validating and storing a proposal, acceptance, withdrawal and lapse (the expiry day queue), the escrow.

use crate::{pallet::*, types::*, weights::WeightInfo};
use abs_finance::{LateFee, Schedule, RATE_ONE};
use abs_primitives::{
	days::DayQueue, Balance, Collateral, DayNumber, Hash, LoanId, LoanStatus, RecordId, Role,
	Scope, Subject, Underwriting,
};
use abs_traits::{RecordInspect, RoleCheck, Today};
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Time,
	},
};
use sp_runtime::traits::AccountIdConversion;

impl<T: Config> Pallet<T> {
	/// The account holding escrowed principal.
	pub fn escrow_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Check everything about a proposal; returns it ready to store.
	pub(crate) fn validate_proposal(
		originator: T::AccountId,
		borrower: T::AccountId,
		identity_commitment: Hash,
		terms: LoanTerms,
		collateral: Collateral,
		underwriting: Underwriting,
		records: BoundedVec<RecordId, T::MaxRecords>,
		servicer: Option<T::AccountId>,
		valid_days: u32,
	) -> Result<ProposalOf<T>, DispatchError> {
		ensure!(!T::Roles::is_frozen(&originator), Error::<T>::ParticipantFrozen);
		ensure!(
			T::Roles::has_role(&originator, Role::Originator, Scope::Global),
			Error::<T>::NotOriginator
		);
		ensure!(
			T::Roles::may_act_as(&borrower, Role::Borrower, Scope::Global),
			Error::<T>::BorrowerNotEligible
		);
		ensure!(terms.asset == T::StablecoinId::get(), Error::<T>::WrongAsset);
		ensure!(terms.principal > 0, Error::<T>::ZeroPrincipal);
		ensure!(terms.periods > 0, Error::<T>::ZeroPeriods);
		ensure!(u128::from(terms.annual_rate) <= RATE_ONE, Error::<T>::RateOutOfRange);
		let today = T::Today::today();
		let first_due = terms.first_due.to_day_number().ok_or(Error::<T>::InvalidDate)?;
		ensure!(first_due > today, Error::<T>::FirstDueNotInFuture);
		let schedule = Schedule::new(&terms.finance_terms()).map_err(Self::finance_error)?;
		ensure!(terms.default_threshold_days > 0, Error::<T>::ZeroDefaultThreshold);
		ensure!(terms.servicing_fee_bps <= 10_000, Error::<T>::FeeOutOfRange);
		match terms.late_fee {
			LateFee::Percent(p) => ensure!(u128::from(p) <= RATE_ONE, Error::<T>::FeeOutOfRange),
			// A fixed fee is at most what it penalizes: the smallest scheduled installment.
			// With it, the fees of every installment sum to at most the schedule's total.
			LateFee::Fixed(fee) => {
				ensure!(fee <= schedule.smallest_installment(), Error::<T>::LateFeeTooLarge)
			}
		}
		ensure!(collateral.appraisal_day <= today, Error::<T>::AppraisalInFuture);
		ensure!(
			valid_days > 0 && valid_days <= T::MaxProposalDays::get(),
			Error::<T>::InvalidValidity
		);
		let expires_on = today.saturating_add(valid_days);
		ensure!(
			ExpiryCount::<T>::get(expires_on) < T::MaxExpiriesPerDay::get(),
			Error::<T>::ExpiryDayFull
		);
		for id in records.iter() {
			let subject = T::Records::subject_of(*id).ok_or(Error::<T>::UnknownRecord)?;
			ensure!(
				subject == Subject::Commitment(identity_commitment),
				Error::<T>::RecordOfAnotherSubject
			);
		}
		if let Some(s) = &servicer {
			ensure!(
				T::Roles::may_act_as(s, Role::Servicer, Scope::Global),
				Error::<T>::ServicerNotLicensed
			);
		}
		let spendable = T::Assets::reducible_balance(
			terms.asset,
			&originator,
			Preservation::Expendable,
			Fortitude::Polite,
		);
		ensure!(spendable >= terms.principal, Error::<T>::InsufficientBalance);
		Ok(Proposal {
			version: PROPOSAL_VERSION,
			originator,
			borrower,
			identity_commitment,
			terms,
			collateral,
			underwriting,
			records,
			servicer,
			proposed_on: today,
			expires_on,
		})
	}

	pub(crate) fn finance_error(e: abs_finance::Error) -> DispatchError {
		use abs_finance::Error as F;
		match e {
			F::ZeroPrincipal => Error::<T>::ZeroPrincipal,
			F::PrincipalTooLarge => Error::<T>::PrincipalTooLarge,
			F::ZeroPeriods => Error::<T>::ZeroPeriods,
			F::TooManyPeriods => Error::<T>::TooManyPeriods,
			F::RateOutOfRange => Error::<T>::RateOutOfRange,
			F::NegativeAmortization => Error::<T>::NegativeAmortization,
			_ => Error::<T>::InvalidDate,
		}
		.into()
	}

	/// Append to a loan's history.
	pub(crate) fn record(
		loan_id: LoanId,
		actor: Option<T::AccountId>,
		action: LoanAction,
		data_hash: Hash,
	) {
		let seq = HistoryLen::<T>::get(loan_id);
		History::<T>::insert(
			loan_id,
			seq,
			HistoryEntry {
				block: frame_system::Pallet::<T>::block_number(),
				timestamp: T::Time::now(),
				actor,
				action,
				data_hash,
			},
		);
		HistoryLen::<T>::insert(loan_id, seq.saturating_add(1));
	}

	pub(crate) fn do_propose(loan_id: LoanId, proposal: ProposalOf<T>) -> DispatchResult {
		let principal = proposal.terms.principal;
		let deposit = T::ProposalDeposit::get();
		let held = principal.checked_add(deposit).ok_or(Error::<T>::InsufficientBalance)?;
		// The only fallible write comes first: if the escrow transfer fails, nothing is written.
		T::Assets::transfer(
			proposal.terms.asset,
			&proposal.originator,
			&Self::escrow_account(),
			held,
			Preservation::Expendable,
		)
		.map_err(|_| Error::<T>::InsufficientBalance)?;
		let terms_hash = Hash::from(sp_io::hashing::blake2_256(&proposal.encode()));
		NextLoanId::<T>::put(loan_id.saturating_add(1));
		EscrowTotal::<T>::mutate(|t| *t = t.saturating_add(held));
		OpenProposals::<T>::mutate(&proposal.originator, |n| *n = n.saturating_add(1));
		ProposalExpiries::<T>::insert(proposal.expires_on, loan_id, ());
		ExpiryCount::<T>::mutate(proposal.expires_on, |c| *c = c.saturating_add(1));
		ByBorrower::<T>::insert(&proposal.borrower, loan_id, ());
		Self::record(loan_id, Some(proposal.originator.clone()), LoanAction::Proposed, terms_hash);
		Self::deposit_event(Event::LoanProposed {
			loan_id,
			originator: proposal.originator.clone(),
			borrower: proposal.borrower.clone(),
			principal,
			terms_hash,
			expires_on: proposal.expires_on,
		});
		let owner = proposal.originator.clone();
		let servicer = proposal.servicer.clone().unwrap_or_else(|| owner.clone());
		Loans::<T>::insert(
			loan_id,
			Loan {
				proposal,
				terms_hash,
				status: LoanStatus::Proposed,
				owner,
				servicer,
				activated_on: None,
				deposit,
			},
		);
		Ok(())
	}

	/// Remove a proposal's expiry entry: on its expiry day, or on the day its refund is
	/// retried.
	pub(crate) fn unindex_expiry(expires_on: DayNumber, loan_id: LoanId) {
		let day = RefundRetries::<T>::take(loan_id).unwrap_or(expires_on);
		if ProposalExpiries::<T>::take(day, loan_id).is_some() {
			ExpiryCount::<T>::mutate_exists(day, |c| {
				*c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
			});
		}
	}

	/// A proposal is no longer open: its originator may open another.
	pub(crate) fn close_open(originator: &T::AccountId) {
		OpenProposals::<T>::mutate_exists(originator, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
		});
	}

	/// The stablecoin refused a lapsed proposal's refund: keep the proposal open and index it
	/// again for `retry_on`.
	pub(crate) fn defer_refund(
		loan_id: LoanId,
		expires_on: DayNumber,
		retry_on: DayNumber,
		error: DispatchError,
	) {
		Self::unindex_expiry(expires_on, loan_id);
		ProposalExpiries::<T>::insert(retry_on, loan_id, ());
		ExpiryCount::<T>::mutate(retry_on, |c| *c = c.saturating_add(1));
		RefundRetries::<T>::insert(loan_id, retry_on);
		Self::deposit_event(Event::ProposalRefundDeferred { loan_id, retry_on, error });
	}

	/// What the escrow account holds beyond what it owes (units sent to it by others); the
	/// invariants allow it, clients see it here.
	pub fn escrow_surplus() -> Balance {
		T::Assets::balance(T::StablecoinId::get(), &Self::escrow_account())
			.saturating_sub(EscrowTotal::<T>::get())
	}

	pub(crate) fn do_accept(loan_id: LoanId, mut loan: LoanOf<T>) -> DispatchResult {
		let p = &loan.proposal;
		T::Assets::transfer(
			p.terms.asset,
			&Self::escrow_account(),
			&p.borrower,
			p.terms.principal,
			Preservation::Expendable,
		)?;
		if loan.deposit > 0 {
			T::Assets::transfer(
				p.terms.asset,
				&Self::escrow_account(),
				&p.originator,
				loan.deposit,
				Preservation::Expendable,
			)?;
		}
		EscrowTotal::<T>::mutate(|t| {
			*t = t.saturating_sub(p.terms.principal).saturating_sub(loan.deposit)
		});
		Self::unindex_expiry(p.expires_on, loan_id);
		Self::close_open(&p.originator);
		loan.status = LoanStatus::Active;
		loan.activated_on = Some(T::Today::today());
		ByOwner::<T>::insert(&loan.owner, loan_id, ());
		ByServicer::<T>::insert(&loan.servicer, loan_id, ());
		Self::record(loan_id, Some(p.borrower.clone()), LoanAction::Accepted, loan.terms_hash);
		Self::deposit_event(Event::LoanActivated {
			loan_id,
			borrower: p.borrower.clone(),
			owner: loan.owner.clone(),
			servicer: loan.servicer.clone(),
			principal: p.terms.principal,
		});
		Loans::<T>::insert(loan_id, loan);
		// Servicing computes and stores the schedule; a failure reverts the acceptance.
		<T::OnActivated as abs_traits::OnLoanActivated>::on_activated(loan_id)
	}

	/// Withdraw (`by` = Some) or expire (`by` = None) a proposal, refunding the escrow.
	pub(crate) fn do_close_proposal(
		loan_id: LoanId,
		mut loan: LoanOf<T>,
		by: Option<T::AccountId>,
	) -> DispatchResult {
		let p = &loan.proposal;
		let refunded = p.terms.principal.saturating_add(loan.deposit);
		T::Assets::transfer(
			p.terms.asset,
			&Self::escrow_account(),
			&p.originator,
			refunded,
			Preservation::Expendable,
		)?;
		EscrowTotal::<T>::mutate(|t| *t = t.saturating_sub(refunded));
		Self::unindex_expiry(p.expires_on, loan_id);
		Self::close_open(&p.originator);
		let (status, action) = match &by {
			Some(_) => (LoanStatus::Withdrawn, LoanAction::Withdrawn),
			None => (LoanStatus::Expired, LoanAction::Expired),
		};
		loan.status = status;
		Self::record(loan_id, by.clone(), action, loan.terms_hash);
		match by {
			Some(by) => Self::deposit_event(Event::ProposalWithdrawn { loan_id, by, refunded }),
			None => Self::deposit_event(Event::ProposalExpired { loan_id, refunded }),
		}
		Loans::<T>::insert(loan_id, loan);
		Ok(())
	}

	/// The most [`Self::process_expiries`] uses in one block.
	pub fn poll_weight_bound() -> Weight {
		<ExpiryQueue<T> as DayQueue>::weight_bound()
	}

	/// Refund proposals that lapsed up to `today`, days in order from the cursor, bounded by
	/// `MaxExpiriesPerBlock` proposals and `MaxDaysPerBlock` days per block.
	pub fn process_expiries(today: DayNumber) -> Weight {
		<ExpiryQueue<T> as DayQueue>::run(today)
	}
}

/// The proposals' expiry index as a [`DayQueue`].
pub(crate) struct ExpiryQueue<T>(core::marker::PhantomData<T>);
impl<T: Config> DayQueue for ExpiryQueue<T> {
	type Item = LoanId;
	type Index = ProposalExpiries<T>;
	type Cursor = ExpiryCursor<T>;
	type DbWeight = T::DbWeight;
	fn process(day: DayNumber, loan_id: LoanId) -> Weight {
		match Loans::<T>::get(loan_id) {
			Some(loan) if loan.status == LoanStatus::Proposed => {
				let expires_on = loan.proposal.expires_on;
				// The stablecoin may refuse the refund (the originator's account is blocked):
				// the proposal stays open, withdrawable, and is retried the next day.
				let refunded = frame_support::storage::with_storage_layer(|| {
					Pallet::<T>::do_close_proposal(loan_id, loan, None)
				});
				if let Err(error) = refunded {
					let retry_on = T::Today::today().max(day).saturating_add(1);
					Pallet::<T>::defer_refund(loan_id, expires_on, retry_on, error);
				}
			}
			_ => {
				RefundRetries::<T>::remove(loan_id);
				if ProposalExpiries::<T>::take(day, loan_id).is_some() {
					ExpiryCount::<T>::mutate_exists(day, |c| {
						*c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
					});
				}
			}
		}
		T::WeightInfo::expire_proposal()
	}
	fn max_days() -> u32 {
		T::MaxDaysPerBlock::get()
	}
	fn budget() -> u32 {
		T::MaxExpiriesPerBlock::get()
	}
	fn step_weight() -> Weight {
		T::WeightInfo::expire_step()
	}
	fn item_weight() -> Weight {
		T::WeightInfo::expire_proposal()
	}
}
