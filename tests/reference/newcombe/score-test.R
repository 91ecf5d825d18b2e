# Two-sided p-values of the score test of a share against a norm, the test
# the Wilson interval inverts: prop.test(k, n, p0, correct = FALSE)$p.value.
# R 4.2.2 (Debian 12). Run: Rscript score-test.R > score-test.csv
cases <- rbind(c(5, 11, 0.25), c(10, 11, 0.25), c(0, 11, 0.85), c(11, 11, 0.85),
               c(30, 60, 0.5), c(18, 60, 0.25), c(1, 60, 0.15), c(49, 60, 0.85),
               c(42, 56, 0.25), c(3, 40, 0.1), c(123456, 654321, 0.19),
               c(1, 1, 0.5), c(7, 90, 0.2292))
cat("k,n,p0,p\n")
for (i in seq_len(nrow(cases))) {
  k <- cases[i, 1]; n <- cases[i, 2]; p0 <- cases[i, 3]
  suppressWarnings(p <- prop.test(k, n, p0, correct = FALSE)$p.value)
  cat(sprintf("%d,%d,%.17g,%.17g\n", k, n, p0, p))
}
