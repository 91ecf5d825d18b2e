# Reference for jl_stats_quantile_ci (src/stats/quantile.c): the
# distribution-free interval [x_(lo), x_(hi)] of the p-quantile from order
# statistics (Hahn & Meeker 1991, section 5.2), with its indices from R's
# own qbinom and its exact coverage from R's pbinom.
#   Rscript quantile-ci.R > quantile-ci.csv     (R 4.2.2, Debian 12)
# lo = 0 stands for "no lower bound", hi = n + 1 for "no upper bound".
out <- NULL
for (level in c(0.95, 0.9)) {
  for (n in c(1, 2, 5, 10, 20, 30, 40, 50, 100, 287, 1000, 5000, 100000)) {
    for (p in c(0.15, 0.25, 0.5, 0.75, 0.85, 0.9, 0.95, 0.99)) {
      lo <- qbinom((1 - level) / 2, n, p)
      hi <- qbinom((1 + level) / 2, n, p) + 1
      cov <- (if (hi > n) 1 else pbinom(hi - 1, n, p)) -
             (if (lo == 0) 0 else pbinom(lo - 1, n, p))
      out <- rbind(out, data.frame(level = level, n = n, p = p, lo = lo, hi = hi,
                                   coverage = sprintf("%.17g", cov)))
    }
  }
}
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
