#!/usr/bin/env bash
# Set up, build and start a development chain (one authority, Alice; 1-second days).
#   scripts/run-dev.sh          persistent chain under .local/dev (survives restarts)
#   scripts/run-dev.sh --tmp    throw-away chain
# Extra arguments go to abs-node. RPC on ws://127.0.0.1:9944, Prometheus on :9615.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"

args=(--dev --rpc-cors all --rpc-port "${ABS_RPC_PORT:-9944}" --prometheus-port "${ABS_PROMETHEUS_PORT:-9615}" "${RPC_LIMITS[@]}")
if [[ " $* " == *" --tmp "* ]]; then
	args+=("$@")
else
	args+=(--base-path "$LOCAL_DIR/dev" "$@")
fi
port="${ABS_RPC_PORT:-9944}"
cat >&2 <<MSG
[abs] starting the dev chain: $NODE_BIN ${args[*]}
[abs] JSON-RPC (WebSocket and HTTP): ws://127.0.0.1:$port  http://127.0.0.1:$port
[abs] connect: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$port
[abs]   or: node -e "const {ApiPromise,WsProvider}=require('@polkadot/api');ApiPromise.create({provider:new WsProvider('ws://127.0.0.1:$port')}).then(a=>a.rpc.chain.getHeader()).then(h=>{console.log(h.number.toNumber());process.exit()})"
[abs]   custom RPC: curl -s -H 'content-type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"abs_today","params":[]}' http://127.0.0.1:$port
MSG
exec "$NODE_BIN" "${args[@]}"
