#!/usr/bin/env bash
# Runs every command in README.md's bash blocks, in order, in a fresh copy of the committed tree (no node_modules, no
# build output) in a temporary folder, with the shared data linked beside it as ../shared. Fails on the first command
# that fails, or when the demo, the AWS CLI call or eval did not print what the README promises.
# Three substitutions keep it safe on any machine: port 8080 becomes a free port, `--global` tool installs go to a
# tool folder inside the temporary folder, and `scripts/test.sh` is not run again (CI runs it itself).
#
# --in-place: run the commands in this tree itself, which must be a fresh clone (no untracked or ignored file: no
# node_modules, no build output) with the shared data at ../shared. CI uses it on its own fresh clone, so the demo's
# build is the first half of the test build instead of a second copy of it (about 80 s of CI). Afterwards every file
# the commands wrote is removed again, except build output and node_modules.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/medzen-readme.XXXXXX)
started=$(date +%s)
in_place=0
[ "${1:-}" = "--in-place" ] && in_place=1

cleanup() {
  if [ -f "$work/pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$work/pids"
    # A server removes its database's -wal/-shm files as it exits: wait for it, or git clean races it for them.
    while read -r pid; do
      for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    done <"$work/pids"
  fi
  if [ "$in_place" -eq 1 ]; then
    git -C "$root" clean -fdxq -e bin/ -e obj/ -e node_modules/
  fi
  rm -rf "$work"
}

mkdir -p "$work/tools"
if [ "$in_place" -eq 1 ]; then
  if [ -n "$(git -C "$root" status --porcelain --ignored)" ]; then
    echo "readme-check --in-place: $root is not a fresh clone (it has changed, untracked or ignored files); run without --in-place" >&2
    rm -rf "$work"
    exit 2
  fi
  if [ ! -d "$root/../shared" ]; then
    echo "readme-check --in-place: the README reads ../shared, and $root/../shared does not exist" >&2
    rm -rf "$work"
    exit 2
  fi
  repo="$root"
else
  repo="$work/repo"
  mkdir -p "$repo"
  git -C "$root" archive --format=tar HEAD | tar -x -C "$repo"
  ln -s "$(cd "${MEDZEN_SHARED:-$root/../shared}" && pwd)" "$work/shared"
fi
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# README bash blocks -> one script: continuation lines joined, substitutions made, and after a command sent to the
# background (a server) its pid is kept for cleanup and the script waits for the port before going on.
python3 - "$repo/README.md" "$port" "$work" >"$work/readme.sh" <<'PY'
import re, shlex, sys
readme, port, work = sys.argv[1], sys.argv[2], sys.argv[3]
blocks = re.findall(r"^```bash\n(.*?)^```", open(readme).read(), flags=re.S | re.M)
print("set -euo pipefail")
print(f'export PATH="{work}/tools:$PATH"')
for block in blocks:
    for command in block.replace("\\\n", " ").splitlines():
        command = command.strip()
        if not command or command.startswith("#"):
            continue
        if re.match(r"^scripts/test\.sh\b", command):
            print("echo '+ (skipped: scripts/test.sh, run by CI itself)'")
            continue
        command = command.replace("127.0.0.1:8080", f"127.0.0.1:{port}").replace("--global", f"--tool-path {work}/tools")
        print("echo " + shlex.quote("+ " + command))
        if command.endswith("&"):
            # Its output goes to a file: a server holding this script's stdout open would keep tee waiting.
            print(command[:-1].rstrip() + f' >>"{work}/background.log" 2>&1 &')
            print(f'echo $! >>"{work}/pids"')
            print(f"for _ in $(seq 600); do (echo >/dev/tcp/127.0.0.1/{port}) 2>/dev/null && break; sleep 0.2; done")
            print(f"for _ in $(seq 300); do curl -fsS http://127.0.0.1:{port}/health >/dev/null 2>&1 && break; sleep 0.2; done")
        else:
            print("started=$SECONDS")
            print(command)
            print('echo "  ($((SECONDS - started)) s)"')
print(f'if [ -f "{work}/pids" ]; then while read -r pid; do kill "$pid" 2>/dev/null || true; done <"{work}/pids"; fi')
PY

cd "$repo"
set +e
bash "$work/readme.sh" 2>&1 | tee "$work/readme.log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "readme-check: a README command failed (exit $status)" >&2
  exit 1
fi

missing=""
for expected in "SUCCEEDED" "## Subjective" "## Objective" "## Assessment" "## Plan" "soap-note" "ROUGE-1"; do
  grep -qF -- "$expected" "$work/readme.log" || missing="$missing '$expected'"
done
if [ -n "$missing" ]; then
  echo "readme-check: the README's commands ran but did not print:$missing" >&2
  exit 1
fi
where="a fresh copy"
[ "$in_place" -eq 1 ] && where="this fresh clone"
echo "readme-check: every README command worked in $where ($(($(date +%s) - started)) s)"
