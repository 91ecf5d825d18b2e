# Reference for jamlik's inequality measures (src/stats/ineq.c), computed
# independently in base R from SCB's own file (data/statistics), not from
# jamlik's output: Göteborg's 147 RegSO in 2022.
#   Rscript ineq.R > ineq-reference.csv
d <- read.csv("../../../data/statistics/scb_regso2020_2020_2023_gbg_malmo_hbg.csv",
              colClasses = c(regso_2020_kod = "character", kommun_kod = "character"))
d <- d[d$kommun_kod == "1480", ]
f <- d$folkmangd_2022; s <- d$fodda_sverige_2022; inc <- d$medel_loneinkomst_tkr_2022
born_abroad <- 100 * (f - s) / f
city_abroad <- 100 * (sum(f) - sum(s)) / sum(f)

conc <- function(x, w, r) {
  o <- order(r); x <- x[o]; w <- w[o]; r <- r[o]
  N <- sum(w); mu <- sum(w * x) / N
  cw <- cumsum(w)
  g <- match(r, unique(r))                # tied ranks share one fractional rank
  gw <- tapply(w, g, sum); gend <- tapply(cw, g, max)
  R <- ((gend - gw / 2) / N)[g]
  2 * sum(w * (x - mu) * (R - sum(w * R) / N)) / N / mu
}
worst_fifth <- function(x, w, higher_better) {
  k <- ceiling(length(x) / 5)
  o <- order(x, decreasing = !higher_better)
  sum(w[o][1:k]) / sum(w)
}
out <- data.frame(case = character(), measure = character(), value = character())
add <- function(case, m, v) out[nrow(out) + 1, ] <<- c(case, m, sprintf("%.17g", v))
# Share born abroad, weighted by population, ranked by mean wage income.
x <- born_abroad
add("abroad", "areas", length(x)); add("abroad", "min", min(x)); add("abroad", "max", max(x))
add("abroad", "range", max(x) - min(x)); add("abroad", "best_to_worst", max(x) / min(x))
add("abroad", "mean_gap_to_city", sum(f * abs(x - city_abroad)) / sum(f))
add("abroad", "concentration_index", conc(x, f, inc))
# Mean wage income (higher is better), weighted, ranked by itself (Gini);
# a mean has no city value: the gap is to the weighted mean.
x <- inc; mu <- sum(f * x) / sum(f)
add("income", "best_to_worst", max(x) / min(x))
add("income", "mean_gap_to_city", sum(f * abs(x - mu)) / sum(f))
add("income", "worst_fifth_population_share", worst_fifth(x, f, TRUE))
add("income", "concentration_index", conc(x, f, x))
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
