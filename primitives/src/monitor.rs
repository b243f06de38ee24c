//! Rating agencies' monitors (`pallet-ratings`): the pool metrics their rules read, as
//! `pallet-pools` reports them, and the alerts' notices.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Parts per 10⁹ (1,000,000,000 = 100 %).
pub type Ppb = u64;

/// A pool metric a monitor's rule reads. All are ratios in parts per 10⁹.
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
	Serialize,
	Deserialize,
)]
pub enum PoolMetric {
	/// Balance 30+ (60+, 90+) days past due ÷ pool balance. Read on every change.
	Delinquent30,
	Delinquent60,
	Delinquent90,
	/// Cumulative principal defaulted (lost) ÷ the balance at closing. Read on every change.
	CumulativeDefaults,
	CumulativeLosses,
	/// Pool balance ÷ the balance at closing. Read on every change.
	PoolFactor,
	/// A closed period's collections ÷ its expected collections. Read at period close.
	CollectionRatio,
	/// A closed period's annualized prepayment and default rates. Read at period close.
	Cpr,
	Cdr,
}

impl PoolMetric {
	/// Whether the metric is a closed period's (read only when the period closes).
	pub fn per_period(&self) -> bool {
		matches!(self, PoolMetric::CollectionRatio | PoolMetric::Cpr | PoolMetric::Cdr)
	}
}

/// A pool's metrics as `pallet-pools` reports them: after any change of its performance
/// (`period` is `None`), and when a collection period closes (`period` holds the closed
/// period's ratios; the others are at its end).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct PoolMetrics {
	/// The collection period under way (on a close: the period that closed).
	pub period_index: u32,
	pub delinquent_30: Ppb,
	pub delinquent_60: Ppb,
	pub delinquent_90: Ppb,
	pub cumulative_defaults: Ppb,
	pub cumulative_losses: Ppb,
	pub pool_factor: Ppb,
	pub period: Option<PeriodMetrics>,
}

/// A closed collection period's ratios.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct PeriodMetrics {
	pub collection_ratio: Ppb,
	pub cpr: Ppb,
	pub cdr: Ppb,
}

impl PoolMetrics {
	/// The value of `metric`, if these metrics carry it (per-period ones only on a close).
	pub fn value(&self, metric: PoolMetric) -> Option<Ppb> {
		Some(match metric {
			PoolMetric::Delinquent30 => self.delinquent_30,
			PoolMetric::Delinquent60 => self.delinquent_60,
			PoolMetric::Delinquent90 => self.delinquent_90,
			PoolMetric::CumulativeDefaults => self.cumulative_defaults,
			PoolMetric::CumulativeLosses => self.cumulative_losses,
			PoolMetric::PoolFactor => self.pool_factor,
			PoolMetric::CollectionRatio => self.period?.collection_ratio,
			PoolMetric::Cpr => self.period?.cpr,
			PoolMetric::Cdr => self.period?.cdr,
		})
	}
}

/// How serious an agency deems a rule's breach.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Severity {
	Info,
	Warning,
	Critical,
}

/// An alert raised or cleared, as its notice carries it (subject: the pool; addressed to the
/// agency whose rule it is).
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
	Serialize,
	Deserialize,
)]
pub struct AlertNotice {
	/// The rule (numbered per pool) and the alert (numbered per pool).
	pub rule: u32,
	pub alert: u32,
	pub severity: Severity,
	/// Raised (the rule holds) or cleared (it no longer does).
	pub raised: bool,
}
