#include "core/device/datadir.h"
#include "core/device/stageddirectory.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

using namespace tapledger;
using namespace tapledger::test;
namespace fs = std::filesystem;

namespace {
void write(const fs::path &p, const std::string &content)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
}
} // namespace

TEST(DataDir, InitCreatesKeyWithMode0600AndRefusesToOverwrite)
{
    TempDir tmp;
    const fs::path d = tmp.path() / "kiosk";
    auto dir = DataDir::init(d, "lobby-1");
    ASSERT_TRUE(dir.ok()) << dir.error().message;
    struct stat st{};
    ASSERT_EQ(stat((d / "device.key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ((*dir)->ledger().kioskId(), "lobby-1");
    dir->reset();

    const std::string keyBefore = readFile(d / "device.key");
    auto again = DataDir::init(d, "lobby-2");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::AlreadyExists);
    EXPECT_EQ(readFile(d / "device.key"), keyBefore);

    // An existing empty directory is fine; a bad kiosk id leaves nothing behind.
    fs::create_directory(tmp.path() / "empty");
    EXPECT_TRUE(DataDir::init(tmp.path() / "empty", "k-2").ok());
    EXPECT_FALSE(DataDir::init(tmp.path() / "bad", "no spaces allowed").ok());
    EXPECT_FALSE(fs::exists(tmp.path() / "bad"));
    int stray = 0;
    for (const auto &e : fs::directory_iterator(tmp.path()))
        stray += e.path().filename().string().rfind(".tapledger-init", 0) == 0;
    EXPECT_EQ(stray, 0);
}

TEST(StagedDirectory, CommitRenamesIntoPlaceAndAnAbandonedStageLeavesNothing)
{
    TempDir tmp;
    const auto staged = [&](const fs::path &target) {
        auto s = StagedDirectory::create(target, "a test directory");
        EXPECT_TRUE(s.ok()) << s.error().message;
        return std::move(*s);
    };
    {
        StagedDirectory s = staged(tmp.path() / "abandoned");
        write(s.path() / "file", "x");
        EXPECT_EQ(fs::status(s.path()).permissions() & fs::perms::all, fs::perms::owner_all);
        StagedDirectory moved(std::move(s)); // the moved-from stage removes nothing
    }
    EXPECT_TRUE(fs::is_empty(tmp.path())) << "an abandoned stage is removed";

    fs::create_directory(tmp.path() / "target"); // an empty target is replaced
    StagedDirectory s = staged(tmp.path() / "target");
    write(s.path() / "file", "done");
    ASSERT_TRUE(s.commit().ok());
    EXPECT_EQ(readFile(tmp.path() / "target" / "file"), "done");

    auto again = StagedDirectory::create(tmp.path() / "target", "a test directory");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().message, (tmp.path() / "target").string() +
                                         " already holds data; refusing to overwrite a test directory");
    write(tmp.path() / "plain", "");
    EXPECT_EQ(StagedDirectory::create(tmp.path() / "plain", "x").error().code, ErrorCode::AlreadyExists);
    EXPECT_EQ(StagedDirectory::create(tmp.path() / "no" / "parent", "x").error().code, ErrorCode::NotFound);
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 2);
}

struct OpenCase
{
    const char *name;
    void (*damage)(const fs::path &dir);
    ErrorCode expected;
};

TEST(DataDir, OpenRejectsEveryDamagedDirectoryClearly)
{
    const OpenCase cases[] = {
        {"missing-dir", [](const fs::path &d) { fs::remove_all(d); }, ErrorCode::NotFound},
        {"missing-key", [](const fs::path &d) { fs::remove(d / "device.key"); }, ErrorCode::NotFound},
        {"key-world-readable", [](const fs::path &d) { fs::permissions(d / "device.key", fs::perms::others_read, fs::perm_options::add); },
         ErrorCode::Denied},
        {"key-garbage", [](const fs::path &d) { write(d / "device.key", "not a key"); fs::permissions(d / "device.key", fs::perms::owner_read | fs::perms::owner_write); },
         ErrorCode::Crypto},
        {"public-key-of-another-device",
         [](const fs::path &d) { write(d / "device.pub.pem", ed25519PublicKeyToPem(Ed25519SecretKey::generate().publicKey())); },
         ErrorCode::Crypto},
        {"missing-ledger", [](const fs::path &d) { fs::remove(d / "ledger.db"); }, ErrorCode::NotFound},
        {"ledger-garbage", [](const fs::path &d) { write(d / "ledger.db", std::string(8192, 'x')); }, ErrorCode::Corrupt},
        {"ledger-not-tapledger",
         [](const fs::path &d) {
             fs::remove(d / "ledger.db");
             sqlite3 *db = nullptr;
             sqlite3_open((d / "ledger.db").c_str(), &db);
             sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
             sqlite3_close(db);
         },
         ErrorCode::Corrupt},
        {"ledger-of-another-kiosk",
         [](const fs::path &d) {
             const fs::path other = d.parent_path() / "other";
             ASSERT_TRUE(DataDir::init(other, "other").ok());
             fs::remove(d / "ledger.db");
             fs::copy_file(other / "ledger.db", d / "ledger.db");
         },
         ErrorCode::Corrupt},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        TempDir tmp;
        const fs::path d = tmp.path() / "kiosk";
        ASSERT_TRUE(DataDir::init(d, "lobby-1").ok());
        c.damage(d);
        auto dir = DataDir::open(d);
        ASSERT_FALSE(dir.ok());
        EXPECT_EQ(dir.error().code, c.expected) << dir.error().message;
        EXPECT_FALSE(dir.error().message.empty());
        EXPECT_EQ(dir.error().message.find("PRIVATE KEY"), std::string::npos) << "never echo key material";
    }
}
