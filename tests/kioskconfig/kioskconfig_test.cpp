#include "kiosk/config/kioskconfig.h"
#include "support/testsupport.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>
#include <string>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const std::string &kind, const std::string &name)
{
    return test::dataPath("kiosk-config/" + kind + "/" + name);
}

std::set<std::string> tomlFiles(const fs::path &dir)
{
    std::set<std::string> names;
    for (const auto &entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".toml")
            names.insert(entry.path().filename().string());
    return names;
}

// ---- invalid fixtures: tests/data/kiosk-config/invalid/<defect>.toml ----

struct InvalidCase
{
    const char *file;
    ErrorCode code;
    const char *named; ///< what the one-line message must name (the key, or the syntax position)
};

const InvalidCase kInvalid[] = {
    {"guest-idle-too-short.toml", ErrorCode::InvalidArgument,
     ":11: [timeouts] guest_idle_s = 2: must be 5..600 seconds"},
    {"guest-idle-not-integer.toml", ErrorCode::InvalidArgument,
     "[timeouts] guest_idle_s = \"30\": must be an integer"},
    {"staff-idle-too-long.toml", ErrorCode::InvalidArgument,
     "[timeouts] staff_idle_s = 7201: must be 60..7200 seconds"},
    {"receipt-float.toml", ErrorCode::InvalidArgument, "[timeouts] receipt_s = 10.5: must be an integer"},
    {"unknown-key.toml", ErrorCode::InvalidArgument,
     ":11: [timeouts] guest_idle: unknown key (allowed: guest_idle_s"},
    {"unknown-table.toml", ErrorCode::InvalidArgument,
     ":10: [timeout]: unknown table (allowed tables: [kiosk]"},
    {"key-outside-table.toml", ErrorCode::InvalidArgument, ":2: language: unknown key outside any table"},
    {"table-as-array.toml", ErrorCode::InvalidArgument, "[printer] must be one table, not an array"},
    {"nested-table.toml", ErrorCode::InvalidArgument, "[kiosk] extra: unknown key"},
    {"venue-type-unknown.toml", ErrorCode::InvalidArgument,
     "[kiosk] venue_type = \"bar\": must be \"hotel\", \"restaurant\", \"club\" or \"shop\""},
    {"venue-type-not-string.toml", ErrorCode::InvalidArgument, "[kiosk] venue_type = 1: must be a string"},
    {"venue-type-wrong-case.toml", ErrorCode::InvalidArgument, "[kiosk] venue_type = \"Hotel\": must be"},
    {"bad-language.toml", ErrorCode::InvalidArgument,
     "[kiosk] language = \"fr\": must be \"zh_CN\" or \"en\""},
    {"bad-kiosk-id.toml", ErrorCode::InvalidArgument,
     "[kiosk] id = \"lobby 01/east\": required, 1..63 characters"},
    {"kiosk-id-too-long.toml", ErrorCode::InvalidArgument, "[kiosk] id = \"aaaa"},
    {"missing-kiosk-id.toml", ErrorCode::InvalidArgument, "[kiosk] id is missing"},
    {"missing-kiosk-table.toml", ErrorCode::InvalidArgument, "[kiosk] id is missing"},
    {"missing-data-dir.toml", ErrorCode::InvalidArgument, "[kiosk] data_dir is missing"},
    {"empty-policy.toml", ErrorCode::InvalidArgument, "[kiosk] policy = \"\": must not be empty"},
    {"venue-name-control-char.toml", ErrorCode::InvalidArgument,
     "[kiosk] venue_name = \"Harbour\\x09Hotel\": must be"},
    {"poll-interval-too-long.toml", ErrorCode::InvalidArgument,
     "[reader] poll_interval_ms = 5000: must be 10..1000 milliseconds"},
    {"bad-reader-driver.toml", ErrorCode::InvalidArgument,
     "[reader] connstring = \"pn532-uart:/dev/ttyUSB0\": must be"},
    {"missing-key-store.toml", ErrorCode::InvalidArgument,
     "[reader] key_store is missing: required for a real reader"},
    {"hq-url-without-cert.toml", ErrorCode::InvalidArgument,
     "[hq] cert_file is missing: required when [hq] url is set"},
    {"hq-url-not-https.toml", ErrorCode::InvalidArgument,
     "[hq] url = \"http://hq.example.com\": must be https://"},
    {"hq-url-bad-port.toml", ErrorCode::InvalidArgument, "[hq] url = \"https://hq.example.com:70000\""},
    {"sync-interval-too-short.toml", ErrorCode::InvalidArgument,
     "[hq] sync_interval_s = 1: must be 5..86400 seconds"},
    {"negative-max-value.toml", ErrorCode::InvalidArgument,
     "[offline] max_value = -1: must be 0..100000000 minor units"},
    {"denylist-age-zero.toml", ErrorCode::InvalidArgument,
     "[offline] max_denylist_age_hours = 0: must be 1..720 hours"},
    {"printer-relative-device.toml", ErrorCode::InvalidArgument,
     "[printer] device = \"lp0\": must be an absolute"},
    {"syntax-error.toml", ErrorCode::InvalidArgument, ":4:"},
    {"duplicate-key.toml", ErrorCode::InvalidArgument, ":12:16: TOML syntax error"},
};

