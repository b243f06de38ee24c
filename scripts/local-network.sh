#!/usr/bin/env bash
# The 4-validator consortium network (`--chain local`: Alice, Bob, Charlie, Dave) as local
# processes on loopback, each with its own ports, base path, node key and log.
#
#   scripts/local-network.sh start            build if needed, start all four, wait for RPC
#   scripts/local-network.sh stop             stop all four (SIGTERM, SIGKILL after 10 s)
#   scripts/local-network.sh status           pid, ports, best and finalized block of each
#   scripts/local-network.sh start-node NAME  (re)start one validator on its base path
#   scripts/local-network.sh kill-node NAME   SIGKILL one validator (a crash)
#   scripts/local-network.sh purge            stop and delete all chain data
#
# Environment: ABS_NET_DIR (default .local/network), ABS_NET_BASE_PORT (default 30333:
# validator i listens on p2p BASE+i, RPC 9944+i·ABS_NET_RPC_STEP… see ports()), ABS_NODE_BIN,
# ABS_SKIP_BUILD=1 to use the binary as it is.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NET_DIR="${ABS_NET_DIR:-$LOCAL_DIR/network}"
BASE_PORT="${ABS_NET_BASE_PORT:-30333}"
RPC_BASE="${ABS_NET_RPC_BASE:-9944}"
PROM_BASE="${ABS_NET_PROM_BASE:-9615}"
BIN="${ABS_NODE_BIN:-$NODE_BIN}"
NAMES=(alice bob charlie dave)
mkdir -p "$NET_DIR"

index_of() {
	local i
	for i in "${!NAMES[@]}"; do [[ "${NAMES[$i]}" == "$1" ]] && { echo "$i"; return; }; done
	die "unknown validator '$1' (one of: ${NAMES[*]})"
}
p2p_port() { echo $((BASE_PORT + $(index_of "$1"))); }
rpc_port() { echo $((RPC_BASE + $(index_of "$1"))); }
prom_port() { echo $((PROM_BASE + $(index_of "$1"))); }
# Fixed, distinct libp2p keys: peer ids are stable so that every node can find Alice.
node_key() { printf '%064x' $(($(index_of "$1") + 1)); }
pid_of() { cat "$NET_DIR/$1.pid" 2>/dev/null || true; }
running() { local p; p=$(pid_of "$1"); [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }

rpc() { # port method [params-json]
	curl -s -m 3 -H 'content-type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"
}

bootnode() {
	local key_file="$NET_DIR/alice.nodekey" peer
	node_key alice >"$key_file"
	peer=$("$BIN" key inspect-node-key --file "$key_file")
	echo "/ip4/127.0.0.1/tcp/$(p2p_port alice)/p2p/$peer"
}

ensure_binary() {
	if [[ "${ABS_SKIP_BUILD:-0}" != 1 || ! -x "$BIN" ]]; then
		"$ROOT/scripts/build.sh"
	fi
	[[ -x "$BIN" ]] || die "no node binary at $BIN"
}

start_node() {
	local name=$1
	if running "$name"; then log "$name already running (pid $(pid_of "$name"))"; return; fi
	local boot
	boot=$(bootnode)
	"$BIN" --chain local "--$name" --validator \
		--base-path "$NET_DIR/$name" \
		--node-key "$(node_key "$name")" \
		--listen-addr "/ip4/127.0.0.1/tcp/$(p2p_port "$name")" \
		--bootnodes "$boot" \
		--rpc-port "$(rpc_port "$name")" --rpc-cors all "${RPC_LIMITS[@]}" \
		--prometheus-port "$(prom_port "$name")" \
		--no-telemetry --no-mdns --allow-private-ip \
		>>"$NET_DIR/$name.log" 2>&1 &
	echo $! >"$NET_DIR/$name.pid"
	log "$name: pid $!, p2p $(p2p_port "$name"), rpc ws://127.0.0.1:$(rpc_port "$name"), prometheus $(prom_port "$name"), log $NET_DIR/$name.log"
}

wait_rpc() {
	local name=$1 i
	for i in $(seq 1 600); do
		rpc "$(rpc_port "$name")" system_health | grep -q '"result"' && return 0
		running "$name" || die "$name exited; see $NET_DIR/$name.log"
		sleep 0.5
	done
	die "$name: RPC did not come up"
}

stop_node() {
	local name=$1 p i
	p=$(pid_of "$name")
	if [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; then
		kill -TERM "$p" 2>/dev/null || true
		for i in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
		kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null || true
		log "$name stopped"
	fi
	rm -f "$NET_DIR/$name.pid"
}

status() {
	local name port best fin
	for name in "${NAMES[@]}"; do
		port=$(rpc_port "$name")
		if running "$name"; then
			best=$(rpc "$port" chain_getHeader | sed -n 's/.*"number":"\(0x[0-9a-f]*\)".*/\1/p')
			fin=$(rpc "$port" chain_getFinalizedHead | sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')
			fin=$(rpc "$port" chain_getHeader "[\"$fin\"]" | sed -n 's/.*"number":"\(0x[0-9a-f]*\)".*/\1/p')
			printf '%-8s pid %-7s rpc %-5s best #%-6d finalized #%d\n' "$name" "$(pid_of "$name")" "$port" "$((best))" "$((fin))"
		else
			printf '%-8s down\n' "$name"
		fi
	done
}

case "${1:-}" in
start)
	ensure_binary
	for n in "${NAMES[@]}"; do start_node "$n"; done
	for n in "${NAMES[@]}"; do wait_rpc "$n"; done
	log "network up: connect to ws://127.0.0.1:$(rpc_port alice) (any of $(for n in "${NAMES[@]}"; do printf '%s ' "$(rpc_port "$n")"; done))"
	;;
stop) for n in "${NAMES[@]}"; do stop_node "$n"; done ;;
status) status ;;
start-node) [[ -n "${2:-}" ]] || die "usage: $0 start-node NAME"; ensure_binary; start_node "$2"; wait_rpc "$2" ;;
kill-node)
	[[ -n "${2:-}" ]] || die "usage: $0 kill-node NAME"
	p=$(pid_of "$2"); [[ -n "$p" ]] && kill -KILL "$p" 2>/dev/null || true
	rm -f "$NET_DIR/$2.pid"; log "$2 killed (SIGKILL)"
	;;
purge) for n in "${NAMES[@]}"; do stop_node "$n"; done; rm -rf "$NET_DIR"; log "purged $NET_DIR" ;;
*) sed -n '2,16p' "$0"; exit 2 ;;
esac
