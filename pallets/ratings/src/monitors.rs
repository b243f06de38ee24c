//! Rating agencies' monitors: rules over a pool's metrics, evaluated when the metrics they
//! read change (or, for a closed period's ratios, when the period closes), and the alerts
//! they raise and clear.
//!
//! A rule is a postfix expression of at most [`MAX_NODES`] nodes: comparisons of a metric
//! with a fixed threshold or a per-period curve, combined with `And` and `Or`.
//! `[A, B, And, C, Or]` reads `(A and B) or C`.

use crate::pallet::*;
use abs_primitives::{
	tranche_id, AlertNotice, NoticeKind, NoticeSubject, PoolId, PoolMetric, PoolMetrics, Ppb,
	Severity,
};
use abs_traits::{Notify, NotifyAccounts, Today};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::ConstU32};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// Most nodes of a rule's expression.
pub const MAX_NODES: u32 = 7;
/// Most points of a per-period curve.
pub const MAX_CURVE_POINTS: u32 = 24;
/// Most tranches a rule names.
pub const MAX_RULE_TRANCHES: u32 = 8;

/// How a metric is compared with its threshold.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Comparison {
	Above,
	AtLeast,
	Below,
	AtMost,
}

impl Comparison {
	pub fn holds(self, value: Ppb, threshold: Ppb) -> bool {
		match self {
			Comparison::Above => value > threshold,
			Comparison::AtLeast => value >= threshold,
			Comparison::Below => value < threshold,
			Comparison::AtMost => value <= threshold,
		}
	}
}

/// A threshold: fixed, or a curve of (period index from closing, threshold) points with
/// increasing indices; a period takes the last point at or before it (the first point before
/// the curve starts).
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Threshold {
	Fixed(Ppb),
	Curve(BoundedVec<(u32, Ppb), ConstU32<MAX_CURVE_POINTS>>),
}

impl Threshold {
	/// The threshold in period `index`.
	pub fn at(&self, index: u32) -> Ppb {
		match self {
			Threshold::Fixed(t) => *t,
			Threshold::Curve(points) => {
				let first = points.first().map_or(0, |p| p.1);
				points.iter().take_while(|p| p.0 <= index).last().map_or(first, |p| p.1)
			}
		}
	}

	fn is_valid(&self) -> bool {
		match self {
			Threshold::Fixed(_) => true,
			Threshold::Curve(points) => {
				!points.is_empty() && points.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0))
			}
		}
	}
}

/// One comparison: `metric` `cmp` `threshold`.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Condition {
	pub metric: PoolMetric,
	pub cmp: Comparison,
	pub threshold: Threshold,
}

/// A node of a rule's postfix expression.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Node {
	Test(Condition),
	And,
	Or,
}

/// What an agency registers.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RuleSpec {
	/// The tranches a breach puts on watch (at least one).
	pub tranches: BoundedVec<u8, ConstU32<MAX_RULE_TRANCHES>>,
	pub expr: BoundedVec<Node, ConstU32<MAX_NODES>>,
	pub severity: Severity,
}

/// Why a rule's expression is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExprError {
	/// Not a well-formed postfix expression with one result.
	Malformed,
	/// A curve with no point or with indices not increasing.
	InvalidCurve,
}

impl RuleSpec {
	/// Checks the expression; returns whether it reads a closed period's ratio (then it is
	/// evaluated at period close only).
	pub fn validate(&self) -> Result<bool, ExprError> {
		let mut depth = 0u32;
		let mut per_period = false;
		for node in self.expr.iter() {
			match node {
				Node::Test(c) => {
					if !c.threshold.is_valid() {
						return Err(ExprError::InvalidCurve);
					}
					per_period |= c.metric.per_period();
					depth = depth.saturating_add(1);
				}
				Node::And | Node::Or => {
					if depth < 2 {
						return Err(ExprError::Malformed);
					}
					depth = depth.saturating_sub(1);
				}
			}
		}
		if depth != 1 {
			return Err(ExprError::Malformed);
		}
		Ok(per_period)
	}

	/// Whether the rule holds on `m` (a metric `m` does not carry makes its comparison
	/// false), and the value each comparison read, in order.
	pub fn evaluate(&self, m: &PoolMetrics) -> (bool, BoundedVec<Ppb, ConstU32<MAX_NODES>>) {
		let mut stack = [false; MAX_NODES as usize];
		let mut depth = 0usize;
		let mut values = BoundedVec::<Ppb, ConstU32<MAX_NODES>>::new();
		for node in self.expr.iter() {
			match node {
				Node::Test(c) => {
					let value = m.value(c.metric);
					let _ = values.try_push(value.unwrap_or(0));
					let holds =
						value.is_some_and(|v| c.cmp.holds(v, c.threshold.at(m.period_index)));
					if let Some(slot) = stack.get_mut(depth) {
						*slot = holds;
					}
					depth = depth.saturating_add(1);
				}
				Node::And | Node::Or => {
					let b = depth.checked_sub(1).and_then(|i| stack.get(i)).copied();
					let a = depth.checked_sub(2).and_then(|i| stack.get(i)).copied();
					let (Some(a), Some(b)) = (a, b) else { return (false, values) };
					depth = depth.saturating_sub(1);
					let r = if matches!(node, Node::And) { a && b } else { a || b };
					if let Some(slot) = depth.checked_sub(1).and_then(|i| stack.get_mut(i)) {
						*slot = r;
					}
				}
			}
		}
		(depth == 1 && stack.first().copied().unwrap_or(false), values)
	}
}

