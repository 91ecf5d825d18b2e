/*
 * The command table: name, one-line summary, long help, handler and the
 * store access it needs (checked in one place, main.c), as libgit2's
 * cli_cmds[] and cgit's cmds[].
 */
#include "cli/commands.h"
#include "core/i18n.h"

const jl_cmd jl_commands[] = {
    {"init", N_("Create a database"),
     N_("Usage: jamlik [--db PATH] init\n\n"
        "Creates an empty jamlik database at PATH (default ./jamlik.db) with the\n"
        "current schema. An existing database is brought up to date.\n"),
     cmd_init, JL_CMD_STORE_CREATE},
    {"instrument import", N_("Import an instrument file"),
     N_("Usage: jamlik instrument import FILE\n\n"
        "Checks FILE (see docs/instrument-format.md) and stores it. An instrument\n"
        "with the same id is replaced, unless it has waves and FILE changes its\n"
        "items or codes. Nothing is stored if FILE has any problem.\n"),
     cmd_instrument_import, JL_CMD_STORE_CREATE},
    {"instrument list", N_("List the instruments in the database"),
     N_("Usage: jamlik instrument list\n"), cmd_instrument_list, JL_CMD_STORE_RO},
    {"instrument show", N_("Show an instrument's scales, items and cut-offs"),
     N_("Usage: jamlik instrument show ID\n"), cmd_instrument_show, JL_CMD_STORE_RO},
    {"instrument check", N_("Check an instrument file and report every problem"),
     N_("Usage: jamlik instrument check FILE\n\n"
        "Reports every problem in FILE at once as FILE:LINE:COL: error: ...\n"
        "Exit status 0 if the file is usable, 1 if not.\n"),
     cmd_instrument_check, JL_CMD_NOSTORE},
    {"survey import", N_("Import a survey wave from CSV or SPSS .sav"),
     N_("Usage: jamlik survey import FILE --instrument ID --wave NAME [--date YYYY-MM-DD]\n"
        "         [--map FILE] [--areas DIV,DIV] [--encoding auto|utf-8|cp1252|latin1]\n"
        "         [--synthetic] [--strict] [--replace]\n\n"
        "Reads one wave of answers from CSV or, by the .sav extension, an SPSS\n"
        "file (ReadStat). Columns (variables): id, school, grade (6-9, gy1-gy3),\n"
        "sex (K, M or empty), one column per area division (named by the\n"
        "division id) and one per item of the instrument. --map renames columns\n"
        "and maps codes. In a .sav file, value labels that are the instrument's\n"
        "code labels say which code a value is; values SPSS declares missing are\n"
        "blank. The date orders waves; by default 1 January of a\n"
        "year-like name. Validity screens of the instrument exclude respondents\n"
        "with a recorded reason. Columns the instrument does not know are left\n"
        "aside and named (with --strict they are errors). Every problem is\n"
        "reported at once (the first 100); any leaves the database unchanged.\n"
        "--replace replaces a wave of the same name in the same transaction.\n"),
     cmd_survey_import, JL_CMD_STORE_RW},
    {"survey list", N_("List the imported waves"), N_("Usage: jamlik survey list\n"),
     cmd_survey_list, JL_CMD_STORE_RO},
    {"survey check", N_("Check a survey file and report every problem, importing nothing"),
     N_("Usage: jamlik survey check FILE --instrument ID [--map FILE] [--areas DIV,DIV]\n"
        "         [--encoding auto|utf-8|cp1252|latin1] [--strict]\n\n"
        "Reads FILE as survey import would and reports every problem at once\n"
        "(the first 100, then how many more) as FILE:LINE:COL: error: ... Writes\n"
        "nothing. Exit status 0 if the file would import, 1 if not.\n"),
     cmd_survey_check, JL_CMD_STORE_RO},
    {"survey delete", N_("Delete a wave and its answers"),
     N_("Usage: jamlik survey delete WAVE [--instrument ID]\n\n"
        "Deletes the wave with its respondents and their answers, in one\n"
        "transaction. To correct a wave, import it again with survey import\n"
        "--replace instead, which replaces it in one step.\n"),
     cmd_survey_delete, JL_CMD_STORE_RW},
    {"scores", N_("Scores per respondent and scale"),
     N_("Usage: jamlik scores --wave NAME [--instrument ID] [--cutoffs SET]\n\n"
        "Per respondent and scale: the score on the reported direction, its\n"
        "standard error (Rasch), the cut-offs reached, or why there is no score.\n"
        "For checking and research export; never publish it.\n"),
     cmd_scores, JL_CMD_STORE_RO},
    {"profile", N_("Shares at risk and with protection per area"),
     N_("Usage: jamlik profile --wave NAME[,NAME...] [--instrument ID] [--division D]\n"
        "         [--area CODE] [--by grade,sex] [--norm instrument|city] [--min-n N]\n"
        "         [--cutoffs SET] [--headline] [--group G] [--adjust bh|none]\n"
        "         [--unprotected]\n\n"
        "One row per area, grade, sex, scale and cut-off, with totals (T): the\n"
        "share reaching the cut-off with a 95 % Wilson interval, the norm and\n"
        "the difference, flagged worse or better than the norm (or the city)\n"
        "where the share differs from it. Flags are adjusted for the many\n"
        "comparisons of a wave (Benjamini-Hochberg over every shown cell of the\n"
        "division's areas, whatever the options show); with --adjust none, a\n"
        "flag is an interval wholly above or below the norm. Groups with fewer\n"
        "than N (default 10) scored respondents are suppressed. --headline keeps\n"
        "only each scale's headline cut-off (at risk / with protection). --group\n"
        "G reports a named group of areas of the division as one (jamlik areas\n"
        "group create). With several waves, oldest first, each cell per wave\n"
        "side by side and the change from one wave to the next in points with\n"
        "its 95 % interval (Newcombe's hybrid score), flagged where the interval\n"
        "excludes 0. Tables show what fits 120 columns; --wide shows them all.\n"
        "Cells the disclosure rules hide (too few answers, or hidden to protect\n"
        "other cells; docs/publishing.md) show no numbers; --unprotected shows\n"
        "the working view, marked not for publication.\n"),
     cmd_profile, JL_CMD_STORE_RO},
    {"priorities", N_("A shortlist of priority factors for an area"),
     N_("Usage: jamlik priorities --wave NAME --area CODE [--division D] [--top N]\n"
        "         [--instrument ID] [--norm instrument|city] [--min-n N]\n"
        "         [--adjust bh|none] [--unprotected]\n\n"
        "Ranks risk factors by how far the share at risk exceeds the norm and\n"
        "protective factors by how far the share with protection falls below\n"
        "it; ties go to factors flagged in more grades, then to factors that\n"
        "worsened since the previous wave (where the 95 % interval of the\n"
        "change lies wholly on the worse side). Prints the top N (default 5)\n"
        "of those worse than the norm as shown (by more than 0.0 points). Only\n"
        "cells the disclosure rules show are read;\n"
        "--unprotected shows the working view, marked not for publication.\n"),
     cmd_priorities, JL_CMD_STORE_RO},
    {"cutoffs derive", N_("Derive local cut-offs from a reference wave"),
     N_("Usage: jamlik cutoffs derive --instrument ID --reference-wave W\n"
        "         [--percentiles 75,90] [--protective-percentiles 15,85]\n\n"
        "Takes percentiles (R's default quantile, type 7) of the scores of the\n"
        "reference wave as cut-offs, stored as the set \"derived:W\" and labelled\n"
        "\"derived from wave W\". The first percentile is the headline; the norm\n"
        "is 100 - p per cent by construction.\n\n"
        "Each cut-off comes with its interval (95 %) from the wave's order\n"
        "statistics (distribution-free), and a warning when it rests on fewer\n"
        "than 10 scores on its smaller side or the wave cannot bound it.\n"),
     cmd_cutoffs_derive, JL_CMD_STORE_RW},
    {"areas import", N_("Import a division's areas from GeoJSON, GeoPackage or Shapefile"),
     N_("Usage: jamlik areas import FILE --division NAME [--name TEXT] [--version V]\n"
        "         [--valid-from YYYY-MM-DD] [--valid-to YYYY-MM-DD] [--code-field F]\n"
        "         [--name-field F] [--parent-field F --parent-division D] [--crs EPSG:N]\n"
        "         [--repair]\n\n"
        "Reads the first layer of FILE through GDAL, in any coordinate system: the\n"
        "geometry is kept in WGS 84 for maps, and areas, interior points and\n"
        "overlaps are measured in SWEREF 99 TM (EPSG:3006). Each feature is one\n"
        "area; its code, name and parent come from the named fields (or the\n"
        "usual ones of SCB's and the cities' layers). Every invalid geometry is\n"
        "reported and nothing is imported, unless --repair makes them valid\n"
        "(GEOS) and reports each one. GeoJSON without \"crs\" is WGS 84; a\n"
        "Shapefile without .prj needs --crs. The division is replaced whole.\n"),
     cmd_areas_import, JL_CMD_STORE_CREATE},
    {"areas list", N_("List divisions, or the areas of one"),
     N_("Usage: jamlik areas list [--division D]\n"), cmd_areas_list, JL_CMD_STORE_RO},
    {"areas show", N_("Show one area"), N_("Usage: jamlik areas show --division D CODE\n"),
     cmd_areas_show, JL_CMD_STORE_RO},
    {"areas crosswalk", N_("Weights from one division to another by polygon overlay"),
     N_("Usage: jamlik areas crosswalk FROM TO [--weight area|population\n"
        "         --population IND --via DIV [--period P]]\n\n"
        "Overlays the areas of division FROM on those of TO (in EPSG:3006) and\n"
        "stores, for each FROM area, the share of its area in each TO area, or\n"
        "with --weight population the share of its population: the count IND\n"
        "observed in a finer division DIV, spread evenly over each unit's area.\n"
        "Overlaps under 0.1 per cent of an area are slivers of generalised\n"
        "boundaries and are left out; the rest are scaled to sum to 1.\n"),
     cmd_areas_crosswalk, JL_CMD_STORE_RW},
    {"areas crosswalk import", N_("Import a key table from one division to another"),
     N_("Usage: jamlik areas crosswalk import FILE --from D --to D --from-field F\n"
        "         --to-field F [--only-known]\n\n"
        "Reads a CSV key table (such as SCB's DeSO -> RegSO key) where each row puts\n"
        "one FROM area wholly in one TO area. The TO division must be imported;\n"
        "FROM may be a division without geometry (DeSO 2018). --only-known skips\n"
        "the rows whose TO area is not in the TO division (a national key used\n"
        "for one city) and counts them; without it they are errors.\n"),
     cmd_areas_crosswalk_import, JL_CMD_STORE_RW},
    {"areas group create", N_("Name a group of areas"),
     N_("Usage: jamlik areas group create NAME --division D CODE...\n\n"
        "A named group of areas of one division, such as a cluster of\n"
        "neighbourhoods a city chose to act in. An existing group is replaced.\n"),
     cmd_areas_group_create, JL_CMD_STORE_RW},
    {"areas group list", N_("List the groups of areas"), N_("Usage: jamlik areas group list\n"),
     cmd_areas_group_list, JL_CMD_STORE_RO},
    {"indicator define", N_("Define indicators from a definitions file"),
     N_("Usage: jamlik indicator define FILE\n\n"
        "Reads indicator definitions (docs/indicator-format.md): name, unit, kind\n"
        "(count, share, rate, median, mean, index), which direction is better,\n"
        "theme, goal area, source and licence; derived indicators have a formula\n"
        "over others. Every problem is reported; nothing is stored if any.\n"),
     cmd_indicator_define, JL_CMD_STORE_CREATE},
    {"indicator import", N_("Import observations of indicators"),
     N_("Usage: jamlik indicator import FILE --as wide|long|jsonstat|kolada --division D\n"
        "         [--map FILE] [--select DIM=CODE,...]\n\n"
        "Wide CSV has one column per indicator and period (SCB's exports); the\n"
        "--map file names each column's indicator and period. Long CSV has the\n"
        "columns indicator, area, period, value and optionally sex, breakdown and\n"
        "status. SCB's symbols are kept as statuses: \"..\" missing, \".\" not\n"
        "applicable, \"-\" zero; an empty cell is missing. --as jsonstat reads\n"
        "SCB PxWeb responses (JSON-stat 2.0 and PxWeb v1 json): region, time, sex\n"
        "(Kon) and content dimensions; the map names each content code's\n"
        "indicator (content: CODE = ID); --select keeps one code of a dimension.\n"
        "--as kolada reads Kolada API v2 and v3 responses (kpi: CODE = ID in the\n"
        "map); a null value is missing. All or nothing.\n"),
     cmd_indicator_import, JL_CMD_STORE_RW},
    {"indicator list", N_("List the defined indicators"), N_("Usage: jamlik indicator list\n"),
     cmd_indicator_list, JL_CMD_STORE_RO},
    {"indicator show", N_("An indicator over the areas of a division"),
     N_("Usage: jamlik indicator show ID [--division D] [--area CODE] [--period P]\n"
        "         [--periods A..B|A,B,...] [--municipality CODE|NAME]\n"
        "         [--sex T|K|M] [--breakdown DIM=CODE] [--group G]\n\n"
        "Per area: the value, its municipality's value (the city), the ratio to\n"
        "the city for shares and rates, the rank within the city (1 = best) and\n"
        "the change since the first period with a value. A figure observed in\n"
        "another division is moved here by a crosswalk or the areas' parent\n"
        "links, and the table says so; a count split by an overlay is an\n"
        "estimate, rounded to whole persons in tables; medians, means and\n"
        "indices are never moved or added up. Each area is compared with its\n"
        "own municipality (the kommunkod of SCB's area codes, or of an area\n"
        "above it); --municipality shows one. --periods gives one column per\n"
        "period and each municipality's total. --group G adds a row for a named\n"
        "group of areas, its parts added up. Without --division, the division\n"
        "where the indicator is observed most. --wide shows every column.\n"),
     cmd_indicator_show, JL_CMD_STORE_RO},
    {"indicator inequality", N_("Inequality between areas for one indicator"),
     N_("Usage: jamlik indicator inequality ID --division D [--period P] [--weight ID]\n"
        "         [--rank-by ID] [--curve] [--municipality CODE|NAME]\n\n"
        "Over the areas of D: the range, the ratio of the best area to the worst,\n"
        "the mean gap to the city (weighted by --weight, a population count), the\n"
        "share of the population in the worst fifth of areas, and the\n"
        "concentration index with areas ranked by --rank-by (by default the\n"
        "indicator itself, which makes it a Gini coefficient). --curve prints the\n"
        "concentration curve instead. Areas of several municipalities need\n"
        "--municipality: the gap is to one city.\n"),
     cmd_indicator_inequality, JL_CMD_STORE_RO},
    {"indicator compare", N_("Correlate two indicators over the same areas"),
     N_("Usage: jamlik indicator compare A B --division D [--period P] [--cross]\n"
        "         [--municipality CODE|NAME]\n\n"
        "Pearson's r and Spearman's rho of A and B over the areas of D that have\n"
        "both, with 95 per cent intervals (Fisher's z). --cross prints the\n"
        "cross-table of two classifications instead (area types). With\n"
        "--municipality, only the areas of that municipality.\n"),
     cmd_indicator_compare, JL_CMD_STORE_RO},
    {"index build", N_("A composite socio-economic index of areas"),
     N_("Usage: jamlik index build NAME --division D --from IND[*W],... [--period P]\n"
        "         [--types N] [--municipality CODE|NAME]\n\n"
        "Standardises each indicator over the areas of D that have them all,\n"
        "turns it so that higher is better, and averages with the weights W\n"
        "(default 1). Areas get types 1..N (default 5) by quantile of the index,\n"
        "1 the lowest, as SCB's områdestyp. Stores NAME and NAME_typ as\n"
        "indicators of D. With --municipality, over that municipality's areas\n"
        "only. See docs/composite-index.md.\n"),
     cmd_index_build, JL_CMD_STORE_RW},
    {"profile compare", N_("A survey scale beside an indicator of living conditions"),
     N_("Usage: jamlik profile compare --wave NAME --scale S --indicator I --division D\n"
        "         [--period P] [--instrument ID] [--min-n N] [--unprotected]\n\n"
        "Per area of D: the share reaching the scale's headline cut-off and the\n"
        "indicator's value, then Pearson's r and Spearman's rho with 95 per cent\n"
        "intervals, so a board can see whether an area's risk profile goes with\n"
        "its living conditions. Hidden groups take no part;\n"
        "--unprotected shows the working view, marked not for publication.\n"),
     cmd_profile_compare, JL_CMD_STORE_RO},
    {"weights", N_("Spatial weights: who is whose neighbour"),
     N_("Usage: jamlik weights SOURCE --id COL --weights queen|rook|knn:K|band:DISTANCE\n"
        "         [--rook vertex|edge] [--snap D] [--style W|B|C|U|S] [--planar]\n"
        "         [--crs EPSG:N] [--division D] [--write-weights FILE]\n\n"
        "SOURCE is a map layer (GeoJSON, GeoPackage, Shapefile) or\n"
        "indicator:ID@PERIOD with --division D (the areas stored in the database).\n"
        "Queen: areas sharing a point (two corners within --snap, default\n"
        "1.49e-8, spdep's). Rook: two shared points (spdep), or with --rook edge a\n"
        "shared edge (libpysal). knn:K the K nearest centroids (one-way), band:D\n"
        "centroids at most D apart. Distances are in metres (SWEREF 99 TM); with\n"
        "--planar in the file's own units. Prints each area's neighbours, the\n"
        "number of links, areas without neighbours and connected parts.\n"
        "--write-weights writes the links as CSV from,to,weight.\n"),
     cmd_weights, JL_CMD_STORE_OPT},
    {"autocorr", N_("Spatial clustering: Moran's I, Geary's C, Getis-Ord G, local hot spots"),
     N_("Usage: jamlik autocorr SOURCE --id COL --value COL --weights SPEC |\n"
        "         --weights-file FILE [--style W|B|C|U|S] [--permutations R]\n"
        "         [--seed S] [--threads N] [--streams] [--alpha A]\n"
        "         [--adjust fdr|bonferroni|none] [--write-weights FILE]\n"
        "         [--planar] [--division D] [--clusters] [--min-n N] [--unprotected]\n\n"
        "SOURCE: a map layer, a CSV with --weights-file, indicator:ID@PERIOD or\n"
        "survey:SCALE@WAVE (the headline share per area; areas whose share the\n"
        "disclosure rules hide, fewer than N answers, default 10, among them,\n"
        "left out; --unprotected keeps them, marked not for publication) with\n"
        "--division D. Weights as in jamlik weights (default style W).\n"
        "Global: Moran's I, Geary's C and (values of 0 or more) Getis-Ord G with\n"
        "expectation, variance and z under normality and randomisation, as\n"
        "spdep. Local, per area: Moran's Ii (spdep's scale) with conditional\n"
        "moments, Gi and Gi* z, the quadrant (High-High, Low-Low, High-Low,\n"
        "Low-High) and, with R permutations, pseudo p-values (greater, less,\n"
        "folded). A cluster is shown where the adjusted p is at most A (0.05).\n"
        "The same seed gives the same results on any number of threads.\n"
        "--clusters lists only the areas of significant clusters.\n"
        "CSV: one row per area; JSON adds the global statistics under meta.\n"),
     cmd_autocorr, JL_CMD_STORE_OPT},
    {"segregation", N_("Segregation indices: D, Gini, isolation, exposure, Theil, Atkinson, M"),
     N_("Usage: jamlik segregation SOURCE --unit COL --groups COL,COL[,...]\n"
        "         [--group-of COL] [--focal GROUP] [--only COL=VALUE] [--local]\n"
        "         [--weights queen|rook | --weights-file FILE] [--planar]\n\n"
        "SOURCE: a CSV or a map layer with one row per unit (area) and one\n"
        "column of people per group. Two-group indices compare the focal group\n"
        "(default the first of --groups) with all others: dissimilarity D, Gini,\n"
        "isolation xPx, exposure xPy, Theil's H, Atkinson (b = 0.1, 0.5, 0.9)\n"
        "and, with contiguity, Morrill's spatial D. Multigroup: the mutual\n"
        "information index M and H = M/E, with --group-of split into between\n"
        "and within parts (such as districts); multigroup D, Gini, normalised\n"
        "exposure and relative diversity. --local gives one row per unit: the\n"
        "local segregation score (its people-weighted sum is M) and each\n"
        "group's location quotient. Natural logarithms.\n"
        "indicators@P1[,P2...] with --division D takes the groups from count\n"
        "indicators in the database (A-B: counted in A, not in B); several\n"
        "periods give one row per period.\n"),
     cmd_segregation, JL_CMD_NOSTORE},
    {"demo", N_("Build a demo database on Göteborg with synthetic answers"),
     N_("Usage: jamlik demo [--out FILE] [--no-releases]\n\n"
        "Builds FILE (default demo.db in the current folder) from Göteborg's real\n"
        "primärområden and mellanområden and synthetic respondents (syntetiska\n"
        "svar) drawn from the Stockholmsenkäten/RISE model for grades 8, 9 and\n"
        "gy2 in two waves, 2022 and 2024. Each area's answers follow Göteborgs\n"
        "Stad's socio-economic area class; the rules are in docs/demo.md. Then\n"
        "prints the profile and priorities of Backa (71) and Centrala Tynnered\n"
        "(55), and releases the 2022 wave, then 2022 and 2024 together, for the\n"
        "primär-, mellan- and stadsområden, each protected and audited with the\n"
        "release before it (--no-releases: none). An existing FILE is replaced\n"
        "only when the new one is complete.\n"),
     cmd_demo, JL_CMD_NOSTORE},
    {"release create", N_("Publish survey cells as a protected, audited release"),
     N_("Usage: jamlik release create --wave W[,W...] [--instrument ID] --division D\n"
        "         [--division D ...] [--group G ...] [--by grade,sex] [--norm city]\n"
        "         [--title TEXT] [--min-n N] [--min-count N] [--protection P]\n"
        "         [--indicator ID[@PERIOD] ...]\n\n"
        "Builds the profile's cells (area x grade x sex x scale x cut-off, totals\n"
        "included, and the whole wave as the area city) of each wave for every\n"
        "division and group, hides what the rules say (groups under --min-n, default\n"
        "10, scored respondents; shares whose count or its complement is below\n"
        "--min-count, default 3; everyone alike; and cells that would give those\n"
        "away), and audits the result together with every earlier release of the\n"
        "same waves, withdrawn ones included. The release is stored only if the\n"
        "audit passes (every protected value's range at least --protection,\n"
        "default 5); otherwise the failing values are printed and the exit status\n"
        "is 1. A release is never changed: a correction is a new release.\n"
        "--indicator includes an indicator's table for each division as it is\n"
        "(public statistics, protected by their producer, not audited): the latest\n"
        "period with figures, or PERIOD, or the periods A..B.\n"),
     cmd_release_create, JL_CMD_STORE_RW},
    {"release list", N_("List the releases"), N_("Usage: jamlik release list\n"),
     cmd_release_list, JL_CMD_STORE_RO},
    {"release show", N_("Show a release's parameters and counts, or its cells"),
     N_("Usage: jamlik release show ID\n\n"
        "The release's parameters and how many cells it published and hid, by\n"
        "reason. With --format csv, its cells.csv exactly as release export\n"
        "writes it.\n"),
     cmd_release_show, JL_CMD_STORE_RO},
    {"release withdraw", N_("Withdraw a release"),
     N_("Usage: jamlik release withdraw ID\n\n"
        "Marks the release withdrawn. It is not deleted: what was published stays\n"
        "known, so later releases of its waves are still protected and audited\n"
        "with it.\n"),
     cmd_release_withdraw, JL_CMD_STORE_RW},
    {"release export", N_("Write a release as plain files"),
     N_("Usage: jamlik release export ID DIR\n\n"
        "Writes manifest.json, cells.csv and areas.csv into DIR (made if missing;\n"
        "docs/release-format.md), each file whole or not at all. Exporting a\n"
        "release twice gives byte-identical files; jamlik audit DIR checks them\n"
        "without the database.\n"),
     cmd_release_export, JL_CMD_STORE_RO},
    {"audit", N_("Audit an exported release for disclosure"),
     N_("Usage: jamlik audit DIR [--earlier DIR ...] [--protection 5] [--time-limit SECONDS]\n\n"
        "Reads only the release exported in DIR (manifest.json, cells.csv,\n"
        "areas.csv; docs/release-format.md), never a database, checks every file\n"
        "against the manifest's SHA-256, and with --earlier the earlier releases\n"
        "of the same waves. For every value the primary rules protect (k and\n"
        "n_scored - k of each primary cell, n_scored of each small group, and of\n"
        "every sliver between overlapping areas that may be small) it computes\n"
        "the tightest range an attacker can derive from everything published, by\n"
        "linear and integer programming (GLPK). Prints one line per value whose\n"
        "range is below --protection (default 5) with its bounds, then a summary.\n"
        "A solve that runs out of --time-limit (default 10 s per solve) counts as\n"
        "unsafe. Exit status 0 pass, 1 unsafe, 2 usage, 3 files unreadable or\n"
        "not matching the manifest.\n"),
     cmd_audit, JL_CMD_NOSTORE},
    {"serve", N_("Serve the web pages and the API"),
     N_("Usage: jamlik serve [--listen HOST:PORT] [--threads N] [--timeout SECONDS]\n\n"
        "Serves the pages and the JSON API (/api/v1/, docs/api/openapi.yaml) of\n"
        "the database of --db, read-only, on --listen (default 127.0.0.1:8080;\n"
        "port 0 takes a free one) and prints \"listening on http://HOST:PORT/\".\n"
        "Swedish pages, English under /en/. --threads workers (default one per\n"
        "core) each keep their own read-only connection; a connection idle for\n"
        "--timeout seconds (default 15) is closed. Requests with a body are\n"
        "refused. One access-log line per request goes to stderr, without query\n"
        "strings. SIGTERM or SIGINT (Ctrl-C) stops it: requests in flight finish\n"
        "first. Put nginx in front for TLS and limits per address\n"
        "(deploy/nginx.conf).\n"),
     cmd_serve, JL_CMD_NOSTORE},
};

const size_t jl_ncommands = sizeof jl_commands / sizeof jl_commands[0];
