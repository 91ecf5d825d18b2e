# Reference for `jamlik cutoffs derive` on the RISE instrument: R's own
# quantile(type = 7), RISE's choice, of the scores of the synthetic fixture
# tests/fixtures/rise-small.csv. The scores (rise-small-scores.csv) were
# written by `JAMLIK_LANG=en jamlik --format csv scores --wave 2024` on that
# fixture (imported with --areas primaromrade,mellanomrade); the e2e test
# 080-cutoffs checks that jamlik still gives exactly these scores, so the
# quantiles below are of the same numbers.
#   Rscript cutoffs.R > rise-small-cutoffs.csv
s <- read.csv("rise-small-scores.csv", colClasses = c(score = "numeric"))
s <- s[!is.na(s$score), ]
protective <- c("SkolaPositiv", "Wellbeing")
out <- NULL
for (sc in unique(s$scale)) {
  p <- if (sc %in% protective) c(15, 85) else c(75, 90)
  q <- quantile(s$score[s$scale == sc], p / 100, type = 7, names = FALSE)
  out <- rbind(out, data.frame(scale = sc, cutoff = paste0("p", p),
                               value = sprintf("%.17g", q),
                               n = sum(s$scale == sc)))
}
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