/// A registered rule.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Rule<AccountId> {
	/// Numbered per pool from 0.
	pub id: u32,
	pub agency: AccountId,
	pub spec: RuleSpec,
	/// It reads a closed period's ratio: evaluated when a period closes.
	pub per_period: bool,
	/// The open alert it raised (it holds), if any.
	pub alert: Option<u32>,
}

/// An alert a rule raised.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Alert<AccountId, BlockNumber> {
	pub rule: u32,
	pub agency: AccountId,
	pub severity: Severity,
	pub tranches: BoundedVec<u8, ConstU32<MAX_RULE_TRANCHES>>,
	/// The period it was raised in, the values the rule's comparisons read, the day and
	/// the block.
	pub period: u32,
	pub values: BoundedVec<Ppb, ConstU32<MAX_NODES>>,
	pub raised_on: abs_primitives::DayNumber,
	pub raised_at: BlockNumber,
	/// Cleared (the rule no longer holds, or was removed): the day and the block.
	pub cleared: Option<(abs_primitives::DayNumber, BlockNumber)>,
}

pub type RuleOf<T> = Rule<<T as frame_system::Config>::AccountId>;
pub type AlertOf<T> = Alert<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// Evaluate pool `pool_id`'s rules of one kind (`per_period`) on `m`: raise an alert for
	/// each that now holds without one, clear each that no longer holds. Returns how many
	/// alerts were raised or cleared (the weight is `evaluate` of that many).
	pub(crate) fn evaluate(pool_id: PoolId, m: &PoolMetrics, per_period: bool) -> u32 {
		let mut rules = Monitors::<T>::get(pool_id);
		let mut changed = false;
		let mut flips = 0u32;
		for rule in rules.iter_mut().filter(|r| r.per_period == per_period) {
			let (holds, values) = rule.spec.evaluate(m);
			match (holds, rule.alert) {
				(true, None) => {
					rule.alert = Some(Self::raise(pool_id, rule, m.period_index, values));
					changed = true;
					flips = flips.saturating_add(1);
				}
				(false, Some(seq)) => {
					Self::clear(pool_id, rule, seq);
					rule.alert = None;
					changed = true;
					flips = flips.saturating_add(1);
				}
				_ => {}
			}
		}
		if changed {
			Monitors::<T>::insert(pool_id, rules);
		}
		flips
	}

	fn raise(
		pool_id: PoolId,
		rule: &RuleOf<T>,
		period: u32,
		values: BoundedVec<Ppb, ConstU32<MAX_NODES>>,
	) -> u32 {
		let today = T::Today::today();
		let seq = AlertCount::<T>::get(pool_id);
		AlertCount::<T>::insert(pool_id, seq.saturating_add(1));
		let alert = Alert {
			rule: rule.id,
			agency: rule.agency.clone(),
			severity: rule.spec.severity,
			tranches: rule.spec.tranches.clone(),
			period,
			values,
			raised_on: today,
			raised_at: frame_system::Pallet::<T>::block_number(),
			cleared: None,
		};
		Alerts::<T>::insert(pool_id, seq, alert);
		let n = AgencyAlertCount::<T>::get(&rule.agency);
		AgencyAlerts::<T>::insert(&rule.agency, n, (pool_id, seq));
		AgencyAlertCount::<T>::insert(&rule.agency, n.saturating_add(1));
		let notice =
			AlertNotice { rule: rule.id, alert: seq, severity: rule.spec.severity, raised: true };
		Self::watch(pool_id, rule, notice, today);
		Self::deposit_event(Event::AlertRaised {
			pool_id,
			alert: seq,
			rule: rule.id,
			agency: rule.agency.clone(),
			severity: rule.spec.severity,
		});
		seq
	}

	pub(crate) fn clear(pool_id: PoolId, rule: &RuleOf<T>, seq: u32) {
		let today = T::Today::today();
		let now = frame_system::Pallet::<T>::block_number();
		Alerts::<T>::mutate(pool_id, seq, |a| {
			if let Some(a) = a {
				a.cleared = Some((today, now));
			}
		});
		let notice =
			AlertNotice { rule: rule.id, alert: seq, severity: rule.spec.severity, raised: false };
		Self::watch(pool_id, rule, notice, today);
		Self::deposit_event(Event::AlertCleared { pool_id, alert: seq, rule: rule.id });
	}

	/// The notice of an alert raised or cleared, to the pool (and the agency), and each named
	/// tranche's watch count moved; a tranche that goes on or off watch is noticed too.
	fn watch(
		pool_id: PoolId,
		rule: &RuleOf<T>,
		notice: AlertNotice,
		today: abs_primitives::DayNumber,
	) {
		let kind = NoticeKind::Alert(notice);
		T::Notify::notify_accounts(
			NoticeSubject::Pool(pool_id),
			today,
			kind,
			core::slice::from_ref(&rule.agency),
		);
		let mut w = Watched::<T>::get(pool_id).unwrap_or_default();
		for &t in rule.spec.tranches.iter() {
			let Some(n) = w.get_mut(usize::from(t)) else { continue };
			let before = *n;
			*n = if notice.raised { before.saturating_add(1) } else { before.saturating_sub(1) };
			if (before == 0) != (*n == 0) {
				T::Notify::notify(NoticeSubject::Tranche(tranche_id(pool_id, t)), today, kind);
			}
		}
		if w.iter().any(|n| *n > 0) {
			Watched::<T>::insert(pool_id, w);
		} else {
			Watched::<T>::remove(pool_id);
		}
	}
}
