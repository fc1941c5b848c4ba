#!/bin/sh
# Adds to dist's generated Homebrew formula ($1) the lines that install
# the completions and the man page where brew looks for them (dist's
# formula has no hook for it and would leave them in pkgshare; see
# docs/releasing.md). Fails if dist's formula no longer has the line the
# extras go after, rather than publishing a formula without them.
set -eu
formula=$1
anchor='    install_binary_aliases!'
grep -qx "$anchor" "$formula" || {
    echo "$formula: no line '$anchor' to add the completions and man page after" >&2
    exit 1
}
grep -q 'man1.install "man/infoview.1"' "$formula" && exit 0
tmp=$formula.new
awk -v anchor="$anchor" '
    { print }
    $0 == anchor {
        print "    bash_completion.install \"completions/infoview.bash\" => \"infoview\""
        print "    zsh_completion.install \"completions/_infoview\""
        print "    fish_completion.install \"completions/infoview.fish\""
        print "    man1.install \"man/infoview.1\""
    }
' "$formula" > "$tmp"
mv "$tmp" "$formula"
