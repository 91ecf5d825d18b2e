# Reference values for jamlik's spatial weights and autocorrelation
# statistics, made with R spdep (Debian r-cran-spdep 1.2-7, r-cran-spdata
# 2.2.1, r-cran-sf 1.0-9; R 4.2.2). Run from the repository root:
#   Rscript tests/reference/spatial/spatial.R
# Writes tests/reference/spatial/*.csv. Snap is passed explicitly
# (sqrt(.Machine$double.eps), spdep 1.2's default) so that newer spdep
# versions give the same lists.
suppressMessages({ library(sf); library(spdep) })
out <- "tests/reference/spatial"
fx <- "tests/fixtures/spatial"
snap <- sqrt(.Machine$double.eps)
options(digits = 17)

edges <- function(nb, ids) {
  from <- rep(seq_along(nb), card(nb))
  to <- unlist(lapply(nb, function(v) v[v > 0]))
  data.frame(from = ids[from], to = ids[to])
}

planar <- function(path) { x <- st_read(path, quiet = TRUE); st_crs(x) <- NA; x }
col <- planar(file.path(fx, "columbus.shp"))
nc <- planar(file.path(fx, "nc.shp"))
trap <- planar(file.path(fx, "rooktrap.geojson"))
gbg <- st_transform(st_read("data/geo/goteborg_deso2025.geojson", quiet = TRUE), 3006)

col_id <- as.character(col$POLYID)
nc_id <- as.character(nc$FIPSNO)
gbg_id <- as.character(gbg$desokod)

wl <- list()
add_w <- function(case, nb, ids) {
  e <- edges(nb, ids)
  if (nrow(e)) wl[[length(wl) + 1]] <<- cbind(case = case, e)
}
nbq_col <- poly2nb(col, queen = TRUE, snap = snap)
nbr_col <- poly2nb(col, queen = FALSE, snap = snap)
nbq_nc <- poly2nb(nc, queen = TRUE, snap = snap)
nbr_nc <- poly2nb(nc, queen = FALSE, snap = snap)
add_w("columbus_queen", nbq_col, col_id)
add_w("columbus_rook", nbr_col, col_id)
add_w("nc_queen", nbq_nc, nc_id)
add_w("nc_rook", nbr_nc, nc_id)
add_w("trap_queen", poly2nb(trap, queen = TRUE, snap = snap), trap$id)
add_w("trap_rook", poly2nb(trap, queen = FALSE, snap = snap), trap$id)
add_w("gbg_queen", poly2nb(gbg, queen = TRUE, snap = snap), gbg_id)
add_w("gbg_rook", poly2nb(gbg, queen = FALSE, snap = snap), gbg_id)
# k nearest neighbours and a distance band between centroids (GEOS).
cc <- st_coordinates(st_centroid(st_geometry(col)))
add_w("columbus_knn4", knn2nb(knearneigh(cc, k = 4)), col_id)
add_w("columbus_band", dnearneigh(cc, 0, 0.8), col_id)
# A 5 x 5 grid of unit squares (written to the fixtures once): k nearest
# neighbours with ties at the k-th distance everywhere, and a band of 1.
g5 <- tests_grid <- st_sf(id = sprintf("g%02d", 1:25), geometry = st_make_grid(st_polygon(list(rbind(c(0, 0), c(5, 0), c(5, 5), c(0, 5), c(0, 0)))), n = c(5, 5)))
if (!file.exists(file.path(fx, "grid5.geojson")))
  st_write(g5, file.path(fx, "grid5.geojson"), quiet = TRUE)
g5 <- planar(file.path(fx, "grid5.geojson"))
c5 <- st_coordinates(st_centroid(st_geometry(g5)))
add_w("grid5_knn3", knn2nb(knearneigh(c5, k = 3)), g5$id)
add_w("grid5_band1", dnearneigh(c5, 0, 1), g5$id)
write.csv(do.call(rbind, wl), file.path(out, "weights.csv"), row.names = FALSE, quote = FALSE)

# Global and local statistics.
rows <- list()
put <- function(case, area, measure, value)
  rows[[length(rows) + 1]] <<- data.frame(case = case, area = area, measure = measure,
                                           value = sprintf("%.17g", value))
