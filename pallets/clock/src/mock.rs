use crate as pallet_clock;
use frame_support::derive_impl;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Clock: pallet_clock,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_clock::Config for Test {}

/// Externalities with a clock of `day_length_secs` and an optional fixed genesis day; runs the
/// pallet's invariants after the test body.
pub fn build_and_execute(day_length_secs: u64, genesis_day: Option<u32>, test: impl FnOnce()) {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_clock::GenesisConfig::<Test> { day_length_secs, genesis_day, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		test();
		Clock::do_try_state().unwrap();
	});
}
