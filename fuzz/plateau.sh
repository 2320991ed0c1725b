#!/usr/bin/env bash
# For each fuzz log in logs/, prints the run length and how edge coverage ("cov") grew: over the
# whole run, and in its second half. A target has levelled off when the second half adds next
# to nothing; growth to the very end means it has not.
cd "$(dirname "$0")"
printf '%-10s %10s %8s %8s %8s %14s %10s\n' target inputs seconds cov_start cov_end "2nd-half gain" last_gain
for log in logs/*.log; do
  awk -v name="$(basename "$log" .log)" '
    /^#[0-9]+/ {
      n = substr($1, 2) + 0
      for (i = 1; i <= NF; i++) if ($i == "cov:") cov = $(i + 1) + 0
      if (!started) { first = cov; started = 1 }
      if (cov > last_cov) { last_cov = cov; grew_at = n }
      inputs[++count] = n; covs[count] = cov
      total = n
    }
    /^Done [0-9]+ runs in/ { seconds = $5 }
    END {
      if (!total) exit
      half = first
      for (i = 1; i <= count; i++) if (inputs[i] <= total / 2) half = covs[i]
      printf "%-10s %10d %8s %8d %8d %6d (%4.2f%%) %9d%%\n", name, total, seconds, first, last_cov, last_cov - half, 100 * (last_cov - half) / last_cov, 100 * grew_at / total
    }
  ' "$log"
done
