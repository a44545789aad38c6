#!/bin/sh
# Fails when a committed .ts file has an unfinished, vanished or obsolete message, or when
# lupdate, run on the current sources (the kiosk's lupdate project) into a temporary copy of each
# .ts, finds a message the committed file lacks or drops one it has (someone added or removed a
# tr() string without updating and translating the .ts files).
# Usage: check_translations.sh <lupdate> <project.cmake> <GenerateLUpdateProject.cmake> <work dir>
#        <lupdate options...> -- <ts files...>
set -u
lupdate=$1 project=$2 generator=$3 work=$4
shift 4
options=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do options="$options $1"; shift; done
[ $# -gt 0 ] && shift
rm -rf "$work" && mkdir -p "$work" || exit 2
cmake -DIN_FILE="$project" -DOUT_FILE="$work/project.json" -P "$generator" || exit 2
status=0
for ts in "$@"; do
  name=$(basename "$ts")
  fine=1
  bad=$(grep -c -E 'type="(unfinished|vanished|obsolete)"' "$ts")
  if [ "$bad" != 0 ]; then
    echo "FAIL $name: $bad unfinished, vanished or obsolete message(s):"
    grep -B2 -E 'type="(unfinished|vanished|obsolete)"' "$ts" | grep '<source>' | sed 's/^ */    /'
    fine=0
  fi
  cp "$ts" "$work/$name"
  # shellcheck disable=SC2086 # options are separate words
  if ! "$lupdate" -silent -project "$work/project.json" $options -ts "$work/$name" >"$work/$name.log" 2>&1; then
    cat "$work/$name.log"
    exit 2
  fi
  committed=$(grep -c '<message' "$ts")
  current=$(grep -c '<message' "$work/$name")
  if grep -q 'type="unfinished"' "$work/$name" && [ "$bad" = 0 ]; then
    echo "FAIL $name: the sources have messages the .ts lacks (run the update_translations target and translate):"
    grep -B2 'type="unfinished"' "$work/$name" | grep '<source>' | sed 's/^ */    /'
    fine=0
  fi
  if [ "$committed" != "$current" ]; then
    echo "FAIL $name: $committed messages committed, $current in the current sources (run update_translations)"
    fine=0
  fi
  if [ $fine = 1 ]; then echo "ok $name: $current messages, all finished"; else status=1; fi
done
exit $status
