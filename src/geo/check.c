/*
 * What GDAL hands over, checked before jamlik keeps any of it (issue 15:
 * "nothing is accepted quietly"). GDAL is lenient where jamlik must not
 * be: it reads a GeoJSON whose "crs" PROJ does not know as WGS 84, a
 * Shapefile whose .prj it cannot parse as having no CRS, passes a
 * GeoJSON's Latin-1 bytes through as they are, and leaves unclosed rings
 * for GEOS to call "invalid" without saying why.
 */
#include "core/alloc.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/utf8.h"
#include "geo/ogr_int.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- GDAL's messages ---- */

/* A word such as OGR_GEOJSON_MAX_OBJ_SIZE or SHAPE_RESTORE_SHX: the name
 * of a GDAL configuration option. */
static int option_name(const char *s, size_t n)
{
    size_t i, under = 0;

    if (n < 8 || !isupper((unsigned char)s[0]))
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '_')
            under++;
        else if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i]))
            return 0;
    }
    return under > 0;
}

/* Whether the n bytes at s contain needle, ignoring case. */
static int has(const char *s, size_t n, const char *needle)
{
    size_t i, k = strlen(needle);

    for (i = 0; i + k <= n; i++)
        if (!strncasecmp(s + i, needle, k))
            return 1;
    return 0;
}

/* Whether a sentence of GDAL's tells how to set up GDAL rather than what
 * is wrong with the file. */
static int is_hint(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t j = i;

        while (j < n && !isspace((unsigned char)s[j]) && s[j] != ',' && s[j] != '(' &&
               s[j] != ')')
            j++;
        if (option_name(s + i, j - i))
            return 1;
        i = j + 1;
    }
    return has(s, n, "configuration option") || has(s, n, "config option") ||
           has(s, n, "--config");
}

