# Reference person locations for jamlik's Rasch PCM scoring (stats/rasch.c).
# For every RISE index: each complete-data raw score class, and incomplete
# patterns (the first item, the first two, or the last three left out);
# WLE (Warm 1989: root of r - E + J/(2I)) and ML (root of r - E), each with
# SE = 1/sqrt(I). Category probabilities come from psychotools::ppcm
# (psychotools 0.7-2, Debian r-cran-psychotools; the unexported psychotools:::ppcm), a PCM implementation
# independent of jamlik's; roots by uniroot on (-15, 15), tol 1e-13.
# R 4.2.2 (Debian 12). Run from this folder:
#   Rscript rasch.R > rasch-reference.csv
suppressMessages(library(psychotools))
items <- read.csv("../../../data/instruments/sthlmsenk-rasch-items.csv",
                  stringsAsFactors = FALSE)
moments <- function(theta, deltas) {
  E <- 0; I <- 0; J <- 0
  for (d in deltas) {
    p <- psychotools:::ppcm(theta, list(d))[[1]][1, ]
    x <- seq_along(p) - 1
    e <- sum(x * p)
    E <- E + e
    I <- I + sum((x - e)^2 * p)
    J <- J + sum((x - e)^3 * p)
  }
  c(E, I, J)
}
est <- function(r, deltas, method) {
  f <- function(t) {
    m <- moments(t, deltas)
    if (method == "ml") r - m[1] else r - m[1] + m[3] / (2 * m[2])
  }
  t <- uniroot(f, c(-15, 15), tol = 1e-13)$root
  c(t, 1 / sqrt(moments(t, deltas)[2]))
}
cat("index,items,raw,method,theta,se\n")
for (idx in unique(items$index)) {
  rows <- items[items$index == idx, ]
  th <- lapply(seq_len(nrow(rows)), function(i) {
    v <- unlist(rows[i, c("threshold_1", "threshold_2", "threshold_3", "threshold_4")])
    v[!is.na(v)]
  })
  n <- length(th)
  sets <- list(seq_len(n), seq_len(n)[-1], seq_len(n)[-(1:2)], seq_len(n - 3))
  for (s in sets) {
    deltas <- th[s]
    maxr <- sum(sapply(deltas, length))
    for (r in 0:maxr) {
      label <- paste(rows$item[s], collapse = "|")
      w <- est(r, deltas, "wle")
      cat(sprintf("%s,%s,%d,wle,%.15g,%.15g\n", idx, label, r, w[1], w[2]))
      if (r > 0 && r < maxr) {
        m <- est(r, deltas, "ml")
        cat(sprintf("%s,%s,%d,ml,%.15g,%.15g\n", idx, label, r, m[1], m[2]))
      }
    }
  }
}
