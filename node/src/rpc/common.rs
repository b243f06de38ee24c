//! Helpers every `abs_*` RPC file shares: typed bad-parameter errors, SS58 accounts, hex,
//! dates and page limits.

use abs_finance::CalendarDate;
use abs_runtime::AccountId;
use jsonrpsee::{
	core::RpcResult,
	types::{error::INVALID_PARAMS_CODE, ErrorObject, ErrorObjectOwned},
};
use sp_core::{crypto::Ss58Codec, hexdisplay::HexDisplay};

/// A JSON-RPC "invalid params" error (-32602) with `msg`.
pub fn invalid(msg: String) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS_CODE, msg, None::<()>)
}

/// An SS58 account, or an invalid-params error naming it.
pub fn account_of(s: &str) -> RpcResult<AccountId> {
	AccountId::from_ss58check(s).map_err(|e| invalid(format!("invalid SS58 account {s:?}: {e:?}")))
}

/// `0x`-prefixed lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
	format!("0x{}", HexDisplay::from(&bytes))
}

/// A day number as `YYYY-MM-DD`.
pub fn date(day: u32) -> String {
	let d = CalendarDate::from_day_number(day);
	format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// A page size: `limit` (default 50) within `1..=max`.
pub fn limit_of(limit: Option<u32>, max: u32) -> RpcResult<u32> {
	let l = limit.unwrap_or(50);
	if l == 0 || l > max {
		return Err(invalid(format!("limit must be 1..={max}, got {l}")));
	}
	Ok(l)
}
