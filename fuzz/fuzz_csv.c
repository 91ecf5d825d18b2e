/*
 * libFuzzer target: text decoding and the CSV reader on any bytes. Every
 * record and field is walked and every position computed, as the
 * importer does on an error.
 */
#include "core/alloc.h"
#include "core/csv.h"
#include "core/text.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jl_err err = JL_ERR_INIT;
    jl_encoding used;
    jl_csv *csv = NULL;
    char *text = NULL;
    size_t len, i;
    long line, col;
    int rc;

    if (jl_text_from_mem(&text, &len, &used, "fuzz", (const char *)data, size, JL_ENC_AUTO,
                         &err) < 0)
        return 0;
    if (jl_csv_new(&csv, "fuzz", text, len, 0, &err) == 0) {
        while ((rc = jl_csv_next(csv, &err)) > 0) {
            for (i = 0; i < jl_csv_nfields(csv); i++) {
                const char *f = jl_csv_field(csv, i);

                (void)strlen(f);
                (void)jl_csv_field_line(csv, i);
                (void)jl_csv_field_col(csv, i);
            }
            if (jl_csv_last_unterminated(csv))
                jl_csv_end_pos(csv, &line, &col);
        }
        jl_csv_free(csv);
    }
    jl_free(text);
    return 0;
}
