// ReaderDoctor names the usual reader conflicts from prepared /sys and /proc trees.
#include "nfc/readerdoctor.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

using namespace tapledger::nfc;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> problems(const DoctorReport &r)
{
    std::vector<std::string> out;
    for (const auto &f : r.findings)
        out.push_back(f.problem);
    return out;
}

bool mentions(const DoctorReport &r, const std::string &what)
{
    for (const auto &f : r.findings)
        if (f.problem.find(what) != std::string::npos)
            return !f.fix.empty();
    return false;
}

} // namespace

TEST(ReaderDoctor, NamesKernelModulePcscdPermissionsAndModemManager)
{
    tapledger::test::TempDir dir;
    ReaderDoctor::Roots roots{dir.path() / "sys", dir.path() / "proc"};
    fs::create_directories(roots.sys / "module" / "pn533_usb");
    fs::create_directories(roots.proc / "412");
    std::ofstream(roots.proc / "412" / "comm") << "pcscd\n";
    fs::create_directories(roots.proc / "77");
    std::ofstream(roots.proc / "77" / "comm") << "ModemManager\n";
    fs::create_directories(roots.proc / "self"); // not a pid: skipped

    // USB reader: module and pcscd; libnfc finds no ACR122U here either.
    const DoctorReport usb = ReaderDoctor::examine("acr122_usb", roots);
    EXPECT_FALSE(usb.healthy());
    EXPECT_TRUE(mentions(usb, "pn533_usb is loaded")) << ::testing::PrintToString(problems(usb));
    EXPECT_TRUE(mentions(usb, "pcscd is running"));
    EXPECT_FALSE(mentions(usb, "ModemManager"));

    // UART reader: a node without access (unless running as root), and ModemManager.
    const fs::path tty = dir.path() / "ttyUSB9";
    std::ofstream(tty) << "";
    ::chmod(tty.c_str(), 0000);
    const DoctorReport uart = ReaderDoctor::examine("pn532_uart:" + tty.string(), roots);
    EXPECT_FALSE(mentions(uart, "pn533_usb"));
    EXPECT_FALSE(mentions(uart, "pcscd"));
    EXPECT_TRUE(mentions(uart, "ModemManager"));
    if (::geteuid() != 0) {
        EXPECT_TRUE(mentions(uart, "no read/write access to " + tty.string()));
    }
    EXPECT_TRUE(mentions(ReaderDoctor::examine("pn532_i2c:" + (dir.path() / "i2c-7").string(), roots), "no device"));
    EXPECT_TRUE(mentions(ReaderDoctor::examine("", roots), "no reader named"));
}
