# Benjamini-Hochberg adjusted p-values: R 4.2.2's p.adjust(p, "BH"), NA
# kept out of the family (as jamlik keeps NaN out). Run: Rscript bh.R > bh.csv
set.seed(17)
sets <- list(
  c(0.01, 0.04, 0.03, 0.2, 0.5, 0.04, NA, 0.001, 1, 0.04),
  c(0.5),
  c(NA, 0.02, 0.02, 0.02),
  c(runif(40)^3, NA, NA),
  c(1e-10, 0.049, 0.051, 0.9, 0.0125))
cat("set,p,p_bh\n")
for (s in seq_along(sets)) {
  p <- sets[[s]]
  q <- p.adjust(p, "BH")
  for (i in seq_along(p))
    cat(sprintf("%d,%s,%s\n", s, ifelse(is.na(p[i]), "NA", sprintf("%.17g", p[i])),
                ifelse(is.na(q[i]), "NA", sprintf("%.17g", q[i]))))
}
