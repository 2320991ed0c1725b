#!/usr/bin/env bash
# For each fuzz log in logs/, prints the run length and when edge coverage ("cov") last grew,
# as a share of the run: a late last growth means the target has not plateaued yet.
cd "$(dirname "$0")"
for log in logs/*.log; do
  awk -v name="$(basename "$log" .log)" '
    /^#[0-9]+/ {
      n = substr($1, 2) + 0
      for (i = 1; i <= NF; i++) if ($i == "cov:") cov = $(i + 1) + 0
      if (!started) { first = cov; started = 1 }
      if (cov > last_cov) { last_cov = cov; grew_at = n }
      total = n
    }
    END { if (total) printf "%-10s %9d inputs, cov %d -> %d, last grew at input %d (%.0f%% into the run)\n", name, total, first, last_cov, grew_at, 100 * grew_at / total }
  ' "$log"
done
