#include "crash/crashvfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace tapledger::test {

namespace {
constexpr int64_t kSector = 512;
CrashVfs *g_instance = nullptr;
} // namespace

/// The C callbacks of the shim (sqlite3_vfs and sqlite3_io_methods).
struct CrashVfsGlue
{
    struct File
    {
        sqlite3_file base;
        std::string *path; ///< nullptr: an unnamed temporary file, not tracked
        sqlite3_file *real;
    };

    static sqlite3_file *real(sqlite3_file *f) { return reinterpret_cast<File *>(f)->real; }
    static CrashVfs &vfs() { return *g_instance; }

    static int close(sqlite3_file *f)
    {
        auto *file = reinterpret_cast<File *>(f);
        const int rc = file->real->pMethods ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
        delete file->path;
        return rc;
    }
    static int read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
    {
        if (vfs().crashed())
            return SQLITE_IOERR_READ;
        return real(f)->pMethods->xRead(real(f), buf, n, off);
    }
    /// Keeps the synced content of every sector of [off, off + n) not touched since the last sync
    /// (caller holds the lock).
    static void remember(File *file, int64_t off, int64_t n)
    {
        if (!file->path)
            return;
        sqlite3_int64 size = 0;
        file->real->pMethods->xFileSize(file->real, &size);
        CrashVfs::FileState &st = vfs().state(*file->path, size);
        for (int64_t s = off / kSector; s * kSector < off + n; ++s) {
            const int64_t start = s * kSector;
            auto [it, fresh] = st.touched.try_emplace(s);
            if (fresh) {
                const int64_t len = std::clamp<int64_t>(size - start, 0, kSector);
                it->second.synced.assign(static_cast<size_t>(len), '\0');
                if (len > 0)
                    file->real->pMethods->xRead(file->real, it->second.synced.data(), static_cast<int>(len), start);
                it->second.lo = it->second.hi = 0;
            }
            const auto lo = static_cast<uint32_t>(std::max(off, start) - start);
            const auto hi = static_cast<uint32_t>(std::min(off + n, start + kSector) - start);
            widen(it->second, lo, hi);
        }
    }
    static void widen(CrashVfs::Sector &s, uint32_t lo, uint32_t hi)
    {
        if (s.lo == s.hi) {
            s.lo = lo;
            s.hi = hi;
        } else {
            s.lo = std::min(s.lo, lo);
            s.hi = std::max(s.hi, hi);
        }
    }
    static int write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
    {
        std::lock_guard lock(vfs().m_mutex);
        if (vfs().m_crashed || vfs().event())
            return SQLITE_IOERR_WRITE;
        remember(reinterpret_cast<File *>(f), off, n);
        return real(f)->pMethods->xWrite(real(f), buf, n, off);
    }
    static int truncate(sqlite3_file *f, sqlite3_int64 size)
    {
        std::lock_guard lock(vfs().m_mutex);
        if (vfs().m_crashed || vfs().event())
            return SQLITE_IOERR_TRUNCATE;
        sqlite3_int64 current = 0;
        real(f)->pMethods->xFileSize(real(f), &current);
        if (current > size)
            remember(reinterpret_cast<File *>(f), size, current - size);
        return real(f)->pMethods->xTruncate(real(f), size);
    }
    static int sync(sqlite3_file *f, int)
    {
        std::lock_guard lock(vfs().m_mutex);
        if (vfs().m_crashed || vfs().event())
            return SQLITE_IOERR_FSYNC;
        auto *file = reinterpret_cast<File *>(f);
        if (file->path) {
            sqlite3_int64 size = 0;
            file->real->pMethods->xFileSize(file->real, &size);
            CrashVfs::FileState &st = vfs().state(*file->path, size);
            st.touched.clear();
            st.syncedSize = size;
        }
        return SQLITE_OK; // the shim is the disk model: no real fsync
    }
    static int fileSize(sqlite3_file *f, sqlite3_int64 *size)
    {
        if (vfs().crashed())
            return SQLITE_IOERR_FSTAT;
        return real(f)->pMethods->xFileSize(real(f), size);
    }
    static int lock(sqlite3_file *f, int l) { return real(f)->pMethods->xLock(real(f), l); }
    static int unlock(sqlite3_file *f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
    static int checkReservedLock(sqlite3_file *f, int *out)
    {
        return real(f)->pMethods->xCheckReservedLock(real(f), out);
    }
    static int fileControl(sqlite3_file *f, int op, void *arg)
    {
        // A size hint would extend the file behind the shim's back; it is only advice.
        if (op == SQLITE_FCNTL_SIZE_HINT)
            return SQLITE_OK;
        return real(f)->pMethods->xFileControl(real(f), op, arg);
    }
    static int sectorSize(sqlite3_file *f) { return real(f)->pMethods->xSectorSize(real(f)); }
    static int deviceCharacteristics(sqlite3_file *f)
    {
        return real(f)->pMethods->xDeviceCharacteristics(real(f));
    }
    static int shmMap(sqlite3_file *f, int page, int size, int extend, void volatile **out)
    {
        if (vfs().crashed())
            return SQLITE_IOERR_SHMMAP;
        return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
    }
    static int shmLock(sqlite3_file *f, int offset, int n, int flags)
    {
        return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
    }
    static void shmBarrier(sqlite3_file *f) { real(f)->pMethods->xShmBarrier(real(f)); }
    static int shmUnmap(sqlite3_file *f, int deleteFlag) { return real(f)->pMethods->xShmUnmap(real(f), deleteFlag); }
    static int fetch(sqlite3_file *, sqlite3_int64, int, void **out)
    {
        *out = nullptr; // no memory-mapped reads: every read goes through xRead
        return SQLITE_OK;
    }
    static int unfetch(sqlite3_file *, sqlite3_int64, void *) { return SQLITE_OK; }

    static const sqlite3_io_methods kMethods;

    static int open(sqlite3_vfs *self, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
    {
        auto *realVfs = static_cast<sqlite3_vfs *>(self->pAppData);
        auto *file = reinterpret_cast<File *>(f);
        file->base.pMethods = nullptr;
        file->real = reinterpret_cast<sqlite3_file *>(file + 1);
        file->path = nullptr;
        if (vfs().crashed())
            return SQLITE_CANTOPEN;
        const int rc = realVfs->xOpen(realVfs, name, file->real, flags, outFlags);
        if (rc != SQLITE_OK)
            return rc;
        if (name)
            file->path = new std::string(name);
        file->base.pMethods = &kMethods;
        return SQLITE_OK;
    }
    static int remove(sqlite3_vfs *self, const char *name, int dirSync)
    {
        if (vfs().crashed())
            return SQLITE_IOERR_DELETE;
        {
            std::lock_guard lock(vfs().m_mutex);
            vfs().m_files.erase(name);
        }
        auto *realVfs = static_cast<sqlite3_vfs *>(self->pAppData);
        return realVfs->xDelete(realVfs, name, dirSync);
    }
};

const sqlite3_io_methods CrashVfsGlue::kMethods = {
    3,
    &CrashVfsGlue::close,
    &CrashVfsGlue::read,
    &CrashVfsGlue::write,
    &CrashVfsGlue::truncate,
    &CrashVfsGlue::sync,
    &CrashVfsGlue::fileSize,
    &CrashVfsGlue::lock,
    &CrashVfsGlue::unlock,
    &CrashVfsGlue::checkReservedLock,
    &CrashVfsGlue::fileControl,
    &CrashVfsGlue::sectorSize,
    &CrashVfsGlue::deviceCharacteristics,
    &CrashVfsGlue::shmMap,
    &CrashVfsGlue::shmLock,
    &CrashVfsGlue::shmBarrier,
    &CrashVfsGlue::shmUnmap,
    &CrashVfsGlue::fetch,
    &CrashVfsGlue::unfetch,
};

CrashVfs::CrashVfs()
{
    assert(!g_instance && "one CrashVfs at a time");
    g_instance = this;
    m_real = sqlite3_vfs_find(nullptr);
    m_vfs = std::make_unique<sqlite3_vfs>(*m_real);
    m_vfs->zName = "tapledger-crash";
    m_vfs->pNext = nullptr;
    m_vfs->pAppData = m_real;
    m_vfs->szOsFile = static_cast<int>(sizeof(CrashVfsGlue::File)) + m_real->szOsFile;
    m_vfs->xOpen = &CrashVfsGlue::open;
    m_vfs->xDelete = &CrashVfsGlue::remove;
    // The remaining calls (access, full path name, randomness, time, dlopen) take the real VFS
    // as their first argument.
    m_vfs->xAccess = [](sqlite3_vfs *self, const char *name, int flags, int *out) {
        auto *r = static_cast<sqlite3_vfs *>(self->pAppData);
        return r->xAccess(r, name, flags, out);
    };
    m_vfs->xFullPathname = [](sqlite3_vfs *self, const char *name, int n, char *out) {
        auto *r = static_cast<sqlite3_vfs *>(self->pAppData);
        return r->xFullPathname(r, name, n, out);
    };
    m_vfs->xDlOpen = nullptr;
    m_vfs->xDlError = nullptr;
    m_vfs->xDlSym = nullptr;
    m_vfs->xDlClose = nullptr;
    m_vfs->xRandomness = [](sqlite3_vfs *self, int n, char *out) {
        auto *r = static_cast<sqlite3_vfs *>(self->pAppData);
        return r->xRandomness(r, n, out);
    };
    m_vfs->xSleep = [](sqlite3_vfs *self, int us) {
        auto *r = static_cast<sqlite3_vfs *>(self->pAppData);
        return r->xSleep(r, us);
    };
    m_vfs->xCurrentTime = [](sqlite3_vfs *self, double *out) {
        auto *r = static_cast<sqlite3_vfs *>(self->pAppData);
        return r->xCurrentTime(r, out);
    };
    m_vfs->xGetLastError = [](sqlite3_vfs *self, int n, char *out) {
        auto *r = static_cast<sqlite3_vfs *>(self->pAppData);
        return r->xGetLastError(r, n, out);
    };
    m_vfs->xCurrentTimeInt64 = [](sqlite3_vfs *self, sqlite3_int64 *out) {
        auto *r = static_cast<sqlite3_vfs *>(self->pAppData);
        return r->xCurrentTimeInt64(r, out);
    };
    m_vfs->xSetSystemCall = nullptr;
    m_vfs->xGetSystemCall = nullptr;
    m_vfs->xNextSystemCall = nullptr;
    m_vfs->iVersion = 2;
    sqlite3_vfs_register(m_vfs.get(), 1);
}

CrashVfs::~CrashVfs()
{
    sqlite3_vfs_unregister(m_vfs.get());
    sqlite3_vfs_register(m_real, 1);
    g_instance = nullptr;
}

void CrashVfs::arm(uint64_t event, Mode mode, uint32_t seed)
{
    std::lock_guard lock(m_mutex);
    m_files.clear();
    m_events = 0;
    m_armedAt = event;
    m_mode = mode;
    m_seed = seed;
    m_crashed = false;
}

void CrashVfs::disarm()
{
    arm(0, Mode::LoseUnsynced);
}

uint64_t CrashVfs::events() const
{
    std::lock_guard lock(m_mutex);
    return m_events;
}

bool CrashVfs::crashed() const
{
    std::lock_guard lock(m_mutex);
    return m_crashed;
}

CrashVfs::FileState &CrashVfs::state(const std::string &path, int64_t currentSize)
{
    // A file first seen since arm() counts as synced as it is (arm() starts from a clean disk).
    auto [it, fresh] = m_files.try_emplace(path);
    if (fresh)
        it->second.syncedSize = currentSize;
    return it->second;
}

bool CrashVfs::event()
{
    ++m_events;
    if (m_armedAt == 0 || m_events != m_armedAt)
        return false;
    cut();
    m_crashed = true;
    return true;
}

void CrashVfs::cut()
{
    std::mt19937 rng(m_seed);
    for (auto &[path, st] : m_files) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
        if (fd < 0)
            continue; // deleted since: directory operations are durable at once
        const off_t current = ::lseek(fd, 0, SEEK_END);
        for (const auto &[index, sector] : st.touched) {
            const off_t start = static_cast<off_t>(index * kSector);
            int fate = 1; // 0 keep, 1 lose, 2 garbage
            if (m_mode == Mode::Torn)
                fate = static_cast<int>(rng() % 3);
            if (fate == 1) {
                // Back to the synced bytes; what lay beyond the synced end reads as zeros (a hole).
                std::string old = sector.synced;
                if (old.size() < sector.hi)
                    old.resize(sector.hi, '\0');
                [[maybe_unused]] ssize_t n = ::pwrite(fd, old.data(), old.size(), start);
            } else if (fate == 2 && sector.hi > sector.lo) {
                std::string noise(sector.hi - sector.lo, '\0');
                for (char &c : noise)
                    c = static_cast<char>(rng());
                [[maybe_unused]] ssize_t n = ::pwrite(fd, noise.data(), noise.size(), start + sector.lo);
            }
        }
        const bool keepSize = m_mode == Mode::Torn && rng() % 2 == 0;
        [[maybe_unused]] int rc = ::ftruncate(fd, keepSize ? current : static_cast<off_t>(st.syncedSize));
        ::close(fd);
        st.touched.clear();
    }
}

} // namespace tapledger::test
