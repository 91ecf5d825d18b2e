/*
 * libFuzzer target: a map layer through the areas importer's reader
 * (jl_geo_read: GDAL, the CRS check, ring checks, UTF-8 of every field,
 * limits, duplicate codes, measuring in SWEREF 99 TM) and through the
 * rings reader of weights, without a database. GDAL reads the bytes from
 * memory (/vsimem/) under a .geojson name, as a file on disk.
 *
 * What the importer would store must be storable: codes and names UTF-8
 * within their limits, each code once, areas and points finite.
 */
#include "core/limits.h"
#include "core/strmap.h"
#include "core/utf8.h"
#include "geo/ogr.h"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int utf8_ok(const char *s)
{
    return s && jl_utf8_check(s, strlen(s)) == strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *path = "/vsimem/fuzz.geojson";
    jl_err err = JL_ERR_INIT;
    jl_geo_opts o;
    jl_geo_layer l;
    jl_geo_rings r;
    jl_diag d;
    VSILFILE *f;
    size_t i;

    /* GDAL takes a copy it owns (bTakeOwnership) and frees on unlink. */
    f = VSIFileFromMemBuffer(path, (GByte *)memcpy(CPLMalloc(size ? size : 1), data, size),
                             (vsi_l_offset)size, TRUE);
    if (!f)
        return 0;
    VSIFCloseL(f);
    memset(&o, 0, sizeof o);
    jl_diag_init(&d, path);
    if (jl_geo_read(&l, path, &o, &d, &err) == 0) {
        jl_strmap *seen = jl_strmap_new();

        for (i = 0; i < l.n; i++) {
            const jl_geo_feature *ft = &l.f[i];

            if (!utf8_ok(ft->code) || !utf8_ok(ft->name) || strlen(ft->code) > JL_MAX_CODE ||
                strlen(ft->name) > JL_MAX_NAME || !jl_strmap_put(seen, ft->code, i, NULL) ||
                !isfinite(ft->area_m2) || !isfinite(ft->ipt_lon) || !isfinite(ft->ipt_lat) ||
                !ft->wkb || !ft->wkb_len)
                abort();
        }
        jl_strmap_free(seen);
        jl_geo_layer_dispose(&l);
    }
    jl_diag_dispose(&d);
    /* The rings reader shares the importer's checks; on the large seeds
     * (80,000 features) a second pass would only double the replay of
     * make test under ASan. */
    jl_diag_init(&d, path);
    if (size <= (1u << 20) && jl_geo_read_rings(&r, path, &o, 1, &d, &err) == 0) {
        for (i = 0; i < r.n; i++)
            if (!utf8_ok(r.code[i]))
                abort();
        jl_geo_rings_dispose(&r);
    }
    jl_diag_dispose(&d);
    VSIUnlink(path);
    return 0;
}
