#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test ABS Chain, and skips what
# is there. Idempotent: every step is keyed on a marker or a check. See shared/toolchain.md.
#   - system packages: protoc, clang/libclang (bindgen), and when no rustup wasm target exists,
#     Debian's rustc-web toolchain for the runtime's Wasm;
#   - the wasm32v1-none sysroot for that toolchain (rebuilt when /usr/bin/rustc changes);
#   - the npm packages of the end-to-end suite.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

need_pkgs=()
command -v protoc >/dev/null || need_pkgs+=(protobuf-compiler)
command -v clang >/dev/null || need_pkgs+=(clang)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || need_pkgs+=(libclang-dev)
command -v node >/dev/null || need_pkgs+=(nodejs npm)

# Does rustup already give us a wasm target with which substrate-wasm-builder works?
rustup_has_wasm() {
	rustup target list --installed 2>/dev/null | grep -qE '^wasm32(v1-none|-unknown-unknown)$'
}

use_debian_web=0
if [[ "${ABS_FORCE_DEBIAN_WASM:-0}" == 1 ]] || ! rustup_has_wasm; then
	use_debian_web=1
	[[ -x /usr/bin/rustc && -x /usr/bin/cargo ]] && /usr/bin/rustc --print target-list 2>/dev/null | grep -q '^wasm32v1-none$' \
		|| need_pkgs+=(rustc-web cargo-web)
	[[ -d /usr/lib/rust-web-src ]] || ls -d /usr/lib/rustlib/src/rust 2>/dev/null >/dev/null || need_pkgs+=(rust-web-src)
	dpkg -s rust-web-llvm >/dev/null 2>&1 || need_pkgs+=(rust-web-llvm)
	ls /usr/bin/*lld* >/dev/null 2>&1 || need_pkgs+=(lld-22)
fi

if ((${#need_pkgs[@]})); then
	log "installing system packages: ${need_pkgs[*]}"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
else
	log "system packages: present"
fi

if ((use_debian_web)); then
	sysroot="$(/usr/bin/rustc --print sysroot)"
	libdir="$sysroot/lib/rustlib/wasm32v1-none/lib"
	version="$(/usr/bin/rustc --version)"
	marker="$ABS_CACHE/wasm-sysroot.marker"
	if [[ -f "$marker" && "$(cat "$marker")" == "$version" ]] && ls "$libdir"/libcore-*.rlib >/dev/null 2>&1; then
		log "wasm32v1-none sysroot for $version: present"
	else
		log "building the wasm32v1-none sysroot (core, alloc) with $version"
		work="$ABS_CACHE/wasm-sysroot-build"
		rm -rf "$work" && mkdir -p "$work/src"
		cat >"$work/Cargo.toml" <<'TOML'
[package]
name = "sysroot-seed"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
path = "src/lib.rs"
[profile.release]
panic = "abort"
TOML
		cat >"$work/src/lib.rs" <<'RS'
#![no_std]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
RS
		(cd "$work" && env -u CARGO_TARGET_DIR RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
			RUSTFLAGS="-C embed-bitcode=yes" CARGO_TARGET_DIR="$work/target" \
			/usr/bin/cargo build --release --target wasm32v1-none -Zbuild-std=core,alloc -q)
		as_root mkdir -p "$libdir"
		for lib in core alloc compiler_builtins; do
			f=$(ls "$work/target/wasm32v1-none/release/deps/lib${lib}-"*.rlib | head -n1)
			[[ -n "$f" ]] || die "sysroot build produced no lib$lib"
			as_root rm -f "$libdir/lib${lib}-"*.rlib
			as_root cp "$f" "$libdir/"
		done
		echo "$version" >"$marker"
	fi
	if ! rustup toolchain list | grep -q '^debian-web'; then
		log "linking rustup toolchain debian-web -> /usr"
		rustup toolchain link debian-web /usr
	fi
	echo 'export WASM_BUILD_TOOLCHAIN=debian-web' >"$WASM_ENV_FILE"
else
	log "rustup wasm target present: using it"
	: >"$WASM_ENV_FILE"
fi

# rustfmt and clippy for scripts/lint.sh (shipped with the default rustup toolchain).
for tool in rustfmt clippy; do
	if ! cargo "${tool/rustfmt/fmt}" --version >/dev/null 2>&1; then
		log "installing the $tool component"
		rustup component add "$tool"
	fi
done

# npm packages of the end-to-end suite.
if [[ -f "$ROOT/e2e/package-lock.json" ]]; then
	stamp="$ROOT/e2e/node_modules/.abs-lock-hash"
	hash="$(sha256sum "$ROOT/e2e/package-lock.json" | cut -d' ' -f1)"
	if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
		log "e2e npm packages: present"
	else
		log "installing e2e npm packages (npm ci)"
		(cd "$ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
		echo "$hash" >"$stamp"
	fi
fi
log "setup done"
