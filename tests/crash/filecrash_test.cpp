// Power loss at every step of the kiosk's file writes (issue 14, point 2): the card counter store
// (card-counters.json) and any file replaced with writeFileAtomic (configuration written by sync,
// emulated card images). This binary interposes fsync() and rename() (the test executable's
// definitions win over libc's for the statically linked core) to count them as events; at event
// N the event fails and power is cut in the model below, for N = 1, 2, ... until a run is
// untouched. Model (POSIX, ext4 data=ordered without auto_da_alloc): a file's content survives
// only up to its last fsync, a rename only once its directory was fsynced.
//  - Mode::LoseAll: every unsynced file is back to its last synced content (or empty when never
//    synced) and every rename since the last directory fsync is undone;
//  - Mode::KeepRenames: renames stay, unsynced files keep only the first half of their bytes.
// After the cut the kiosk "reboots": the store must open (not Corrupt), hold every acknowledged
// record and the one in flight at most, and take new records again.
#include "core/fileio.h"
#include "services/cardcounterfile.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <dlfcn.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

using namespace tapledger;
using namespace tapledger::test;
namespace fs = std::filesystem;

namespace {

enum class Mode { LoseAll, KeepRenames };

/// libc's rename(), past the interposer below.
int realRename(const char *from, const char *to)
{
    static auto *real = reinterpret_cast<int (*)(const char *, const char *)>(dlsym(RTLD_NEXT, "rename"));
    return real(from, to);
}

/// The disk model over one directory; see the file comment.
class CrashDisk
{
public:
    void arm(const fs::path &dir, uint64_t event, Mode mode)
    {
        m_dir = fs::canonical(dir);
        m_event = event;
        m_events = 0;
        m_mode = mode;
        m_crashed = false;
        m_renames.clear();
        m_synced.clear();
        for (const auto &f : fs::directory_iterator(m_dir))
            m_synced[f.path()] = slurp(f.path());
    }
    void disarm() { m_dir.clear(); }
    bool crashed() const { return m_crashed; }
    uint64_t events() const { return m_events; }

    /// fsync(@p fd) of a watched file or of the directory; false: fail with EIO.
    bool onFsync(int fd)
    {
        const auto path = pathOf(fd);
        if (!path || !watched(*path))
            return true;
        if (!step())
            return false;
        if (*path == m_dir)
            m_renames.clear();
        else
            m_synced[*path] = slurp(*path);
        return true;
    }
    /// rename(@p from, @p to) inside the watched directory; false: fail with EIO.
    bool beforeRename(const fs::path &from, const fs::path &to)
    {
        if (!watched(fs::absolute(to).parent_path()) && !watched(fs::absolute(to)))
            return true;
        if (!step())
            return false;
        const fs::path a = fs::absolute(from), b = fs::absolute(to);
        Rename r{a, b, fs::exists(b) ? std::optional<std::string>(slurp(b)) : std::nullopt};
        m_renames.push_back(r);
        if (auto it = m_synced.find(a); it != m_synced.end()) {
            m_synced[b] = it->second;
            m_synced.erase(it);
        } else {
            m_synced.erase(b);
        }
        return true;
    }

private:
    struct Rename
    {
        fs::path from, to;
        std::optional<std::string> replaced; ///< the target's content before, if it existed
    };

