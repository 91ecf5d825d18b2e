# An independent reference for jamlik's segregation indices, written in
# base R from the formulas of research/spatial.md §4 (Massey & Denton
# 1988; Reardon & Firebaugh 2002; Mora & Ruiz-Castillo 2011; Elbers 2023;
# Morrill 1991), not from jamlik's code: pairs are summed directly (Gini
# over all pairs), logarithms natural. R segregation and PySAL segregation
# are not in Debian, so this script first checks itself against the values
# R segregation publishes (README, tests/testthat), then writes the
# reference values jamlik is tested against.
#   Rscript tests/reference/segregation/segregation.R   (repository root)
# Needs R spdep and sf (Debian r-cran-spdep, r-cran-sf) for the contiguity
# of Morrill's D. schools00.csv was made from segregation's schools00.rda:
#   load("schools00.rda"); w <- reshape(schools00[, c("state","school","race","n")],
#     idvar = c("state","school"), timevar = "race", direction = "wide"); w[is.na(w)] <- 0
suppressMessages({ library(sf); library(spdep) })
options(digits = 17)
out <- "tests/reference/segregation"

two <- function(x, t, nb = NULL) {
  keep <- t > 0; x <- x[keep]; t <- t[keep]; y <- t - x
  X <- sum(x); Y <- sum(y); T <- sum(t); P <- X / T; p <- x / t
  E <- P * log(1 / P) + (1 - P) * log(1 / (1 - P))
  Ei <- ifelse(p > 0, p * log(1 / p), 0) + ifelse(p < 1, (1 - p) * log(1 / (1 - p)), 0)
  atk <- function(b) 1 - (P / (1 - P)) * abs(sum((1 - p)^(1 - b) * p^b * t) / (P * T))^(1 / (1 - b))
  r <- c(focal_share = P,
         dissimilarity = 0.5 * sum(abs(x / X - y / Y)),
         gini = sum(outer(t, t) * abs(outer(p, p, "-"))) / (2 * T^2 * P * (1 - P)),
         isolation = sum((x / X) * (x / t)),
         exposure = sum((x / X) * (y / t)),
         theil_h = sum(t * (E - Ei)) / (E * T),
         "atkinson_0.1" = atk(0.1), "atkinson_0.5" = atk(0.5), "atkinson_0.9" = atk(0.9))
  if (!is.null(nb)) {  # nb: a 0/1 matrix over the kept units
    nb <- nb[keep, keep]
    r["morrill_d"] <- r[["dissimilarity"]] - sum(nb * abs(outer(p, p, "-"))) / sum(nb)
  }
  r
}
mutual <- function(tab) {  # units x groups
  tab <- tab[rowSums(tab) > 0, , drop = FALSE]
  pij <- tab / sum(tab); pi <- rowSums(pij); pj <- colSums(pij)
  sum(ifelse(pij > 0, pij * log(pij / outer(pi, pj)), 0))
}
multi <- function(tab, part = NULL) {
  keep <- rowSums(tab) > 0; tab <- tab[keep, , drop = FALSE]
  t <- rowSums(tab); T <- sum(t); pm <- colSums(tab) / T; pim <- tab / t
  I <- sum(pm * (1 - pm)); E <- sum(ifelse(pm > 0, pm * log(1 / pm), 0))
  dev <- sweep(pim, 2, pm)
  g <- 0
  for (m in seq_along(pm)) g <- g + sum(outer(t, t) * abs(outer(pim[, m], pim[, m], "-")))
  M <- mutual(tab)
  r <- c(multi_m = M, multi_h = M / E, multi_entropy = E,
         multi_d = sum(t * abs(dev)) / (2 * T * I),
         multi_gini = g / (2 * T^2 * I),
         multi_exposure = sum(sweep(dev^2 * t / T, 2, 1 - pm, "/")),
         multi_diversity = sum(t * dev^2) / (T * I))
  if (!is.null(part)) {
    part <- part[keep]
    between <- mutual(rowsum(tab, part))
    r["m_between"] <- between; r["m_within"] <- M - between
    r["h_between"] <- between / E; r["h_within"] <- (M - between) / E
    for (s in sort(unique(part))) {
      r[paste0("m_in_", s)] <- mutual(tab[part == s, , drop = FALSE])
      r[paste0("share_", s)] <- sum(tab[part == s, ]) / T
    }
  }
  ls <- rowSums(ifelse(pim > 0, pim * log(sweep(pim, 2, pm, "/")), 0))
  list(index = r, ls = ls, lq = sweep(pim, 2, pm, "/"), t = t)
}

