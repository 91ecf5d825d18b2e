# Newcombe's hybrid score interval (method 10, Statistics in Medicine 17
# (1998) 873-890) of p1 - p2, 95 %, in base R from the two Wilson limits,
# which prop.test(k, n, correct = FALSE)$conf.int gives. R 4.2.2 (Debian 12).
# Run: Rscript newcombe.R > newcombe-r.csv   (from this folder)
cases <- read.csv("cases.csv")
wilson <- function(k, n) suppressWarnings(prop.test(k, n, correct = FALSE))$conf.int
cat("k1,n1,k2,n2,diff,lo,hi\n")
for (i in seq_len(nrow(cases))) {
  k1 <- cases$k1[i]; n1 <- cases$n1[i]; k2 <- cases$k2[i]; n2 <- cases$n2[i]
  p1 <- k1 / n1; p2 <- k2 / n2
  a <- wilson(k1, n1); b <- wilson(k2, n2)
  d <- p1 - p2
  lo <- d - sqrt((p1 - a[1])^2 + (b[2] - p2)^2)
  hi <- d + sqrt((a[2] - p1)^2 + (p2 - b[1])^2)
  cat(sprintf("%d,%d,%d,%d,%.17g,%.17g,%.17g\n", k1, n1, k2, n2, d, lo, hi))
}
