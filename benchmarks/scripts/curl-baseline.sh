#!/usr/bin/env bash
# The floor for InstallPipelineBenchmark: the same 100 x 1 MiB incompressible tar.gz, served by
# python3 -m http.server on 127.0.0.1, timed as `curl | tee | sha256sum` then `tar xzf`.
# Usage: benchmarks/scripts/curl-baseline.sh [runs]
set -euo pipefail
runs="${1:-3}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/src/bench_plugin/data" "$work/www"
printf '[plugin]\nid = "bench_plugin"\nversion = "1.0.0"\n' > "$work/src/bench_plugin/plugin.toml"
for i in $(seq 0 99); do
  head -c 1048576 /dev/urandom > "$work/src/bench_plugin/data/blob-$i.bin"
done
tar czf "$work/www/bench_plugin-1.0.0.tar.gz" -C "$work/src" bench_plugin

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done

for r in $(seq 1 "$runs"); do
  out="$work/run-$r"
  mkdir -p "$out/x"
  start=$(date +%s%N)
  curl -sf "http://127.0.0.1:$port/bench_plugin-1.0.0.tar.gz" | tee "$out/b.tar.gz" | sha256sum >/dev/null
  tar xzf "$out/b.tar.gz" -C "$out/x"
  end=$(date +%s%N)
  echo "run $r: $(( (end - start) / 1000000 )) ms"
  rm -rf "$out"
done
