#!/bin/sh
# mieux-actions-cli under valgrind memcheck ($VALGRIND, set by tests/meson.build):
# each command as a user runs it, on a database of its own; any memory error or
# definite leak fails (valgrind's exit status 1), a user error is status 1 too, so
# the expected status of each command is given.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export XDG_DATA_HOME="$dir/home"
db="$dir/actions.db"
src=$(dirname "$0")
n=0
fail=0
run() {
  want=$1; shift
  n=$((n + 1))
  $VALGRIND --error-exitcode=9 "$MA_CLI" "$@" >"$dir/out" 2>"$dir/err"
  got=$?
  if [ "$got" -eq "$want" ]; then
    echo "ok $n - $*"
  else
    echo "not ok $n - $* (status $got, expected $want)"
    sed 's/^/# /' "$dir/err"
    fail=1
  fi
}
echo "1..9"
run 0 init --sample-data --database "$db"
run 0 list --database "$db" --status ongoing --format json
run 0 show --database "$db" "Gran Chaco" --lang fr
run 0 check --database "$db"
run 0 import --format csv --mode update --database "$db" "$src/data/migrations/update.csv"
run 1 import --format json --dry-run --database "$db" "$src/fuzz/corpus/json/types.json"
run 0 export --format csv --database "$db" -o "$dir/all.csv"
run 0 backups --database "$db"
run 1 list --database "$dir/missing.db"
exit $fail