void jl_geo__gdal_msg(char *buf, size_t len)
{
    const char *m = CPLGetLastErrorMsg(), *p = m;
    size_t w = 0;

    buf[0] = '\0';
    /* Sentence by sentence: up to ". " or the end. */
    while (m && *p) {
        const char *e = strstr(p, ". ");
        size_t n = e ? (size_t)(e - p) + 1 : strlen(p);

        while (n && isspace((unsigned char)*p)) {
            p++;
            n--;
        }
        if (n && !is_hint(p, n) && w + 2 < len) {
            size_t k;

            if (w)
                buf[w++] = ' ';
            for (k = 0; k < n && w + 1 < len; k++) {
                unsigned char c = (unsigned char)p[k];

                /* One line of UTF-8: GDAL may quote the file's bytes. */
                if (c == '\n' || c == '\r' || c == '\t')
                    c = ' ';
                buf[w++] = (char)c;
            }
            buf[w] = '\0';
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    while (w && (buf[w - 1] == ' ' || buf[w - 1] == '.'))
        buf[--w] = '\0';
    /* Bytes that are not UTF-8 become '?', from the first bad one on. */
    {
        size_t ok = jl_utf8_check(buf, w);

        for (; ok < w; ok++)
            if ((unsigned char)buf[ok] >= 0x80)
                buf[ok] = '?';
    }
    if (!w)
        snprintf(buf, len, "%s", _("GDAL gives no reason"));
}

/* ---- the CRS GDAL went on without ---- */

/* The value of a GeoJSON text's top-level member "crs" into buf (at most
 * cap - 1 bytes, NUL-terminated). Returns 1 when found, 0 when the text
 * has none, -1 when it is longer than cap or the file cannot be read. A
 * scan of the bytes, not a parse: the file may be hundreds of megabytes,
 * and GDAL parses it anyway. */
static int geojson_crs(const char *path, char *buf, size_t cap)
{
    VSILFILE *f = VSIFOpenL(path, "rb");
    char chunk[65536], key[4];
    size_t n, i, klen = 0, vlen = 0;
    int depth = 0, in_str = 0, esc = 0, in_key = 0, expect_key = 0, crs_key = 0, capture = 0;
    int rc = 0;

    if (!f)
        return -1;
    while (rc == 0 && (n = VSIFReadL(chunk, 1, sizeof chunk, f)) > 0) {
        for (i = 0; i < n; i++) {
            char c = chunk[i];

            if (capture) {
                if (vlen + 1 >= cap) {
                    rc = -1;
                    break;
                }
                buf[vlen++] = c;
            }
            if (in_str) {
                if (esc)
                    esc = 0;
                else if (c == '\\')
                    esc = 1;
                else if (c == '"') {
                    in_str = 0;
                    if (in_key) {
                        in_key = 0;
                        crs_key = klen == 3 && !memcmp(key, "crs", 3);
                    }
                    continue;
                }
                if (in_key) {
                    if (klen < sizeof key)
                        key[klen] = c;
                    klen++;
                }
                continue;
            }
            if (c == '"') {
                in_str = 1;
                if (depth == 1 && expect_key) {
                    in_key = 1;
                    klen = 0;
                    expect_key = 0;
                }
            } else if (c == '{' || c == '[') {
                depth++;
                expect_key = depth == 1 && c == '{';
            } else if (c == '}' || c == ']') {
                if (capture && depth == 1) {
                    buf[--vlen] = '\0';
                    rc = 1;
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 1) {
                if (capture) {
                    buf[--vlen] = '\0';
                    rc = 1;
                    break;
                }
                expect_key = 1;
            } else if (c == ':' && depth == 1 && crs_key) {
                crs_key = 0;
                capture = 1;
                vlen = 0;
            }
        }
    }
    VSIFCloseL(f);
    return rc;
}

/* Names GDAL resolves without reading a file or the network. */
static int crs_name_form(const char *s)
{
    static const char *const prefixes[] = {"urn:ogc:def:crs:", "EPSG:", "CRS:",
                                           "http://www.opengis.net/def/crs/",
                                           "https://www.opengis.net/def/crs/", NULL};
    size_t i;

    for (i = 0; prefixes[i]; i++)
        if (!strncasecmp(s, prefixes[i], strlen(prefixes[i])))
            return 1;
    return 0;
}

static int check_geojson_crs(const char *path, jl_err *err)
{
    char text[4096];
    json_t *j = NULL, *props, *v;
    json_error_t je;
    const char *type;
    int rc, known = 0;
    char shown[160] = "";

    rc = geojson_crs(path, text, sizeof text);
    if (rc == 0)
        return JL_OK;
    if (rc < 0)
        return jl_err_at(err, JL_EINPUT, path, 0, 0,
                         _("expected a \"crs\" member of at most %zu bytes, found a longer one "
                           "or none that can be read"),
                         sizeof text - 1);
    j = json_loads(text, JSON_DECODE_ANY, &je);
    if (j && json_is_null(j)) {
        json_decref(j);
        return JL_OK;
    }
    type = json_string_value(json_object_get(j, "type"));
    props = json_object_get(j, "properties");
    if (type && !strcasecmp(type, "name") &&
        (v = json_object_get(props, "name")) && json_is_string(v)) {
        const char *name = json_string_value(v);
        OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);

        if (strlen(name) < sizeof shown - 1 && jl_utf8_check(name, strlen(name)) == strlen(name))
            snprintf(shown, sizeof shown, "\"%s\"", name);
        known = crs_name_form(name) && OSRSetFromUserInput(s, name) == OGRERR_NONE;
        OSRDestroySpatialReference(s);
    } else if (type && !strcasecmp(type, "EPSG") && (v = json_object_get(props, "code")) &&
               json_is_integer(v)) {
        OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);
        json_int_t code = json_integer_value(v);

        snprintf(shown, sizeof shown, "EPSG %lld", (long long)code);
        known = code > 0 && code < 1000000 && OSRImportFromEPSG(s, (int)code) == OGRERR_NONE;
        OSRDestroySpatialReference(s);
    }
    json_decref(j);
    if (known)
        return JL_OK;
    /* GDAL would go on as if the file were WGS 84 (RFC 7946's default),
     * and SWEREF 99 metres read as degrees land far off the globe. */
    return jl_err_at(err, JL_EINPUT, path, 0, 0,
                     _("expected a \"crs\" PROJ knows (such as {\"type\": \"name\", "
                       "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::3006\"}}), found %s; "
                       "fix it, or name the CRS with --crs EPSG:NNNN"),
                     shown[0] ? shown : _("one jamlik cannot read"));
}

static int has_file(const char *path)
{
    VSIStatBufL st;

    return VSIStatL(path, &st) == 0;
}

int jl_geo__srs_check(GDALDatasetH ds, OGRLayerH layer, const char *path, jl_err *err)
{
    const char *drv = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    size_t n = strlen(path);

    if (!strcmp(drv, "GeoJSON"))
        return check_geojson_crs(path, err);
    if (!strcmp(drv, "ESRI Shapefile") && !OGR_L_GetSpatialRef(layer) && n > 4 &&
        !strcasecmp(path + n - 4, ".shp")) {
        char *prj = jl_xstrdup(path);
        int found;

        memcpy(prj + n - 3, "prj", 3);
        found = has_file(prj);
        if (!found) {
            memcpy(prj + n - 3, "PRJ", 3);
            found = has_file(prj);
        }
        if (found) {
            int rc = jl_err_at(err, JL_EINPUT, path, 0, 0,
                               _("expected a coordinate reference system PROJ knows in %s, "
                                 "found text it cannot read; name it with --crs EPSG:NNNN"),
                               prj);

            jl_free(prj);
            return rc;
        }
        jl_free(prj);
    }
    return JL_OK;
}

/* ---- geometry ---- */

/* Every ring of polygon p (number k, 1-based) closed, of 4 points or
 * more, all finite; otherwise why into buf and -1. GEOS would only say
 * "invalid geometry" of a ring it cannot build. */
static int rings_ok(OGRGeometryH p, int k, char *buf, size_t len)
{
    int r, nr = OGR_G_GetGeometryCount(p);

    if (nr < 1) {
        snprintf(buf, len, _("polygon %d: expected an outer ring, found none"), k);
        return -1;
    }
    for (r = 0; r < nr; r++) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(p, r);
        int np = OGR_G_GetPointCount(ring), i;
        double x0, y0, x1, y1;

        for (i = 0; i < np; i++) {
            double x = OGR_G_GetX(ring, i), y = OGR_G_GetY(ring, i);

            if (!isfinite(x) || !isfinite(y)) {
                snprintf(buf, len,
                         _("polygon %d, ring %d, point %d: expected finite coordinates, "
                           "found %g %g"),
                         k, r + 1, i + 1, x, y);
                return -1;
            }
        }
        if (np < 4) {
            snprintf(buf, len,
                     _("polygon %d, ring %d: expected a closed ring of at least 4 points, "
                       "found %d"),
                     k, r + 1, np);
            return -1;
        }
        x0 = OGR_G_GetX(ring, 0);
        y0 = OGR_G_GetY(ring, 0);
        x1 = OGR_G_GetX(ring, np - 1);
        y1 = OGR_G_GetY(ring, np - 1);
        if (x0 != x1 || y0 != y1) {
            snprintf(buf, len,
                     _("polygon %d, ring %d: expected a closed ring (its last point equal to "
                       "its first), found one from %.6f %.6f to %.6f %.6f"),
                     k, r + 1, x0, y0, x1, y1);
            return -1;
        }
    }
    return 0;
}

