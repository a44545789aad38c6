// The samples in firmware-config/ are what installers copy and what `tapledger-kiosk --demo` reads:
// each is checked here so it cannot rot.
#include "kiosk/config/kioskconfig.h"
#include "libnfcconf.h"
#include "support/testsupport.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <string>

using namespace tapledger;
using namespace tapledger::kiosk;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = TAPLEDGER_SOURCE_DIR;
const fs::path kSamples = kSource / "firmware-config";

// "table.key" of every key set (not commented out) in a TOML file with [table] headers.
std::set<std::string> keysSetIn(const std::string &text)
{
    std::set<std::string> keys;
    std::istringstream in(text);
    std::string line;
    std::string table;
    while (std::getline(in, line)) {
        if (line.starts_with("[") && line.find(']') != std::string::npos)
            table = line.substr(1, line.find(']') - 1);
        else if (const size_t eq = line.find(" ="); !line.starts_with("#") && eq != std::string::npos)
            keys.insert(table + "." + line.substr(0, eq));
    }
    return keys;
}

std::set<std::string> knownKeySet()
{
    const auto keys = KioskConfig::knownKeys();
    return {keys.begin(), keys.end()};
}

// The value of "Key=" in a systemd unit or of a udev match/assignment.
std::string lineValue(const std::string &text, const std::string &prefix)
{
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with(prefix))
            return line.substr(prefix.size());
    return {};
}