// Names the fixture in test output instead of dumping the struct's bytes.
void PrintTo(const InvalidCase &c, std::ostream *os)
{
    *os << c.file;
}

class InvalidConfig : public testing::TestWithParam<InvalidCase>
{
};

TEST_P(InvalidConfig, IsRejectedNamingFileAndKey)
{
    const InvalidCase &c = GetParam();
    const fs::path path = fixture("invalid", c.file);
    const auto config = KioskConfig::load(path);
    ASSERT_FALSE(config.ok()) << c.file << " was accepted";
    EXPECT_EQ(config.error().code, c.code) << config.error().message;
    const std::string &message = config.error().message;
    EXPECT_TRUE(message.starts_with(path.string() + ":")) << message;
    EXPECT_NE(message.find(c.named), std::string::npos)
        << "message: " << message << "\nexpected to contain: " << c.named;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, InvalidConfig, testing::ValuesIn(kInvalid),
                         [](const testing::TestParamInfo<InvalidCase> &p) {
                             std::string name = p.param.file;
                             name = name.substr(0, name.size() - std::string(".toml").size());
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(KioskConfig, EveryInvalidFixtureIsInTheTable)
{
    std::set<std::string> listed;
    for (const auto &c : kInvalid)
        listed.insert(c.file);
    EXPECT_EQ(tomlFiles(test::dataPath("kiosk-config/invalid")), listed);
    EXPECT_GE(listed.size(), 12u);
}

TEST(KioskConfig, SyntaxErrorsGiveLineAndColumn)
{
    const auto config =
        KioskConfig::parse("[kiosk]\nid = \"k1\"\ndata_dir = \"data\npolicy = \"p\"\n", "kiosk.toml");
    ASSERT_FALSE(config.ok());
    const std::string &m = config.error().message;
    EXPECT_TRUE(m.starts_with("kiosk.toml:3:")) << m;
    EXPECT_NE(m.find("TOML syntax error"), std::string::npos) << m;
}

TEST(KioskConfig, MessageFormatMatchesTheDocumentation)
{
    const auto config = KioskConfig::parse(
        "[kiosk]\nid = \"k1\"\ndata_dir = \"d\"\npolicy = \"p\"\n[reader]\nconnstring = \"emulated\"\n"
        "[timeouts]\nguest_idle_s = 2\n",
        "kiosk.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message, "kiosk.toml:8: [timeouts] guest_idle_s = 2: must be 5..600 seconds");
}

// ---- valid fixtures ----

TEST(KioskConfig, EveryValidFixtureLoads)
{
    const auto files = tomlFiles(test::dataPath("kiosk-config/valid"));
    EXPECT_GE(files.size(), 5u);
    for (const auto &name : files) {
        const auto config = KioskConfig::load(fixture("valid", name));
        EXPECT_TRUE(config.ok()) << name << ": " << (config ? "" : config.error().message);
    }
}

TEST(KioskConfig, MinimalTakesTheDocumentedDefaults)
{
    const auto config = KioskConfig::parse(test::readFile(fixture("valid", "minimal.toml")), "minimal.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->kiosk.id, "k1");
    EXPECT_EQ(config->kiosk.dataDir, fs::path("data"));
    EXPECT_EQ(config->kiosk.language, "zh_CN");
    EXPECT_EQ(config->kiosk.policy, fs::path("policy.json"));
    EXPECT_EQ(config->kiosk.venueName, "");
    EXPECT_EQ(config->kiosk.venueType, "");
    EXPECT_TRUE(config->reader.emulated());
    EXPECT_EQ(config->reader.pollInterval, 50ms);
    EXPECT_TRUE(config->reader.keyStore.empty());
    EXPECT_FALSE(config->hq.enabled());
    EXPECT_EQ(config->hq.syncInterval, 60s);
    EXPECT_EQ(config->timeouts.guestIdle, 30s);
    EXPECT_EQ(config->timeouts.staffIdle, 900s);
    EXPECT_EQ(config->timeouts.receipt, 10s);
    EXPECT_EQ(config->offline.maxRedemptions, 5);
    EXPECT_EQ(config->offline.maxValue, 50000);
    EXPECT_EQ(config->offline.maxDenylistAge, 72h);
    EXPECT_FALSE(config->printer.enabled());
}

TEST(KioskConfig, FullSetsEveryField)
{
    const auto config = KioskConfig::load(fixture("valid", "full.toml"));
    ASSERT_TRUE(config.ok()) << config.error().message;
    const KioskConfig &c = *config;
    EXPECT_EQ(c.kiosk.id, "Lobby_02.east-wing");
    EXPECT_EQ(c.kiosk.dataDir, fs::path("/var/lib/tapledger/data"));
    EXPECT_EQ(c.kiosk.language, "en");
    EXPECT_EQ(c.kiosk.policy, fs::path("/etc/tapledger/policy.json"));
    EXPECT_EQ(c.kiosk.venueName, "海港酒店 Harbour Hotel");
    EXPECT_EQ(c.kiosk.venueType, "hotel");
    EXPECT_EQ(c.reader.connstring, "acr122_usb");
    EXPECT_FALSE(c.reader.emulated());
    EXPECT_EQ(c.reader.pollInterval, 100ms);
    EXPECT_EQ(c.reader.keyStore, fs::path("/etc/tapledger/card-keys.json"));
    EXPECT_TRUE(c.hq.enabled());
    EXPECT_EQ(c.hq.url, "https://hq.example.com:8443/tapledger");
    EXPECT_EQ(c.hq.syncInterval, 300s);
    EXPECT_EQ(c.hq.caFile, fs::path("/etc/tapledger/hq-ca.pem"));
    EXPECT_EQ(c.hq.certFile, fs::path("/etc/tapledger/device-cert.pem"));
    EXPECT_EQ(c.hq.keyFile, fs::path("/etc/tapledger/device-key.pem"));
    EXPECT_EQ(c.timeouts.guestIdle, 45s);
    EXPECT_EQ(c.timeouts.staffIdle, 1800s);
    EXPECT_EQ(c.timeouts.receipt, 20s);
    EXPECT_EQ(c.offline.maxRedemptions, 3);
    EXPECT_EQ(c.offline.maxValue, 20000);
    EXPECT_EQ(c.offline.maxDenylistAge, 24h);
    EXPECT_EQ(c.printer.device, fs::path("/dev/usb/lp0"));
    EXPECT_TRUE(c.printer.enabled());
}

TEST(KioskConfig, BoundsAreInclusive)
{
    const auto low = KioskConfig::load(fixture("valid", "bounds-low.toml"));
    ASSERT_TRUE(low.ok()) << low.error().message;
    EXPECT_EQ(low->reader.pollInterval, 10ms);
    EXPECT_EQ(low->timeouts.guestIdle, 5s);
    EXPECT_EQ(low->offline.maxValue, 0);
    EXPECT_EQ(low->reader.connstring, "");
    const auto high = KioskConfig::load(fixture("valid", "bounds-high.toml"));
    ASSERT_TRUE(high.ok()) << high.error().message;
    EXPECT_EQ(high->kiosk.id.size(), 63u);
    EXPECT_EQ(high->hq.syncInterval, 86400s);
    EXPECT_EQ(high->timeouts.staffIdle, 7200s);
    EXPECT_EQ(high->offline.maxDenylistAge, 720h);
    EXPECT_EQ(high->hq.url, "https://[2001:db8::1]:65535");
}

TEST(KioskConfig, LoadResolvesRelativePathsAgainstTheFilesDirectory)
{
    const fs::path file = fixture("valid", "relative-paths.toml");
    const auto config = KioskConfig::load(file);
    ASSERT_TRUE(config.ok()) << config.error().message;
    const fs::path dir = fs::absolute(file).parent_path();
    EXPECT_EQ(config->kiosk.dataDir, dir / "state/data");
    EXPECT_EQ(config->kiosk.policy, (dir / "../policies/venue.policy.json").lexically_normal());
    EXPECT_EQ(config->reader.keyStore, dir / "secrets/card-keys.json");
    EXPECT_EQ(config->hq.caFile, dir / "tls/ca.pem");
    EXPECT_EQ(config->hq.keyFile, fs::path("/abs/key.pem"));
}

TEST(KioskConfig, ParseWithoutBaseDirKeepsRelativePaths)
{
    const auto config =
        KioskConfig::parse(test::readFile(fixture("valid", "relative-paths.toml")), "rel.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->kiosk.dataDir, fs::path("state/data"));
    EXPECT_EQ(config->reader.keyStore, fs::path("./secrets/card-keys.json"));
}

TEST(KioskConfig, LoadReportsMissingAndUnreadableFiles)
{
    test::TempDir dir;
    const auto missing = KioskConfig::load(dir.path() / "kiosk.toml");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_NE(missing.error().message.find("kiosk.toml"), std::string::npos);
    const auto directory = KioskConfig::load(dir.path());
    ASSERT_FALSE(directory.ok());
    EXPECT_EQ(directory.error().code, ErrorCode::Io);
}

TEST(KioskConfig, EmptyTextIsMissingTheKioskId)
{
    const auto config = KioskConfig::parse("", "empty.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message.substr(0, 29), "empty.toml: [kiosk] id is mis");
}

TEST(KioskConfig, VenueTypeFixturesNameTheirType)
{
    for (const char *type : {"restaurant", "club", "shop"}) {
        const auto config = KioskConfig::load(fixture("valid", std::string("venue-type-") + type + ".toml"));
        ASSERT_TRUE(config.ok()) << type << ": " << config.error().message;
        EXPECT_EQ(config->kiosk.venueType, type);
    }
}

TEST(KioskConfig, KnownKeysListsEveryTableAndKey)
{
    const auto keys = KioskConfig::knownKeys();
    EXPECT_EQ(keys.size(), 22u);
    EXPECT_EQ(keys.front(), "kiosk.id");
    EXPECT_EQ(keys.back(), "printer.device");
    EXPECT_NE(std::find(keys.begin(), keys.end(), "offline.max_denylist_age_hours"), keys.end());
}

} // namespace
