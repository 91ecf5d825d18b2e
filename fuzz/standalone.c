/*
 * Runs a fuzz target over files without libFuzzer: how `make test` replays
 * the seed corpus (fuzz/corpus/), the seeds written at build time
 * (fuzz/seeds.py) and every crash found so far, in the normal and the
 * ASan+UBSan builds. An argument that is a folder stands for the files in
 * it (not recursively).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long len;

    if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        return -1;
    }
    buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        perror(path);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)len);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int i, n = 0;

    for (i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            struct dirent **ent;
            int k, m = scandir(argv[i], &ent, NULL, alphasort);

            if (m < 0) {
                perror(argv[i]);
                return 1;
            }
            for (k = 0; k < m; k++) {
                char path[4096];

                if (ent[k]->d_name[0] != '.') {
                    snprintf(path, sizeof path, "%s/%s", argv[i], ent[k]->d_name);
                    if (replay(path) < 0)
                        return 1;
                    n++;
                }
                free(ent[k]);
            }
            free(ent);
        } else {
            if (replay(argv[i]) < 0)
                return 1;
            n++;
        }
    }
    printf("%d inputs replayed\n", n);
    return n > 0 ? 0 : 1;
}
