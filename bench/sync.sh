#!/usr/bin/env bash
# How long `infoview sync` takes next to the git commands it stands for,
# with a local bare repository as the remote (so the network is out of
# the picture and only our own overhead shows):
#
#   no-op:       `infoview sync`             vs  `git fetch` + `git status`
#   one commit:  `infoview sync` (commits    vs  `git add -A` + `git commit`
#                one pending edit, pushes)        + `git fetch` + `git push`
#   one commit   `infoview sync` (pushes a   vs  `git fetch` + `git push`
#   made:        commit already made)
#
# Usage: bench/sync.sh [CONTACTS] [RUNS]   (defaults: 2000 contacts, 20 runs)
# Prints the median and the min of each, in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."

contacts=${1:-2000}
runs=${2:-20}
cargo build --release --quiet
bin="${INFOVIEW_BIN:-$PWD/target/release/infoview}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/home/.gitconfig"
export INFOVIEW_TODAY=2026-06-15
mkdir -p "$HOME"
git config --global user.name "Sam Rivera"
git config --global user.email sam@example.org
git config --global init.defaultBranch main

git init -q --bare "$work/remote.git"
git init -q "$work/journal"
cd "$work/journal"
mkdir -p contacts interviews/2026
for i in $(seq 1 "$contacts"); do
  printf -- '---\nname: Person %d\ncompany: Company %d\nrole: Analyst\nmet_via: alumni\n---\nNotes on person %d.\n' \
    "$i" $((i % 97)) "$i" >"contacts/person-$i.md"
  if [ $((i % 2)) -eq 0 ]; then
    printf -- '---\ncontact: person-%d\nstatus: done\ndate: 2026-03-%02d\nthank_you: 2026-03-%02d\n---\n## Questions\n- What is a typical day like?\n\n## Notes\nLearned a lot.\n' \
      "$i" $((i % 28 + 1)) $((i % 28 + 1)) >"interviews/2026/2026-03-$((i % 28 + 1))-person-$i.md"
  fi
done
git add -A && git commit -q -m "journal"
git remote add origin "$work/remote.git"
git push -q -u origin main
files=$(git ls-files | wc -l)

# time_ms CMD...: runs CMD once, prints milliseconds.
time_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}

# stats NAME MS...: prints the median and the min.
stats() {
  local name=$1
  shift
  local sorted
  sorted=$(printf '%s\n' "$@" | sort -n)
  local n=$#
  local median min
  median=$(echo "$sorted" | sed -n "$(((n + 1) / 2))p")
  min=$(echo "$sorted" | head -1)
  printf '%-48s median %5d ms   min %5d ms\n' "$name" "$median" "$min"
}

noop_sync() { "$bin" -q sync; }
noop_git() { git fetch -q origin && git status --porcelain >/dev/null; }
edit() { printf 'Edit %s.\n' "$1" >>contacts/person-1.md; }
commit_sync() { "$bin" -q sync; }
commit_git() { git add -A && git commit -q -m "edit" && git fetch -q origin && git push -q origin main; }
push_git() { git fetch -q origin && git push -q origin main; }
push_sync() { "$bin" -q sync; }

# Warm the caches once.
noop_sync
noop_git

a=() b=() c=() d=() e=() f=()
for i in $(seq 1 "$runs"); do
  a+=("$(time_ms noop_sync)")
  b+=("$(time_ms noop_git)")
  edit "s$i"
  c+=("$(time_ms commit_sync)")
  edit "g$i"
  d+=("$(time_ms commit_git)")
  edit "p$i"
  git add -A && git commit -q -m "edit p$i"
  e+=("$(time_ms push_git)")
  edit "q$i"
  git add -A && git commit -q -m "edit q$i"
  f+=("$(time_ms push_sync)")
done

echo "journal: $files files; local bare remote; $runs runs each"
stats "no-op: infoview sync" "${a[@]}"
stats "no-op: git fetch + git status" "${b[@]}"
stats "one commit: infoview sync" "${c[@]}"
stats "one commit: git add+commit+fetch+push" "${d[@]}"
stats "one commit made: infoview sync" "${f[@]}"
stats "one commit made: git fetch + git push" "${e[@]}"

# hyperfine (Debian package `hyperfine`), when present, times the same
# pairs with a fresh commit prepared before every run and reports means.
if command -v hyperfine >/dev/null; then
  echo
  echo "hyperfine, $runs runs each (the git side runs under sh -c: ~1 ms more):"
  hyperfine -N -w 3 -r "$runs" \
    "$bin -q sync" "sh -c 'git fetch -q origin && git status --porcelain >/dev/null'" 2>&1 |
    grep -E '^Benchmark|Time \(mean'
  prepare="sh -c 'printf x >>contacts/person-1.md && git commit -qam edit'"
  hyperfine -N -w 3 -r "$runs" --prepare "$prepare" \
    "$bin -q sync" "sh -c 'git fetch -q origin && git push -q origin main'" 2>&1 |
    grep -E '^Benchmark|Time \(mean'
fi
