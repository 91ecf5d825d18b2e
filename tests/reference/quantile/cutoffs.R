# Reference for `jamlik cutoffs derive` on the RISE instrument: R's own
# quantile(type = 7), RISE's choice, of the scores of the synthetic fixture
# tests/fixtures/rise-small.csv. The scores (rise-small-scores.csv) were
# written by `JAMLIK_LANG=en jamlik --format csv scores --wave 2024` on that
# fixture (imported with --areas primaromrade,mellanomrade); the e2e test
# 080-cutoffs checks that jamlik still gives exactly these scores, so the
# quantiles below are of the same numbers.
# Each cut-off's 95 % interval is the distribution-free one from order
# statistics (quantile-ci.R): x_(lo) to x_(hi) with lo = qbinom(0.025, n, p)
# and hi = qbinom(0.975, n, p) + 1, NA on a side the wave cannot bound;
# smaller_side counts the scores on the smaller side of the cut-off.
#   Rscript cutoffs.R > rise-small-cutoffs.csv
s <- read.csv("rise-small-scores.csv", colClasses = c(score = "numeric"))
s <- s[!is.na(s$score), ]
protective <- c("SkolaPositiv", "Wellbeing")
out <- NULL
for (sc in unique(s$scale)) {
  p <- if (sc %in% protective) c(15, 85) else c(75, 90)
  x <- sort(s$score[s$scale == sc])
  n <- length(x)
  q <- quantile(x, p / 100, type = 7, names = FALSE)
  lo <- qbinom(0.025, n, p / 100)
  hi <- qbinom(0.975, n, p / 100) + 1
  above <- sapply(q, function(v) sum(x > v))
  out <- rbind(out, data.frame(scale = sc, cutoff = paste0("p", p),
                               value = sprintf("%.17g", q),
                               n = n,
                               ci_low = ifelse(lo >= 1, sprintf("%.17g", x[pmax(lo, 1)]), ""),
                               ci_high = ifelse(hi <= n, sprintf("%.17g", x[pmin(hi, n)]), ""),
                               smaller_side = pmin(above, n - above)))
}
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
