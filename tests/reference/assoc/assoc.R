# Reference for jamlik's correlations (src/stats/assoc.c) and composite
# index (jamlik index build), computed in base R from SCB's own files in
# data/statistics (not from jamlik): Göteborg's 147 RegSO, 2022.
#   Rscript assoc.R > assoc-reference.csv
d <- read.csv("../../../data/statistics/scb_regso2020_2020_2023_gbg_malmo_hbg.csv",
              colClasses = c(regso_2020_kod = "character", kommun_kod = "character"))
t <- read.csv("../../../data/statistics/scb_regso2020_omradestyp_2022_gbg_malmo_hbg.csv",
              colClasses = c(regso_2020_kod = "character", kommun_kod = "character"))
d <- merge(d[d$kommun_kod == "1480", ], t[, c("regso_2020_kod", "omradestyp_2022")])
inc <- d$medel_loneinkomst_tkr_2022
abroad <- 100 * (d$folkmangd_2022 - d$fodda_sverige_2022) / d$folkmangd_2022
rent <- 100 * d$lgh_hyresratt_2022 / (d$lgh_hyresratt_2022 + d$lgh_bostadsratt_2022 +
                                      d$lgh_aganderatt_2022 + d$lgh_upplatelseform_saknas_2022)
typ <- d$omradestyp_2022
fz <- function(r, n) tanh(atanh(r) + c(-1, 1) * qnorm(0.975) / sqrt(n - 3))
out <- data.frame(case = character(), measure = character(), value = character())
add <- function(case, m, v) out[nrow(out) + 1, ] <<- c(case, m, sprintf("%.17g", v))
n <- nrow(d)
for (m in c("pearson", "spearman")) {
  r <- cor(inc, typ, method = m)
  ci <- fz(r, n)
  add(paste0("income_vs_type_", m), "r", r)
  add(paste0("income_vs_type_", m), "ci_low", ci[1])
  add(paste0("income_vs_type_", m), "ci_high", ci[2])
}
# The composite: z-scores (sd with n - 1) turned by the signed weights
# 1, -1, -1, averaged by the sum of |weights|; types 1-5 by quantile of
# mid-ranks: floor((rank - 1) * 5 / n) + 1.
z <- function(x) (x - mean(x)) / sd(x)
comp <- (z(inc) - z(abroad) - z(rent)) / 3
type5 <- floor((rank(comp) - 1) * 5 / n) + 1
for (i in seq_len(n)) {
  add("index", d$regso_2020_kod[i], comp[i])
  add("index_type", d$regso_2020_kod[i], type5[i])
}
r <- cor(type5, typ, method = "spearman"); ci <- fz(r, n)
add("type_vs_omradestyp_spearman", "r", r)
add("type_vs_omradestyp_spearman", "ci_low", ci[1])
add("type_vs_omradestyp_spearman", "ci_high", ci[2])
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
