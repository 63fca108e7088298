#!/usr/bin/env bash
# Runs the README's quick start, line by line as it is printed, on a clean clone of this
# repository's HEAD, against the Marketo simulator; fails unless every line succeeds and the sync
# leaves the simulator holding exactly the sample's users with nothing waiting in the outbox.
#
# What it changes from the README, and why:
#   - the tool goes to a folder of the clone (--tool-path), not ~/.dotnet/tools (--global), so
#     the check leaves the machine as it found it;
#   - the line "in another terminal" (simulate) runs in the background, and the script waits until
#     the simulator says it listens;
#   - `highwater run` (until Ctrl+C) is started, and stopped with SIGTERM (which it treats as
#     Ctrl+C; a background job of a script ignores SIGINT) once it logs that it runs;
#   - HIGHWATER_QUICKSTART_PORT (default 8080, the README's) replaces the port where it is busy.
# Usage: eng/quickstart-check.sh   (from anywhere; needs git, curl, jq and the .NET SDK)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${HIGHWATER_QUICKSTART_PORT:-8080}"
work="$(mktemp -d "${TMPDIR:-/tmp}/hw-quickstart-XXXXXX")"
simulator=""
cleanup() {
  if [ -n "$simulator" ]; then kill "$simulator" 2>/dev/null || true; wait "$simulator" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "quickstart-check: FAILED: $*" >&2; [ -f "$work/simulator.log" ] && tail -20 "$work/simulator.log" >&2; exit 1; }

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  fail "port $port on 127.0.0.1 is busy; set HIGHWATER_QUICKSTART_PORT to a free one"
fi

git clone --quiet --no-local "$repo" "$work/clone"
cd "$work/clone"
[ ! -e samples/quickstart/app.db ] || fail "the clean clone holds samples/quickstart/app.db"

# The quick start: the first ```sh block after "## Quick start".
mapfile -t lines < <(awk '/^## Quick start/{q=1} q&&/^```sh/{b=1;next} b&&/^```/{exit} b' README.md)
[ "${#lines[@]}" -ge 8 ] || fail "no quick start block in README.md"

export PATH="$work/tools:$PATH"
for line in "${lines[@]}"; do
  command="${line%%#*}"                                  # the comment off
  command="$(echo "$command" | sed -e 's/[[:space:]]*$//' -e "s/--global/--tool-path $(printf '%s' "$work/tools" | sed 's/[\/&]/\\&/g')/" -e "s/8080/$port/g")"
  [ -n "$command" ] || continue
  if [[ "$command" == "highwater init "* && "$port" != 8080 ]]; then
    command="$command --base-url http://127.0.0.1:$port/"
  fi
  echo "+ $command" >&2
  case "$command" in
    *" simulate "*)
      $command > "$work/simulator.log" 2>&1 &
      simulator=$!
      for _ in $(seq 1 600); do
        grep -q "listening on" "$work/simulator.log" && break
        kill -0 "$simulator" 2>/dev/null || fail "the simulator stopped: $command"
        sleep 0.1
      done
      grep -q "listening on" "$work/simulator.log" || fail "the simulator did not listen within 60 s"
      ;;
    "highwater run")
      $command > "$work/run.log" 2>&1 &
      service=$!
      for _ in $(seq 1 600); do
        grep -q "Running as worker" "$work/run.log" && break
        kill -0 "$service" 2>/dev/null || fail "highwater run stopped by itself: $(tail -5 "$work/run.log")"
        sleep 0.1
      done
      kill -TERM "$service"
      wait "$service" || fail "highwater run did not stop cleanly (exit $?): $(tail -5 "$work/run.log")"
      sed 's/^/  run: /' "$work/run.log" >&2
      ;;
    cd\ *|export\ *)
      eval "$command"
      ;;
    *)
      $command || fail "exit $?: $command"
      ;;
  esac
done

# The sync exported every user of the sample (init makes 1,000 by default), none failed, nothing waits.
users=1000
held="$(curl -sf "http://127.0.0.1:$port/_sim/state" | jq '.records | length')"
[ "$held" = "$users" ] || fail "the simulator holds $held leads, the source $users users"
status="$(highwater status --json)"
waiting="$(echo "$status" | jq '[.destinations[].outbox.total] | add')"
dead="$(echo "$status" | jq '[.destinations[].deadLetters] | add')"
[ "$waiting" = 0 ] || fail "$waiting rows still wait in the outbox"
[ "$dead" = 0 ] || fail "$dead dead letters"

# The sample folder of the README: init fills it from the clean clone, and it validates.
cd "$work/clone"
highwater init samples/quickstart --users 200 > /dev/null || fail "init samples/quickstart"
(cd samples/quickstart && highwater validate > /dev/null) || fail "samples/quickstart does not validate"

echo "quickstart-check: the README's quick start synced $held users on a clean clone" >&2