TEST(FirmwareSamples, ProductionKioskTomlIsValidAndSetsEveryKey)
{
    const auto config = KioskConfig::load(kSamples / "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(keysSetIn(test::readFile(kSamples / "kiosk.toml")), knownKeySet())
        << "kiosk.toml must set (and comment) every key KioskConfig accepts";
    EXPECT_FALSE(config->reader.emulated());
    EXPECT_TRUE(config->hq.enabled());
    EXPECT_TRUE(config->kiosk.dataDir.is_absolute());
}

TEST(FirmwareSamples, DemoKioskTomlIsValidAndPointsAtTheShippedPolicy)
{
    const auto config = KioskConfig::load(kSamples / "kiosk-demo.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_TRUE(config->reader.emulated());
    EXPECT_FALSE(config->hq.enabled());
    EXPECT_TRUE(config->reader.keyStore.empty());
    EXPECT_TRUE(fs::equivalent(config->kiosk.policy, kSource / "docs/examples/hotel-restaurant.policy.json"))
        << config->kiosk.policy;
    // Relative to firmware-config/, inside the git-ignored build/ tree.
    EXPECT_EQ(config->kiosk.dataDir, (fs::absolute(kSource) / "build/demo-data").lexically_normal());
}

TEST(FirmwareSamples, OperationsGuideDocumentsEveryKey)
{
    const std::string doc = test::readFile(kSource / "docs/operations.md");
    const size_t section = doc.find("## Kiosk configuration");
    ASSERT_NE(section, std::string::npos) << "docs/operations.md has no \"## Kiosk configuration\" section";
    const std::string text = doc.substr(section);
    for (const auto &key : KioskConfig::knownKeys()) {
        const std::string name = key.substr(key.find('.') + 1);
        EXPECT_NE(text.find("`" + name + "`"), std::string::npos) << key << " is not documented";
    }
}

TEST(FirmwareSamples, SystemdUnitStateDirectoryHoldsTheDataDir)
{
    const std::string unit = test::readFile(kSamples / "systemd/tapledger-kiosk.service");
    const std::string stateDir = lineValue(unit, "StateDirectory=");
    ASSERT_FALSE(stateDir.empty());
    const auto config = KioskConfig::load(kSamples / "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->kiosk.dataDir.parent_path(), fs::path("/var/lib") / stateDir);
    EXPECT_NE(unit.find("--config /etc/tapledger/kiosk.toml"), std::string::npos);
    for (const char *key : {"ProtectSystem=strict", "PrivateTmp=yes", "Restart=always", "TTYPath=/dev/tty1"})
        EXPECT_NE(unit.find(key), std::string::npos) << key;
}

TEST(FirmwareSamples, UdevLinkIsTheConnstringOfTheSamples)
{
    const std::string rules = test::readFile(kSamples / "udev/99-tapledger-readers.rules");
    EXPECT_NE(rules.find("ATTR{idVendor}==\"072f\", ATTR{idProduct}==\"2200\""), std::string::npos);
    const size_t link = rules.find("SYMLINK+=\"");
    ASSERT_NE(link, std::string::npos);
    const std::string name = rules.substr(link + 10, rules.find('"', link + 10) - link - 10);
    const auto config = KioskConfig::load(kSamples / "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->reader.connstring, "pn532_uart:/dev/" + name);
    const auto pn532 = test::parseLibnfcConf(test::readFile(kSamples / "libnfc/pn532-uart.conf"));
    ASSERT_EQ(pn532.devices.size(), 1u);
    EXPECT_EQ(pn532.devices[0].connstring, "pn532_uart:/dev/" + name);
}

// ---- libnfc device files ----

struct LibnfcSample
{
    const char *file;
    const char *connstring;
};

const LibnfcSample kLibnfcSamples[] = {
    {"libnfc/acr122u.conf", "acr122_usb"},
    {"libnfc/pn532-uart.conf", "pn532_uart:/dev/tapledger-pn532"},
};

TEST(FirmwareSamples, LibnfcSamplesFollowLibnfcGrammar)
{
    for (const auto &sample : kLibnfcSamples) {
        SCOPED_TRACE(sample.file);
        const auto conf = test::parseLibnfcConf(test::readFile(kSamples / sample.file));
        EXPECT_TRUE(conf.problems.empty()) << conf.problems.front();
        ASSERT_EQ(conf.devices.size(), 1u);
        EXPECT_FALSE(conf.devices[0].name.empty());
        EXPECT_EQ(conf.devices[0].connstring, sample.connstring);
        EXPECT_EQ(conf.settings,
                  (std::vector<std::string>{"allow_autoscan=false", "allow_intrusive_scan=false"}));
        // The same connection string is accepted in kiosk.toml.
        const auto config =
            KioskConfig::parse("[kiosk]\nid = \"k\"\ndata_dir = \"d\"\npolicy = \"p\"\n[reader]\n"
                               "key_store = \"k.json\"\nconnstring = \"" +
                                   conf.devices[0].connstring + "\"\n",
                               sample.file);
        EXPECT_TRUE(config.ok()) << config.error().message;
    }
}

TEST(FirmwareSamples, LibnfcGrammarCheckCatchesWhatLibnfcIgnores)
{
    const auto conf = test::parseLibnfcConf("device.name = \"A\" # trailing comment\n"
                                            "  # indented comment\n"
                                            "device.conn_string = acr122_usb\n"
                                            "allow_autoscan = no\n"
                                            "device.name = \"\"\n");
    EXPECT_EQ(conf.problems.size(), 5u);
    const auto devicesDir = test::parseLibnfcConf("name = \"A\"\nconnstring = acr122_usb\n", true);
    EXPECT_TRUE(devicesDir.problems.empty());
    ASSERT_EQ(devicesDir.devices.size(), 1u);
    EXPECT_EQ(devicesDir.devices[0].connstring, "acr122_usb");
}

#ifdef TAPLEDGER_LIBNFC_PROBE

// libnfc 1.8 reads only /etc/nfc/libnfc.conf and /etc/nfc/devices.d/*.conf (LIBNFC_SYSCONFDIR is
// a compile-time path; no environment variable moves it). So the probe runs in a private mount
// namespace with a temporary directory bind-mounted on /etc/nfc, at log level 3, where libnfc
// prints every key it read, every unknown key, every unparsable line and the devices it kept.
test::ProcessResult runLibnfcWith(const fs::path &etcNfc)
{
    return test::runProcess(
        {"unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
         "mount --bind \"$1\" /etc/nfc || exit 97; "
         "unset LIBNFC_DEVICE LIBNFC_DEFAULT_DEVICE LIBNFC_AUTO_SCAN LIBNFC_INTRUSIVE_SCAN; "
         "LIBNFC_LOG_LEVEL=3 exec \"$2\"",
         "sh", etcNfc.string(), TAPLEDGER_LIBNFC_PROBE});
}

bool onPath(const std::string &name)
{
    const char *path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && fs::exists(fs::path(dir) / name))
            return true;
    return false;
}

class LibnfcItself : public testing::Test
{
protected:
    void SetUp() override
    {
        if (!onPath("unshare") || !fs::is_directory("/etc/nfc"))
            GTEST_SKIP() << "needs unshare(1) and /etc/nfc (libnfc6) to show libnfc the samples";
        const auto probe = runLibnfcWith(m_dir.path());
        if (probe.exitCode != 0)
            GTEST_SKIP() << "no private mount namespace here (" << probe.err
                         << "); the grammar check above still ran";
    }

    test::TempDir m_dir;
};

void expectLibnfcKeptOnlyTheDevice(const test::ProcessResult &run, const test::LibnfcConf &conf)
{
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const std::string log = run.out + run.err;
    EXPECT_EQ(log.find("Unknown key"), std::string::npos) << log;
    EXPECT_EQ(log.find("Parse error"), std::string::npos) << log;
    EXPECT_NE(log.find("1 device(s) defined by user"), std::string::npos) << log;
    ASSERT_EQ(conf.devices.size(), 1u);
    EXPECT_NE(log.find("#0 name: \"" + conf.devices[0].name + "\", connstring: \"" +
                       conf.devices[0].connstring + "\""),
              std::string::npos)
        << log;
}

TEST_F(LibnfcItself, ReadsEachSampleAsLibnfcConf)
{
    for (const auto &sample : kLibnfcSamples) {
        SCOPED_TRACE(sample.file);
        fs::copy_file(kSamples / sample.file, m_dir.path() / "libnfc.conf",
                      fs::copy_options::overwrite_existing);
        const auto run = runLibnfcWith(m_dir.path());
        expectLibnfcKeptOnlyTheDevice(run, test::parseLibnfcConf(test::readFile(kSamples / sample.file)));
        const std::string log = run.out + run.err;
        EXPECT_NE(log.find("allow_autoscan is set to false"), std::string::npos) << log;
        EXPECT_NE(log.find("allow_intrusive_scan is set to false"), std::string::npos) << log;
    }
}

// What the samples' comments say about /etc/nfc/devices.d/: keep the two device lines, drop the
// "device." prefix.
TEST_F(LibnfcItself, ReadsEachSampleAsADevicesDFile)
{
    fs::create_directory(m_dir.path() / "devices.d");
    for (const auto &sample : kLibnfcSamples) {
        SCOPED_TRACE(sample.file);
        std::istringstream in(test::readFile(kSamples / sample.file));
        std::ostringstream device;
        for (std::string line; std::getline(in, line);)
            if (line.starts_with("device."))
                device << line.substr(std::string("device.").size()) << '\n';
        const fs::path file = m_dir.path() / "devices.d" / fs::path(sample.file).filename();
        std::ofstream(file) << device.str();
        EXPECT_TRUE(test::parseLibnfcConf(device.str(), true).problems.empty());
        expectLibnfcKeptOnlyTheDevice(runLibnfcWith(m_dir.path()), test::parseLibnfcConf(device.str(), true));
        fs::remove(file);
    }
}

#endif

} // namespace
