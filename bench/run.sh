#!/usr/bin/env bash
# Engine benchmarks: each workload in memory and durable (SQLite, temp folder) on MedZen.States, and on the peer
# (aws-local-stepfunctions 3.0.0) in the same run. Prints one table row per workload and mode.
# Usage: bench/run.sh [scale]   (scale multiplies the execution counts; default 1: each run lasts a few seconds, after a warm-up of
# a fifth of its count that is not timed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scale=${1:-1}
medzen=${MEDZEN_DLL:-src/MedZen.Server/bin/Release/net10.0/medzen.dll}
if [[ ! -f $medzen ]]; then dotnet build src/MedZen.Server -c Release -v q -nologo >/dev/null; fi
# The peer has its own package (it asks for Node 22; the build's tools work on Node 20 without a warning).
[[ -d bench/peer/node_modules/aws-local-stepfunctions ]] || npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error >/dev/null
node bench/engine/generate.mjs

last_json() { grep '^{"executions"' | tail -1; }
per_second() { sed -E 's/.*"perSecond":([0-9.]+).*/\1/'; }

printf '%-16s %10s %12s %12s %12s %10s %10s\n' workload executions in-memory/s durable/s peer/s mem/peer dur/peer
# name:input:in-memory count:durable count:peer count. The issue's three workloads, then the chain with simpler states
# (chain-plain: bare Pass states; chain-resultpath: Result and ResultPath), which cost the peer least.
for spec in pass-chain-100:pass-chain-100:20000:6000:2000 map-1000:map-1000:120:60:15 soap-shaped:soap-shaped:80000:15000:5000 \
  chain-plain:pass-chain-100:80000:12000:8000 chain-resultpath:pass-chain-100:60000:10000:6000; do
  IFS=: read -r name input engine_n durable_n peer_n <<<"$spec"
  engine_n=$((engine_n * scale)); durable_n=$((durable_n * scale)); peer_n=$((peer_n * scale))
  def=bench/engine/$name.asl.json; in=bench/engine/$input.input.json
  mem=$(dotnet "$medzen" states bench --definition "$def" --input "$in" --executions "$engine_n" --in-memory | last_json | per_second)
  dur=$(dotnet "$medzen" states bench --definition "$def" --input "$in" --executions "$durable_n" | last_json | per_second)
  peer=$(node bench/peer/run.mjs --definition "$def" --input "$in" --executions "$peer_n" | last_json | per_second)
  printf '%-16s %10s %12s %12s %12s %10s %10s\n' "$name" "$engine_n" "$mem" "$dur" "$peer" \
    "$(awk -v a="$mem" -v b="$peer" 'BEGIN{printf "%.1fx", a/b}')" "$(awk -v a="$dur" -v b="$peer" 'BEGIN{printf "%.1fx", a/b}')"
done
echo "load: $(uptime | sed 's/.*load average/load average/'), cores: $(nproc)"
