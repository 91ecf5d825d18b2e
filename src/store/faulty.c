/*
 * A test VFS, "jl-faulty", that wraps the default SQLite VFS and fails the
 * Nth write to any file (xWrite, xTruncate or xSync) with SQLITE_IOERR.
 * tests/unit/test_store.c arms it for N = 1, 2, ... through an import and
 * checks that the database file stays byte-identical after each failure:
 * the I/O-error half of SQLite's own fault tests (test/exprfault.test).
 * Its second use, jl_faulty_pause_wal, stops the process at the Nth write
 * to a write-ahead log, so that tests/e2e/060-kill.sh kills an import
 * exactly in the middle of writing its transaction, however busy the
 * machine (a kill timed by the WAL's size sometimes came after COMMIT).
 * Process-global by nature (a VFS is); used only by tests.
 */
#include "store/store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    sqlite3_file base;
    sqlite3_file *real; /* follows this struct in the same allocation */
    int wal;            /* the file is a write-ahead log */
} ffile;

static sqlite3_vfs fvfs;
static sqlite3_vfs *real_vfs;
static long arm_at, writes;
static long pause_at, wal_writes;
static const char *pause_marker;

static int hit(void)
{
    writes++;
    return arm_at > 0 && writes >= arm_at;
}

static int f_close(sqlite3_file *f)
{
    ffile *p = (ffile *)f;
    int rc = p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;

    return rc;
}

static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    return ((ffile *)f)->real->pMethods->xRead(((ffile *)f)->real, b, n, o);
}

/* The pause of jl_faulty_pause_wal: says so in the marker file, then
 * waits for the SIGKILL the test sends. */
static void wal_pause(void)
{
    int fd = open(pause_marker, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd >= 0) {
        (void)write(fd, "paused\n", 7);
        close(fd);
    }
    for (;;)
        pause();
}

static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    if (((ffile *)f)->wal && pause_at > 0 && ++wal_writes == pause_at)
        wal_pause();
    if (hit())
        return SQLITE_IOERR_WRITE;
    return ((ffile *)f)->real->pMethods->xWrite(((ffile *)f)->real, b, n, o);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (hit())
        return SQLITE_IOERR_TRUNCATE;
    return ((ffile *)f)->real->pMethods->xTruncate(((ffile *)f)->real, size);
}

static int f_sync(sqlite3_file *f, int flags)
{
    if (hit())
        return SQLITE_IOERR_FSYNC;
    return ((ffile *)f)->real->pMethods->xSync(((ffile *)f)->real, flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *s)
{
    return ((ffile *)f)->real->pMethods->xFileSize(((ffile *)f)->real, s);
}

static int f_lock(sqlite3_file *f, int l)
{
    return ((ffile *)f)->real->pMethods->xLock(((ffile *)f)->real, l);
}

static int f_unlock(sqlite3_file *f, int l)
{
    return ((ffile *)f)->real->pMethods->xUnlock(((ffile *)f)->real, l);
}

static int f_check(sqlite3_file *f, int *r)
{
    return ((ffile *)f)->real->pMethods->xCheckReservedLock(((ffile *)f)->real, r);
}

static int f_fctl(sqlite3_file *f, int op, void *a)
{
    return ((ffile *)f)->real->pMethods->xFileControl(((ffile *)f)->real, op, a);
}

static int f_sector(sqlite3_file *f)
{
    return ((ffile *)f)->real->pMethods->xSectorSize(((ffile *)f)->real);
}

static int f_dev(sqlite3_file *f)
{
    return ((ffile *)f)->real->pMethods->xDeviceCharacteristics(((ffile *)f)->real);
}

static int f_shmmap(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp)
{
    return ((ffile *)f)->real->pMethods->xShmMap(((ffile *)f)->real, pg, sz, ext, pp);
}

static int f_shmlock(sqlite3_file *f, int off, int n, int flags)
{
    return ((ffile *)f)->real->pMethods->xShmLock(((ffile *)f)->real, off, n, flags);
}

static void f_shmbarrier(sqlite3_file *f)
{
    ((ffile *)f)->real->pMethods->xShmBarrier(((ffile *)f)->real);
}

static int f_shmunmap(sqlite3_file *f, int del)
{
    return ((ffile *)f)->real->pMethods->xShmUnmap(((ffile *)f)->real, del);
}

static const sqlite3_io_methods fmethods = {
    2,        f_close,  f_read,   f_write,    f_truncate,   f_sync,    f_size,
    f_lock,   f_unlock, f_check,  f_fctl,     f_sector,     f_dev,     f_shmmap,
    f_shmlock, f_shmbarrier, f_shmunmap, NULL, NULL,
};

static int f_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
    ffile *p = (ffile *)f;
    int rc;

    (void)v;
    p->real = (sqlite3_file *)(p + 1);
    memset(p->real, 0, (size_t)real_vfs->szOsFile);
    p->wal = (flags & SQLITE_OPEN_WAL) != 0;
    rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
    p->base.pMethods = p->real->pMethods ? &fmethods : NULL;
    return rc;
}

static int f_delete(sqlite3_vfs *v, const char *name, int sync)
{
    (void)v;
    return real_vfs->xDelete(real_vfs, name, sync);
}

static int f_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int f_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int f_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int f_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}

static int f_time(sqlite3_vfs *v, double *t)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, t);
}

static int f_lasterr(sqlite3_vfs *v, int n, char *b)
{
    (void)v;
    return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, b) : 0;
}

static int f_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

static int do_register(int make_default)
{
    if (real_vfs)
        return sqlite3_vfs_register(&fvfs, make_default) == SQLITE_OK ? 0 : -1;
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs)
        return -1;
    memset(&fvfs, 0, sizeof fvfs);
    fvfs.iVersion = 2;
    fvfs.szOsFile = (int)sizeof(ffile) + real_vfs->szOsFile;
    fvfs.mxPathname = real_vfs->mxPathname;
    fvfs.zName = "jl-faulty";
    fvfs.xOpen = f_open;
    fvfs.xDelete = f_delete;
    fvfs.xAccess = f_access;
    fvfs.xFullPathname = f_full;
    fvfs.xRandomness = f_random;
    fvfs.xSleep = f_sleep;
    fvfs.xCurrentTime = f_time;
    fvfs.xGetLastError = f_lasterr;
    fvfs.xCurrentTimeInt64 = f_time64;
    return sqlite3_vfs_register(&fvfs, make_default) == SQLITE_OK ? 0 : -1;
}

int jl_faulty_register(void)
{
    return do_register(0);
}

int jl_faulty_pause_wal(long n, const char *marker)
{
    pause_at = n;
    wal_writes = 0;
    pause_marker = marker;
    return do_register(1);
}

void jl_faulty_arm(long n)
{
    arm_at = n;
    writes = 0;
}

long jl_faulty_writes(void)
{
    return writes;
}