glob <- function(case, x, lw, do_g) {
  c0 <- spweights.constants(lw, zero.policy = TRUE)
  for (m in c("n", "S0", "S1", "S2")) put(case, "", m, c0[[m]])
  for (r in c(TRUE, FALSE)) {
    tag <- if (r) "rand" else "norm"
    mt <- moran.test(x, lw, randomisation = r, zero.policy = TRUE)
    put(case, "", "moran_I", mt$estimate[1]); put(case, "", "moran_E", mt$estimate[2])
    put(case, "", paste0("moran_var_", tag), mt$estimate[3])
    put(case, "", paste0("moran_z_", tag), mt$statistic)
    put(case, "", paste0("moran_p_", tag), mt$p.value)
    gt <- geary.test(x, lw, randomisation = r, zero.policy = TRUE)
    put(case, "", "geary_C", gt$estimate[1])
    put(case, "", paste0("geary_var_", tag), gt$estimate[3])
    put(case, "", paste0("geary_z_", tag), gt$statistic)
    put(case, "", paste0("geary_p_", tag), gt$p.value)
  }
  if (do_g) {
    g <- globalG.test(x, lw, zero.policy = TRUE)
    put(case, "", "G", g$estimate[1]); put(case, "", "G_E", g$estimate[2])
    put(case, "", "G_var", g$estimate[3]); put(case, "", "G_z", g$statistic)
    put(case, "", "G_p", g$p.value)
  }
}
loc <- function(case, x, nb, lw, ids) {
  lm <- localmoran(x, lw, zero.policy = TRUE)
  q <- attr(lm, "quadr")$mean
  gi <- localG(x, lw, zero.policy = TRUE)
  lws <- nb2listw(include.self(nb), style = lw$style, zero.policy = TRUE)
  gs <- localG(x, lws, zero.policy = TRUE)
  for (i in seq_along(x)) {
    put(case, ids[i], "Ii", lm[i, 1]); put(case, ids[i], "E", lm[i, 2])
    put(case, ids[i], "V", lm[i, 3]); put(case, ids[i], "Z", lm[i, 4])
    put(case, ids[i], "P", lm[i, 5])
    rows[[length(rows) + 1]] <<- data.frame(case = case, area = ids[i], measure = "quad",
                                            value = as.character(q[i]))
    put(case, ids[i], "Gi", gi[i]); put(case, ids[i], "Gistar", gs[i])
  }
  adj <- p.adjust(lm[, 5], "BH")
  for (i in seq_along(x)) put(case, ids[i], "P_fdr", adj[i])
}
crime <- col$CRIME
lwW <- nb2listw(nbq_col, style = "W"); lwB <- nb2listw(nbq_col, style = "B")
glob("columbus_queen_W", crime, lwW, FALSE)
glob("columbus_queen_B", crime, lwB, TRUE)
glob("columbus_rook_S", crime, nb2listw(nbr_col, style = "S"), FALSE)
glob("columbus_rook_C", crime, nb2listw(nbr_col, style = "C"), TRUE)
loc("columbus_queen_W", crime, nbq_col, lwW, col_id)
loc("columbus_queen_B", crime, nbq_col, lwB, col_id)
knn <- knn2nb(knearneigh(cc, k = 4))
glob("columbus_knn4_W", crime, nb2listw(knn, style = "W"), FALSE)
loc("columbus_knn4_W", crime, knn, nb2listw(knn, style = "W"), col_id)
ft <- sqrt(1000) * (sqrt(nc$SID74 / nc$BIR74) + sqrt((nc$SID74 + 1) / nc$BIR74))
glob("nc_queen_W", ft, nb2listw(nbq_nc, style = "W"), FALSE)
glob("nc_queen_B", ft, nb2listw(nbq_nc, style = "B"), TRUE)
loc("nc_queen_W", ft, nbq_nc, nb2listw(nbq_nc, style = "W"), nc_id)
# Islands: the trap layer (3 areas without neighbours) with values 1..11,
# zero.policy and spdep's adjusted n.
nbt <- poly2nb(trap, queen = TRUE, snap = snap)
glob("trap_queen_W", seq_len(nrow(trap)) * 1.5, nb2listw(nbt, style = "W", zero.policy = TRUE), FALSE)
glob("trap_queen_B", seq_len(nrow(trap)) * 1.5, nb2listw(nbt, style = "B", zero.policy = TRUE), TRUE)
# Göteborg's RegSO 2025 (WGS 84 -> SWEREF 99 TM), share born abroad 2022
# from SCB's RegSO 2020 statistics, as jamlik's indicator utrikes_fodda_andel.
rg <- st_transform(st_read("data/geo/goteborg_regso2025.geojson", quiet = TRUE), 3006)
scb <- read.csv("data/statistics/scb_regso2020_2020_2023_gbg_malmo_hbg.csv")
scb <- scb[match(rg$regsokod, scb$regso_2020_kod), ]
stopifnot(!anyNA(scb$folkmangd_2022))
ut <- 100 * (scb$folkmangd_2022 - scb$fodda_sverige_2022) / scb$folkmangd_2022
nbrg <- poly2nb(rg, queen = TRUE, snap = snap)
glob("regso_utrikes_W", ut, nb2listw(nbrg, style = "W"), FALSE)
loc("regso_utrikes_W", ut, nbrg, nb2listw(nbrg, style = "W"), rg$regsokod)
write.csv(do.call(rbind, rows), file.path(out, "stats.csv"), row.names = FALSE, quote = FALSE)
# The values used, so the C side reads the same numbers.
write.csv(data.frame(id = nc_id, ft = sprintf("%.17g", ft)), file.path(out, "nc-ft.csv"),
          row.names = FALSE, quote = FALSE)