    static std::string slurp(const fs::path &p)
    {
        std::ifstream in(p, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    static void spit(const fs::path &p, const std::string &content)
    {
        std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
    }
    static std::optional<fs::path> pathOf(int fd)
    {
        std::error_code ec;
        auto p = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
        if (ec)
            return std::nullopt;
        return p;
    }
    bool watched(const fs::path &p) const
    {
        return !m_dir.empty() && (p == m_dir || p.parent_path() == m_dir);
    }
    /// Counts an event; false (and the cut applied) when it is the armed one or power is off.
    bool step()
    {
        if (m_crashed)
            return false;
        if (++m_events != m_event)
            return true;
        m_crashed = true;
        cut();
        return false;
    }
    void cut()
    {
        if (m_mode == Mode::LoseAll) {
            for (auto it = m_renames.rbegin(); it != m_renames.rend(); ++it) {
                EXPECT_EQ(realRename(it->to.c_str(), it->from.c_str()), 0);
                if (it->replaced)
                    spit(it->to, *it->replaced);
                if (auto s = m_synced.find(it->to); s != m_synced.end()) {
                    m_synced[it->from] = s->second;
                    m_synced.erase(s);
                }
                if (it->replaced)
                    m_synced[it->to] = *it->replaced;
            }
        }
        for (const auto &f : fs::directory_iterator(m_dir)) {
            const std::string now = slurp(f.path());
            auto s = m_synced.find(f.path());
            if (s != m_synced.end() && s->second == now)
                continue;
            if (m_mode == Mode::LoseAll)
                spit(f.path(), s != m_synced.end() ? s->second : std::string());
            else
                spit(f.path(), now.substr(0, now.size() / 2));
        }
        m_renames.clear();
    }

    fs::path m_dir;
    uint64_t m_event = 0, m_events = 0;
    Mode m_mode = Mode::LoseAll;
    bool m_crashed = false;
    std::vector<Rename> m_renames;
    std::map<fs::path, std::string> m_synced;
};

CrashDisk g_disk;

} // namespace

extern "C" int fsync(int fd)
{
    if (!g_disk.onFsync(fd)) {
        errno = EIO;
        return -1;
    }
    static auto *real = reinterpret_cast<int (*)(int)>(dlsym(RTLD_NEXT, "fsync"));
    return real(fd);
}

extern "C" int rename(const char *from, const char *to)
{
    if (!g_disk.beforeRename(from, to)) {
        errno = EIO;
        return -1;
    }
    return realRename(from, to);
}

namespace {

const char *name(Mode m)
{
    return m == Mode::LoseAll ? "lose all" : "keep renames";
}

class FileCrash : public ::testing::TestWithParam<Mode>
{
};

/// Records counters 1..kRecords over three cards, cutting power at every event.
TEST_P(FileCrash, CardCounterStoreKeepsEveryAcknowledgedCounter)
{
    constexpr uint32_t kRecords = 9;
    const std::vector<Uuid> cards = {Uuid::generate(), Uuid::generate(), Uuid::generate()};
    uint64_t event = 1;
    for (;; ++event) {
        SCOPED_TRACE(std::string(name(GetParam())) + ", cut at event " + std::to_string(event));
        TempDir dir;
        const fs::path file = dir.path() / "card-counters.json";
        std::map<size_t, uint32_t> acked;   // card index → last acknowledged counter
        std::optional<std::pair<size_t, uint32_t>> inFlight;
        {
            auto store = kiosk::CardCounterFile::open(file);
            ASSERT_TRUE(store.ok());
            g_disk.arm(dir.path(), event, GetParam());
            for (uint32_t i = 1; i <= kRecords && !g_disk.crashed(); ++i) {
                (*store)->recordSeen(cards[i % 3], i);
                if (g_disk.crashed())
                    inFlight = std::pair<size_t, uint32_t>{i % 3, i};
                else
                    acked[i % 3] = i;
            }
        }
        const bool cut = g_disk.crashed();
        g_disk.disarm();
        // Reboot.
        auto store = kiosk::CardCounterFile::open(file);
        ASSERT_TRUE(store.ok()) << store.error().message;
        for (size_t c = 0; c < cards.size(); ++c) {
            const auto seen = (*store)->lastSeen(cards[c]);
            const bool isInFlight = inFlight && inFlight->first == c;
            if (acked.count(c)) {
                ASSERT_TRUE(seen) << "card " << c << " lost its acknowledged counter " << acked[c];
                EXPECT_TRUE(*seen == acked[c] || (isInFlight && *seen == inFlight->second))
                    << "card " << c << ": " << *seen << ", acknowledged " << acked[c];
            } else if (seen) {
                EXPECT_TRUE(isInFlight && *seen == inFlight->second) << "card " << c << ": " << *seen << " never recorded";
            }
        }
        // The store takes records again after the cut (a stale temporary file does not matter).
        (*store)->recordSeen(cards[0], kRecords + 1);
        auto again = kiosk::CardCounterFile::open(file);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ((*again)->lastSeen(cards[0]), kRecords + 1);
        if (!cut)
            break;
    }
    // fsync(tmp), rename, fsync(dir) per record.
    EXPECT_EQ(event, 3 * kRecords + 1);
    std::cout << "[ info ] " << name(GetParam()) << ": " << event - 1 << " power cuts over " << kRecords
              << " counter records, all recovered\n";
}

/// writeFileAtomic over a file that exists: the old or the new content, the new one once acknowledged.
TEST_P(FileCrash, WriteFileAtomicLeavesTheOldOrTheNewFile)
{
    const std::vector<std::string> versions = {"[kiosk]\nid = \"v1\"\n", "[kiosk]\nid = \"v2 longer\"\n",
                                               "[kiosk]\nid = \"v3\"\n"};
    uint64_t event = 1;
    for (;; ++event) {
        SCOPED_TRACE(std::string(name(GetParam())) + ", cut at event " + std::to_string(event));
        TempDir dir;
        const fs::path file = dir.path() / "kiosk.toml";
        ASSERT_TRUE(writeFileAtomic(file, "[kiosk]\nid = \"v0\"\n").ok());
        g_disk.arm(dir.path(), event, GetParam());
        size_t ackedVersion = 0; // 0 = the initial file
        std::optional<size_t> inFlight;
        for (size_t v = 0; v < versions.size(); ++v) {
            const bool ok = writeFileAtomic(file, versions[v]).ok();
            if (g_disk.crashed()) {
                inFlight = v + 1;
                break;
            }
            ASSERT_TRUE(ok);
            ackedVersion = v + 1;
        }
        const bool cut = g_disk.crashed();
        g_disk.disarm();
        const std::string content = readFile(file);
        const std::string acked = ackedVersion == 0 ? "[kiosk]\nid = \"v0\"\n" : versions[ackedVersion - 1];
        EXPECT_TRUE(content == acked || (inFlight && content == versions[*inFlight - 1]))
            << "after the cut: '" << content << "'";
        if (!cut)
            break;
    }
    EXPECT_EQ(event, 3 * 3 + 1);
}

INSTANTIATE_TEST_SUITE_P(Modes, FileCrash, ::testing::Values(Mode::LoseAll, Mode::KeepRenames),
                         [](const ::testing::TestParamInfo<Mode> &p) {
                             return p.param == Mode::LoseAll ? "LoseAll" : "KeepRenames";
                         });

} // namespace