# 1. Checks against R segregation's published values.
near <- function(a, b, tol, what) if (abs(a - b) > tol) stop(sprintf("%s: %.6f, published %s", what, a, b))
sch <- read.csv("tests/fixtures/segregation/schools00.csv")
races <- c("asian", "black", "hisp", "white", "native")
st <- as.matrix(sch[, races])
ms <- multi(st, sch$state)$index
near(ms[["multi_m"]], 0.426, 5e-4, "schools00 M")            # README: mutual_total
near(ms[["multi_h"]], 0.419, 5e-4, "schools00 H")
near(ms[["m_between"]], 0.0992, 5e-5, "M between states")    # README
near(ms[["h_between"]], 0.0977, 5e-5, "H between states")
near(ms[["m_within"]], 0.326, 5e-4, "M within states")
near(ms[["h_within"]], 0.321, 5e-4, "H within states")
# tests/testthat/test_dissimilarity.R: matrix_to_long(matrix(c(...), ncol = 2))
d2 <- function(v) { m <- matrix(v, ncol = 2); two(m[, 1], rowSums(m))[["dissimilarity"]] }
near(d2(c(100, 60, 40, 0, 0, 40, 60, 100)), 0.6, 1e-12, "D m1")
near(d2(c(80, 80, 20, 20, 20, 20, 80, 80)), 0.6, 1e-12, "D m2")
near(d2(c(100, 100, 0, 0, 0, 0, 100, 100)), 1, 1e-12, "D m3")
near(d2(c(100, 100, 100, 100, 100, 100)), 0, 1e-12, "D m0")
# test_mutual_total.R: two units, two groups, complete segregation: M = log(2)
near(mutual(matrix(c(10, 0, 0, 10), 2)), log(2), 1e-12, "M = log 2")
# local scores add up to M (README: sum(p * ls) = M)
mm <- multi(st)
near(sum(mm$t / sum(mm$t) * mm$ls), mm$index[["multi_m"]], 1e-12, "sum p ls = M")
cat("published values reproduced\n")

# 2. Reference values for jamlik.
rows <- list()
put <- function(case, unit, measure, v)
  rows[[length(rows) + 1]] <<- data.frame(case = case, unit = unit, measure = measure,
                                          value = sprintf("%.17g", v))
putall <- function(case, idx) for (k in names(idx)) put(case, "", k, idx[[k]])
scb <- read.csv("data/statistics/scb_deso2018_2022_gbg_malmo_hbg.csv", colClasses = c(deso = "character"))
# foreign background (focal) against Swedish background, three cities
putall("deso_bakgrund", c(two(scb$utlandsk_bakgrund, scb$utlandsk_bakgrund + scb$svensk_bakgrund),
                          multi(cbind(scb$utlandsk_bakgrund, scb$svensk_bakgrund), scb$kommun_namn)$index))
# birth region, three groups, within cities; local scores and quotients
br <- cbind(scb$fodda_sverige, scb$fodda_europa_utom_sverige, scb$fodda_ovriga_varlden_inkl_okand)
mb <- multi(br, scb$kommun_namn)
putall("deso_fodelse", c(two(br[, 1], rowSums(br)), mb$index))
for (i in seq_len(nrow(scb))) {
  put("deso_fodelse", scb$deso[i], "local_M", mb$ls[i])
  for (g in 1:3) put("deso_fodelse", scb$deso[i], paste0("lq_", g), mb$lq[i, g])
}
# Göteborg with Morrill's D: queen contiguity of DeSO 2025 polygons
# (spdep, snap = sqrt(eps), in SWEREF 99 TM) among the DeSO of the data.
gbg <- scb[scb$kommun_kod == 1480, ]
poly <- st_transform(st_read("data/geo/goteborg_deso2025.geojson", quiet = TRUE), 3006)
nb <- poly2nb(poly, queen = TRUE, snap = sqrt(.Machine$double.eps))
A <- nb2mat(nb, style = "B", zero.policy = TRUE)
dimnames(A) <- list(poly$desokod, poly$desokod)
ok <- gbg$deso %in% poly$desokod
gbg <- gbg[ok, ]
putall("gbg_bakgrund_morrill", two(gbg$utlandsk_bakgrund, gbg$utlandsk_bakgrund + gbg$svensk_bakgrund,
                                   A[gbg$deso, gbg$deso]))
put("gbg_bakgrund_morrill", "", "units", nrow(gbg))
# Göteborg's RegSO 2025 over 2020-2023: born abroad (folkmangd -
# fodda_sverige, focal) against born in Sweden, Morrill's D with spdep's
# queen contiguity of the RegSO 2025 map.
rg <- st_transform(st_read("data/geo/goteborg_regso2025.geojson", quiet = TRUE), 3006)
rs <- read.csv("data/statistics/scb_regso2020_2020_2023_gbg_malmo_hbg.csv")
rs <- rs[match(rg$regsokod, rs$regso_2020_kod), ]
Ar <- nb2mat(poly2nb(rg, queen = TRUE, snap = sqrt(.Machine$double.eps)), style = "B")
for (y in 2020:2023) {
  tot <- rs[[paste0("folkmangd_", y)]]; sw <- rs[[paste0("fodda_sverige_", y)]]
  putall(paste0("regso_utrikes_", y), c(two(tot - sw, tot, Ar), multi(cbind(tot - sw, sw))$index))
}
# North Carolina's counties (tests/fixtures/spatial/nc.shp, planar):
# non-white births 1974-78 against the others, Morrill's D with spdep's
# queen contiguity.
nc <- st_read("tests/fixtures/spatial/nc.shp", quiet = TRUE); st_crs(nc) <- NA
Anc <- nb2mat(poly2nb(nc, queen = TRUE, snap = sqrt(.Machine$double.eps)), style = "B")
putall("nc_nwbir", c(two(nc$NWBIR74, nc$BIR74, Anc),
                     multi(cbind(nc$NWBIR74, nc$BIR74 - nc$NWBIR74))$index))
# schools00: race by school within states
putall("schools00", c(two(st[, "black"], rowSums(st)), multi(st, sch$state)$index))
write.csv(do.call(rbind, rows), file.path(out, "segregation-reference.csv"), row.names = FALSE,
          quote = FALSE)
