#!/usr/bin/env bash
# Puts the tables of a finished `sam4j compare` into the pages that quote it, so that no page's
# "Which SAM?" is typed by hand:
#   README.md         <!-- which-sam:summary --> ... <!-- /which-sam:summary -->  (compare.md's Summary)
#   docs/methods.md,  <!-- which-sam:table -->   ... <!-- /which-sam:table -->    (its table of every
#   BENCHMARKS.md                                                                  grid point, caption included)
# WhichSamTablesTest checks that the three pages agree. Usage: scripts/which-sam.sh COMPARE_DIR
set -euo pipefail
dir=${1:?usage: scripts/which-sam.sh COMPARE_DIR (the --out of a finished sam4j compare)}
md="$dir/compare.md"
[[ -f $md ]] || { echo "which-sam: $md not found: is $dir a finished sam4j compare?" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)

# The lines of compare.md from the heading "## NAME" to the next "## ", without either heading.
section() {
    awk -v name="## $1" '$0 == name {on = 1; next} on && /^## / {exit} on' "$md" | sed -e '/./,$!d' | tac | sed -e '/./,$!d' | tac
}
summary=$(section Summary)
table=$(section "Every grid point")
[[ -n $summary && -n $table ]] || { echo "which-sam: $md has no Summary or 'Every grid point' section (written by an older sam4j?)" >&2; exit 1; }

# Replaces the lines between the markers of $2 in file $1 with the text $3.
splice() {
    local file=$1 begin="<!-- which-sam:$2 -->" end="<!-- /which-sam:$2 -->"
    grep -qxF "$begin" "$file" && grep -qxF "$end" "$file" \
        || { echo "which-sam: $file lacks the lines $begin and $end" >&2; exit 1; }
    local body; body=$(mktemp)
    printf '%s\n' "$3" > "$body"
    awk -v begin="$begin" -v end="$end" -v body="$body" '
        $0 == begin {print; while ((getline line < body) > 0) print line; skip = 1; next}
        $0 == end {skip = 0}
        !skip' "$file" > "$file.tmp"
    mv "$file.tmp" "$file"
    rm -f "$body"
}
splice "$root/README.md" summary "$summary"
splice "$root/docs/methods.md" table "$table"
splice "$root/BENCHMARKS.md" table "$table"
echo "which-sam: README.md, docs/methods.md and BENCHMARKS.md now quote $md"
