#!/usr/bin/env bash
# Benchmarks `costgate tokens` against tiktoken 0.14.0 as whole processes (rank-file load included).
#
# Usage: Tests/Benchmarks/tokens/run.sh [RUNS]   (default 5 runs per command; the median wall time is reported,
# and hyperfine's comparison too when hyperfine is installed)
#
# It builds costgate in release mode, builds the corpus in Tests/Benchmarks/data/tokens (git-ignored) if missing,
# creates a venv with tiktoken 0.14.0 at .venv-tok if missing (or uses $TIKTOKEN_PYTHON), checks that
# both tools give the same total for each encoding, and prints MB/s and the speed ratio. The tiktoken
# side calls len(enc.encode_ordinary(text)) once per file: single-threaded, the common call
# (encode_ordinary_batch would use a thread pool). costgate is measured as shipped (it may count
# chunks of large files on several threads) and with COSTGATE_THREADS=1 (one thread).
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-5}

swift build -c release >/dev/null
COSTGATE=.build/release/costgate
[ -d Tests/Benchmarks/data/tokens ] || python3 Tests/Benchmarks/tokens/make_corpus.py
PY=${TIKTOKEN_PYTHON:-.venv-tok/bin/python}
if [ ! -x "$PY" ]; then
    python3 -m venv .venv-tok
    .venv-tok/bin/pip install -q tiktoken==0.14.0
    PY=.venv-tok/bin/python
fi
FILES=(Tests/Benchmarks/data/tokens/*)
BYTES=$(cat "${FILES[@]}" | wc -c)
echo "corpus: ${#FILES[@]} files, $BYTES bytes; $(nproc) cores; $RUNS runs each, median wall time"

# Prints the median wall time in seconds of RUNS runs of the command.
median() {
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc -l)")
        if command -v hyperfine >/dev/null; then
        hyperfine --warmup 1 --runs "$RUNS" -N \
            "$COSTGATE tokens --encoding $ENCODING ${FILES[*]}" \
            "$PY Tests/Benchmarks/tokens/tiktoken_count.py $ENCODING ${FILES[*]}"
    fi
done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

for ENCODING in o200k_base cl100k_base; do
    OURS=$($COSTGATE tokens --encoding "$ENCODING" --format json "${FILES[@]}" | awk -F': ' '/total_tokens/ {print $2}')
    THEIRS=$("$PY" Tests/Benchmarks/tokens/tiktoken_count.py "$ENCODING" "${FILES[@]}")
    if [ "$OURS" != "$THEIRS" ]; then
        echo "$ENCODING: COUNT MISMATCH costgate=$OURS tiktoken=$THEIRS" >&2
        exit 1
    fi
    T_OURS=$(median "$COSTGATE" tokens --encoding "$ENCODING" "${FILES[@]}")
    T_ONE=$(COSTGATE_THREADS=1 median "$COSTGATE" tokens --encoding "$ENCODING" "${FILES[@]}")
    T_THEIRS=$(median "$PY" Tests/Benchmarks/tokens/tiktoken_count.py "$ENCODING" "${FILES[@]}")
    # Startup: load the ranks and count a one-line file.
    S_OURS=$(median "$COSTGATE" tokens --encoding "$ENCODING" Tests/Benchmarks/tokens/hello.txt)
    S_THEIRS=$(median "$PY" Tests/Benchmarks/tokens/tiktoken_count.py "$ENCODING" Tests/Benchmarks/tokens/hello.txt)
    awk -v e="$ENCODING" -v n="$OURS" -v b="$BYTES" -v o="$T_OURS" -v s="$T_ONE" -v t="$T_THEIRS" \
        -v so="$S_OURS" -v st="$S_THEIRS" 'BEGIN {
        printf "%s: %d tokens (equal)\n", e, n
        printf "  costgate            %6.3f s  %6.1f MB/s\n", o, b / o / 1e6
        printf "  costgate 1 thread   %6.3f s  %6.1f MB/s\n", s, b / s / 1e6
        printf "  tiktoken 0.14.0     %6.3f s  %6.1f MB/s\n", t, b / t / 1e6
        printf "  ratio tiktoken/costgate: %.2fx (1 thread: %.2fx)\n", t / o, t / s
        printf "  startup (one-line file): costgate %.3f s, tiktoken %.3f s\n", so, st
        printf "  after startup: costgate %.1f MB/s (1 thread %.1f), tiktoken %.1f MB/s\n", b / (o - so) / 1e6, b / (s - so) / 1e6, b / (t - st) / 1e6
    }'
    if command -v hyperfine >/dev/null; then
        hyperfine --warmup 1 --runs "$RUNS" -N \
            "$COSTGATE tokens --encoding $ENCODING ${FILES[*]}" \
            "$PY Tests/Benchmarks/tokens/tiktoken_count.py $ENCODING ${FILES[*]}"
    fi
done
