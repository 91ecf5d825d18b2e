# Reference for jl_stats_quantile7 (tests/unit/test_quantile.c): R's
# quantile(x, p, type = 7) for vectors of many lengths, with ties, negative
# values and a constant vector, at the percentiles jamlik uses and the ends.
#   Rscript quantile.R   (writes quantile-vectors.csv and quantile-reference.csv)
set.seed(20261125)
ps <- c(0, 0.1, 0.15, 0.25, 0.5, 0.75, 0.85, 0.9, 0.99, 1)
rows <- NULL
vrows <- NULL
vecs <- list()
for (n in c(1, 2, 3, 4, 5, 7, 10, 11, 60, 101, 997)) vecs[[length(vecs) + 1]] <- rnorm(n)
vecs[[length(vecs) + 1]] <- round(rnorm(200), 1)     # many ties
vecs[[length(vecs) + 1]] <- rep(0.3, 9)              # constant
vecs[[length(vecs) + 1]] <- c(-1e300, 0, 1e300)      # extremes
for (v in seq_along(vecs)) {
  x <- vecs[[v]]
  q <- quantile(x, ps, type = 7, names = FALSE)
  rows <- rbind(rows, data.frame(vector = v, p = ps, value = sprintf("%.17g", q)))
  vrows <- rbind(vrows, data.frame(vector = v, x = paste(sprintf("%.17g", x), collapse = " ")))
}
write.csv(rows, "quantile-reference.csv", row.names = FALSE, quote = FALSE)
write.csv(vrows, "quantile-vectors.csv", row.names = FALSE, quote = FALSE)
