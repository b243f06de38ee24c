//! 10,000 loans falling due on the same day: the hook works through them across blocks within
//! its per-block budget, none skipped, none twice.

use super::*;
use std::collections::BTreeMap;

#[test]
fn ten_thousand_loans_missing_the_same_day() {
	build_and_execute(|| {
		const LOANS: u64 = 10_000;
		const PER_BLOCK: usize = 100; // MaxCheckpointsPerBlock of the mock
		for id in 0..LOANS {
			activate(id);
		}
		System::reset_events();
		assert_eq!(Checkpoints::<Test>::iter_prefix(DUE1 + 1).count(), LOANS as usize);
		let mut per_loan: BTreeMap<u64, u32> = BTreeMap::new();
		let mut blocks = 0;
		let bound = <() as crate::WeightInfo>::checkpoint(6)
			.saturating_mul(PER_BLOCK as u64)
			.saturating_add(<() as crate::WeightInfo>::checkpoint_day().saturating_mul(64));
		loop {
			let started = std::time::Instant::now();
			let weight = advance_to(DUE1 + 1);
			let elapsed = started.elapsed();
			let notices = take_notices();
			if notices.is_empty() {
				break;
			}
			blocks += 1;
			assert!(notices.len() <= PER_BLOCK, "block {blocks}: {} checkpoints", notices.len());
			assert!(weight.ref_time() <= bound.ref_time(), "block {blocks}: {weight:?}");
			if blocks == 1 {
				println!("first block: {} checkpoints in {elapsed:?}", notices.len());
			}
			for (id, day, kind, _) in notices {
				assert_eq!(
					(day, kind),
					(DUE1 + 1, NoticeKind::BucketChanged { from: 0, to: 1, dpd: 1 })
				);
				*per_loan.entry(id).or_default() += 1;
			}
		}
		assert_eq!(blocks, LOANS as usize / PER_BLOCK);
		assert_eq!(per_loan.len(), LOANS as usize, "none skipped");
		assert!(per_loan.values().all(|n| *n == 1), "none twice");
		assert_eq!(CheckpointCursor::<Test>::get(), Some(DUE1 + 2));
		// Each loan's next checkpoint is its late-fee day.
		assert_eq!(Checkpoints::<Test>::iter_prefix(DUE1 + 6).count(), LOANS as usize);
	});
}
