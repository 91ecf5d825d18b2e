# Wilson score intervals (95 %) computed with R's prop.test without
# continuity correction, which is the Wilson interval. R 4.2.2 (Debian 12).
# Run: Rscript wilson.R > wilson.csv
cases <- rbind(c(3, 40), c(0, 10), c(10, 10), c(1, 1), c(5, 10), c(12, 37),
               c(250, 1000), c(1, 1000), c(999, 1000), c(7, 11), c(123456, 654321))
cat("k,n,lo,hi\n")
for (i in seq_len(nrow(cases))) {
  k <- cases[i, 1]; n <- cases[i, 2]
  ci <- prop.test(k, n, correct = FALSE)$conf.int
  cat(sprintf("%d,%d,%.17g,%.17g\n", k, n, ci[1], ci[2]))
}