OGRGeometryH jl_geo__polygon_2d(OGRGeometryH g, jl_diag *d, const char *where)
{
    OGRwkbGeometryType t;
    OGRGeometryH gc;
    char why[300];
    int i, bad = 0;

    if (!g || OGR_G_IsEmpty(g)) {
        jl_diag_add_where(d, where, _("expected a polygon, found no geometry"));
        return NULL;
    }
    t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t != wkbPolygon && t != wkbMultiPolygon) {
        jl_diag_add_where(d, where, _("expected a Polygon or MultiPolygon, found a %s"),
                          OGRGeometryTypeToName(t));
        return NULL;
    }
    if (t == wkbPolygon)
        bad = rings_ok(g, 1, why, sizeof why) < 0;
    else
        for (i = 0; !bad && i < OGR_G_GetGeometryCount(g); i++)
            bad = rings_ok(OGR_G_GetGeometryRef(g, i), i + 1, why, sizeof why) < 0;
    if (bad) {
        jl_diag_add_where(d, where, "%s", why);
        return NULL;
    }
    gc = OGR_G_Clone(g);
    OGR_G_FlattenTo2D(gc);
    return gc;
}

/* ---- fields ---- */

static void trim(char *s)
{
    size_t n = strlen(s), i = 0;

    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (isspace((unsigned char)s[i]))
        i++;
    memmove(s, s + i, n - i + 1);
}

static char *checked(char *s, OGRFeatureH f, int idx, jl_diag *d, const char *where, int *bad)
{
    size_t n = strlen(s), at = jl_utf8_check(s, n);

    if (at < n) {
        jl_diag_add_where(d, where,
                          _("expected UTF-8 text in field %s, found the invalid byte 0x%02X at "
                            "byte %zu (save the layer as UTF-8)"),
                          OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(f, idx)),
                          (unsigned)(unsigned char)s[at], at + 1);
        *bad = 1;
        jl_free(s);
        return NULL;
    }
    trim(s);
    if (!*s) {
        jl_free(s);
        return NULL;
    }
    return s;
}

char *jl_geo__field(OGRFeatureH f, int idx, jl_diag *d, const char *where, int *bad)
{
    if (idx < 0 || !OGR_F_IsFieldSetAndNotNull(f, idx))
        return NULL;
    return checked(jl_xstrdup(OGR_F_GetFieldAsString(f, idx)), f, idx, d, where, bad);
}

char *jl_geo__field_exact(OGRFeatureH f, int idx, jl_diag *d, const char *where, int *bad)
{
    if (idx >= 0 && OGR_F_IsFieldSetAndNotNull(f, idx) &&
        OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, idx)) == OFTReal) {
        char buf[40];

        snprintf(buf, sizeof buf, "%.17g", OGR_F_GetFieldAsDouble(f, idx));
        return jl_xstrdup(buf);
    }
    return jl_geo__field(f, idx, d, where, bad);
}

void jl_geo__where(char *where, size_t len, long fid, const char *code)
{
    if (code && strlen(code) <= JL_MAX_CODE)
        snprintf(where, len, _("feature %ld (code %s)"), fid, code);
    else if (!code)
        snprintf(where, len, _("feature %ld (code %s)"), fid, "-");
    else
        snprintf(where, len, _("feature %ld"), fid);
}

int jl_geo__limits(jl_diag *d, const char *where, const char *code, const char *name)
{
    jl_err e = JL_ERR_INIT;

    if (code && jl_limit_len(code, JL_MAX_CODE, _("an area code"), "JL_MAX_CODE", "", 0, 0, &e) < 0) {
        jl_diag_add_where(d, where, "%s", e.msg);
        return -1;
    }
    if (name && jl_limit_len(name, JL_MAX_NAME, _("an area name"), "JL_MAX_NAME", "", 0, 0, &e) < 0) {
        jl_diag_add_where(d, where, "%s", e.msg);
        return -1;
    }
    return 0;
}
