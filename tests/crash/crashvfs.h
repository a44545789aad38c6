#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

struct sqlite3_vfs;

namespace tapledger::test {

/// A SQLite VFS shim that simulates a power cut at the N-th write, truncate or sync, after the
/// crash model of SQLite's own crash tests (src/test6.c): everything written since a file's last
/// sync may be lost or torn, everything synced survives.
///
/// Registered as the default VFS over the one that was default ("unix"), so every connection the
/// code under test opens afterwards goes through it. Writes go through to the real file at once;
/// the shim keeps, per file, the last synced content of every 512-byte sector touched since the
/// last sync and the synced size. At the armed event (1-based, counting xWrite, xTruncate and
/// xSync of every file) the event does not happen; instead:
///  - Mode::LoseUnsynced: every touched sector gets its synced content back and every file its
///    synced size (the page cache was lost as a whole);
///  - Mode::Torn: each touched sector independently keeps what was written, gets its synced
///    content back, or gets random bytes in the written part of the sector (SQLite's
///    POWERSAFE_OVERWRITE: bytes outside a write are never damaged); each file ends at its synced
///    or its current size. Random choices come from the seed given to arm().
/// From then on the "machine is off": reads, writes, syncs and shared-memory maps fail with
/// SQLITE_IOERR and deletes do nothing, until disarm(). Directory operations (create, delete)
/// are taken as durable at once, as in SQLite's crash tests; real fsync calls are skipped (the
/// shim is the disk model). Thread-safe; one instance at a time.
class CrashVfs
{
public:
    enum class Mode { LoseUnsynced, Torn };

    /// Registers the shim as the default VFS.
    CrashVfs();
    /// Unregisters it (the previous default is default again).
    ~CrashVfs();
    CrashVfs(const CrashVfs &) = delete;
    CrashVfs &operator=(const CrashVfs &) = delete;

    /// Cuts power at event @p event counted from now (1 = the next write/truncate/sync); 0 never.
    /// Forgets the unsynced state of earlier runs and restarts the count.
    void arm(uint64_t event, Mode mode, uint32_t seed = 0);
    /// No cut; the machine is on again (after a cut: for the "reboot").
    void disarm();
    /// Events counted since the last arm()/disarm().
    uint64_t events() const;
    /// True once the armed cut happened (until arm()/disarm()).
    bool crashed() const;

private:
    struct Sector
    {
        std::string synced;     ///< bytes of the sector at the last sync (shorter at end of file)
        uint32_t lo = 0, hi = 0; ///< part written since (offsets in the sector), lo == hi: none
    };
    struct FileState
    {
        int64_t syncedSize = 0;
        std::map<int64_t, Sector> touched; ///< by sector index
    };
    friend struct CrashVfsGlue;

    /// Counts one event; true when it is the armed one (then the cut has been applied).
    bool event();
    void cut();
    /// The state of @p path; a file not seen since arm() starts synced at @p currentSize bytes.
    FileState &state(const std::string &path, int64_t currentSize);

    mutable std::mutex m_mutex;
    std::unique_ptr<sqlite3_vfs> m_vfs;
    sqlite3_vfs *m_real = nullptr;
    std::map<std::string, FileState> m_files;
    uint64_t m_events = 0, m_armedAt = 0;
    Mode m_mode = Mode::LoseUnsynced;
    uint32_t m_seed = 0;
    bool m_crashed = false;
};

} // namespace tapledger::test
