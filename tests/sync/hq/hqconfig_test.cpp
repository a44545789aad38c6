// HqConfig: `tapledger-hq serve --config FILE` (docs/operations.md "Running an HQ"), over the
// fixtures in tests/data/hq-config/{valid,invalid}/ and the shipped sample firmware-config/hq.toml.
#include "support/testsupport.h"
#include "sync/hq/hqconfig.h"

#include <gtest/gtest.h>

using namespace tapledger;
using namespace tapledger::sync;
namespace fs = std::filesystem;

namespace {
const fs::path kSource = TAPLEDGER_SOURCE_DIR;
const fs::path kFixtures = kSource / "tests/data/hq-config";

struct Refusal
{
    const char *file;
    const char *message; ///< a part of the error, after "<file>:<line>:<column>: "
};
} // namespace

TEST(HqConfig, ShippedSampleIsWhatTheUnitRuns)
{
    auto c = HqConfig::load(kSource / "firmware-config/hq.toml");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->data, fs::path("/var/lib/tapledger-hq/hq"));
    EXPECT_EQ(c->listen, "0.0.0.0:443");
    EXPECT_EQ(c->threads, 16u);
    EXPECT_NE(test::readFile(kSource / "firmware-config/systemd/tapledger-hq.service")
                  .find("ExecStart=/usr/bin/tapledger-hq serve --config /etc/tapledger-hq/hq.toml"),
              std::string::npos);
}

TEST(HqConfig, RelativeDataIsTakenFromTheFilesFolderAndEveryKeyIsOptional)
{
    auto c = HqConfig::load(kFixtures / "valid/relative-data.toml");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->data, fs::absolute(kFixtures / "valid/hq"));
    EXPECT_EQ(c->threads, 4u);
    auto empty = HqConfig::load(kFixtures / "valid/empty.toml");
    ASSERT_TRUE(empty.ok()) << empty.error().message;
    EXPECT_FALSE(empty->data || empty->listen || empty->threads);
}

TEST(HqConfig, EveryDefectIsRefusedNamingFileLineAndKey)
{
    const Refusal cases[] = {
        {"unknown-key.toml", ":4:1: [hq] threds: unknown key (allowed: data, listen, threads)"},
        {"unknown-table.toml", ":3:1: unknown table or key 'server' (allowed: [hq])"},
        {"hq-not-a-table.toml", ":1:6: unknown table or key 'hq' (allowed: [hq])"},
        {"threads-zero.toml", ":2:11: [hq] threads must be an integer 1..1024"},
        {"threads-too-many.toml", ":2:11: [hq] threads must be an integer 1..1024"},
        {"threads-string.toml", ":2:11: [hq] threads must be an integer 1..1024"},
        {"listen-integer.toml", ":2:10: [hq] listen must be a non-empty string"},
        {"data-empty.toml", ":2:8: [hq] data must be a non-empty string"},
        {"unterminated-string.toml", ": TOML syntax error: "},
    };
    int seen = 0;
    for (const auto &entry : fs::directory_iterator(kFixtures / "invalid"))
        seen += entry.path().extension() == ".toml";
    EXPECT_EQ(seen, static_cast<int>(std::size(cases))) << "every invalid fixture has a case";
    for (const auto &c : cases) {
        SCOPED_TRACE(c.file);
        const fs::path file = kFixtures / "invalid" / c.file;
        auto r = HqConfig::load(file);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().message.rfind(file.string(), 0), 0u) << r.error().message;
        EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().message;
    }
    auto missing = HqConfig::load(kFixtures / "invalid/no-such.toml");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}
