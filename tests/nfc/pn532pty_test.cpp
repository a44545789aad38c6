#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/ptypn532.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace tapledger;
using namespace tapledger::nfc;

namespace {

std::shared_ptr<DesfireEmulator> blankCard()
{
    return std::make_shared<DesfireEmulator>(DesfireImage::blank({0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66}));
}

test::ProcessResult nfcList(const PtyPn532 &pty)
{
    ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
    ::setenv("LIBNFC_DEVICE", pty.connString().c_str(), 1);
    ::setenv("LIBNFC_LOG_LEVEL", "0", 1);
    return test::runProcess({"nfc-list", "-v"});
}

} // namespace

TEST(Pn532Pty, NfcListSeesTheEmulatedDesfire)
{
    auto chip = std::make_shared<Pn532Emulator>();
    chip->presentCard(blankCard());
    test::TempDir dir;
    auto pty = PtyPn532::start(chip, dir.path() / "pn532");
    ASSERT_TRUE(pty.ok()) << pty.error().message;
    const auto r = nfcList(**pty);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("1 ISO14443A passive target(s) found"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("04  11  22  33  44  55  66"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("MIFARE DESFire"), std::string::npos) << r.out;
}

TEST(Pn532Pty, NfcListWithEmptyFieldFindsNothing)
{
    auto chip = std::make_shared<Pn532Emulator>();
    test::TempDir dir;
    auto pty = PtyPn532::start(chip, dir.path() / "pn532");
    ASSERT_TRUE(pty.ok()) << pty.error().message;
    const auto r = nfcList(**pty);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("NFC device"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("0 ISO14443A passive target(s) found."), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("UID (NFCID1)"), std::string::npos) << r.out;
}

// ---- frame level: InAutoPoll, extended frames, MI chaining --------------------------------------

namespace {

/// A host → PN532 frame (UM0701-02 section 6.2.1, TFI D4): normal up to 255 bytes, extended above.
Bytes hostFrame(ByteView command)
{
    Bytes payload{0xD4};
    payload.insert(payload.end(), command.begin(), command.end());
    return Pn532Emulator::encodeFrame(payload);
}

struct ChipAnswer
{
    bool extended = false;
    Bytes payload; // D5, cmd + 1, data
};

/// Checks the ACK and the answer frame (lengths and checksums) the chip sent for one command.
ChipAnswer parseAnswer(const Bytes &out)
{
    const Bytes ack{0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};
    EXPECT_GE(out.size(), 6u);
    EXPECT_TRUE(std::equal(ack.begin(), ack.end(), out.begin()));
    ChipAnswer a;
    ByteView f = ByteView(out).subspan(6);
    EXPECT_EQ(f[0], 0x00);
    EXPECT_EQ(f[1], 0x00);
    EXPECT_EQ(f[2], 0xFF);
    size_t len = 0;
    size_t header = 5;
    if (f[3] == 0xFF && f[4] == 0xFF) {
        a.extended = true;
        len = static_cast<size_t>(f[5]) << 8 | f[6];
        EXPECT_EQ((f[5] + f[6] + f[7]) & 0xFF, 0);
        header = 8;
    } else {
        len = f[3];
        EXPECT_EQ((f[3] + f[4]) & 0xFF, 0);
    }
    EXPECT_EQ(f.size(), header + len + 2);
    a.payload.assign(f.begin() + static_cast<std::ptrdiff_t>(header), f.begin() + static_cast<std::ptrdiff_t>(header + len));
    uint8_t sum = f[header + len];
    for (const uint8_t b : a.payload)
        sum = static_cast<uint8_t>(sum + b);
    EXPECT_EQ(sum, 0);
    return a;
}

ChipAnswer ask(Pn532Emulator &chip, ByteView command)
{
    return parseAnswer(chip.feed(hostFrame(command)));
}

} // namespace

// ---- InAutoPoll (UM0701-02 §7.3.13) ------------------------------------------------------------

namespace {

const Bytes kAckFrame{0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};

/// The InAutoPoll answer for @p card under @p type: NbTg 1, Type, length, then Tg ATQA SAK
/// NFCIDLength NFCID ATS.
Bytes polledDesfire(const DesfireEmulator &card, uint8_t type)
{
    Bytes expected{0xD5, 0x61, 0x01, type, 0x00, 0x01, 0x03, 0x44, 0x20, 0x07};
    expected.insert(expected.end(), card.uid().begin(), card.uid().end());
    expected.insert(expected.end(), DesfireEmulator::kAts.begin(), DesfireEmulator::kAts.end());
    expected[4] = static_cast<uint8_t>(expected.size() - 5);
    return expected;
}

/// Payload of one answer frame without a leading ACK (an InAutoPoll answered later).
Bytes latePayload(const Bytes &frame)
{
    Bytes withAck = kAckFrame;
    withAck.insert(withAck.end(), frame.begin(), frame.end());
    return parseAnswer(withAck).payload;
}

} // namespace

TEST(Pn532Frames, InAutoPollAnswersAtOnceWhenATargetIsInTheField)
{
    Pn532Emulator chip;
    auto card = blankCard();
    chip.presentCard(card);
    // The order of the types is the host's preference: the first one the target answers to wins.
    EXPECT_EQ(ask(chip, Bytes{0x60, 0x01, 0x01, 0x10, 0x20}).payload, polledDesfire(*card, 0x10));
    EXPECT_EQ(ask(chip, Bytes{0x60, 0x01, 0x01, 0x20, 0x10}).payload, polledDesfire(*card, 0x20));
    EXPECT_EQ(chip.hostCommands(0x60), 2u);
    EXPECT_FALSE(chip.pollPending());
    // The polled target is active: InDataExchange reaches the card (GetVersion, first frame).
    const ChipAnswer v = ask(chip, Bytes{0x40, 0x01, 0x90, 0x60, 0x00, 0x00, 0x00});
    ASSERT_GE(v.payload.size(), 5u);
    EXPECT_EQ(v.payload[2], 0x00);
    EXPECT_EQ(v.payload[v.payload.size() - 1], 0xAF);
}

TEST(Pn532Frames, InAutoPollWaitsForATargetToEnterTheField)
{
    Pn532Emulator chip;
    int wakes = 0;
    chip.setWakeHandler([&wakes] { ++wakes; });
    // Endless polling (PollNr 0xFF): the chip sends the ACK only, and nothing is due yet.
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0xFF, 0x01, 0x20, 0x10})), kAckFrame);
    EXPECT_TRUE(chip.pollPending());
    EXPECT_FALSE(chip.pollDeadline().has_value());
    EXPECT_TRUE(chip.pollAnswer(std::chrono::steady_clock::now() + std::chrono::hours(1)).empty());

    auto card = blankCard();
    chip.presentCard(card);
    EXPECT_EQ(wakes, 1); // the serial side is woken to collect the answer
    EXPECT_EQ(latePayload(chip.pollAnswer(std::chrono::steady_clock::now())), polledDesfire(*card, 0x20));
    EXPECT_FALSE(chip.pollPending());
    EXPECT_TRUE(chip.pollAnswer(std::chrono::steady_clock::now()).empty()); // answered once
}

TEST(Pn532Frames, InAutoPollGivesUpAfterPollNrTimesPeriod)
{
    Pn532Emulator chip;
    const auto before = std::chrono::steady_clock::now();
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0x02, 0x03, 0x10})), kAckFrame); // 2 × 3 × 150 ms
    const auto after = std::chrono::steady_clock::now();
    const auto deadline = chip.pollDeadline();
    ASSERT_TRUE(deadline.has_value());
    EXPECT_GE(*deadline, before + std::chrono::milliseconds(900));
    EXPECT_LE(*deadline, after + std::chrono::milliseconds(900));
    EXPECT_TRUE(chip.pollAnswer(*deadline - std::chrono::milliseconds(1)).empty());
    EXPECT_EQ(latePayload(chip.pollAnswer(*deadline)), (Bytes{0xD5, 0x61, 0x00})); // NbTg 0
    EXPECT_FALSE(chip.pollPending());
}

TEST(Pn532Frames, AckFromTheHostAbortsAPendingInAutoPoll)
{
    Pn532Emulator chip;
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0xFF, 0x01, 0x10})), kAckFrame);
    ASSERT_TRUE(chip.pollPending());
    EXPECT_TRUE(chip.feed(kAckFrame).empty()); // §6.2.1.3: the chip drops the command, answers nothing
    EXPECT_FALSE(chip.pollPending());
    chip.presentCard(blankCard());
    EXPECT_TRUE(chip.pollAnswer(std::chrono::steady_clock::now()).empty());
    // The chip takes the next command as usual.
    EXPECT_EQ(ask(chip, Bytes{0x02}).payload, (Bytes{0xD5, 0x03, 0x32, 0x01, 0x06, 0x07}));
}

TEST(Pn532Frames, InAutoPollMatchesOnlyTheTypesTheTargetAnswers)
{
    Pn532Emulator chip;
    chip.presentUidOnlyTag({0x11, 0x22, 0x33, 0x44});
    // A MIFARE Classic-like tag has no ISO 14443-4 layer: a 14443-4A poll keeps waiting.
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0x01, 0x01, 0x20})), kAckFrame);
    EXPECT_TRUE(chip.pollPending());
    const ChipAnswer a = ask(chip, Bytes{0x60, 0x01, 0x01, 0x20, 0x10}); // a new command ends the old poll
    EXPECT_EQ(a.payload, (Bytes{0xD5, 0x61, 0x01, 0x10, 0x09, 0x01, 0x00, 0x04, 0x08, 0x04, 0x11, 0x22, 0x33, 0x44}));
}

TEST(Pn532Frames, InAutoPollWithBadParametersIsASyntaxError)
{
    Pn532Emulator chip;
    const Bytes errorFrame{0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00};
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0x00, 0x01, 0x10})), errorFrame); // PollNr 0
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0x01, 0x00, 0x10})), errorFrame); // Period 0
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0x01, 0x10, 0x10})), errorFrame); // Period above 0x0F
    EXPECT_EQ(chip.feed(hostFrame(Bytes{0x60, 0x01, 0x01})), errorFrame);       // no type
    EXPECT_FALSE(chip.pollPending());
}

TEST(Pn532Frames, ExtendedFramesBothWays)
{
    Pn532Emulator chip;
    Bytes diagnose{0x00, 0x00}; // Diagnose, NumTst 0: communication line test, echoed
    for (int i = 0; i < 300; ++i)
        diagnose.push_back(static_cast<uint8_t>(i));
    const ChipAnswer a = ask(chip, diagnose);
    EXPECT_TRUE(a.extended);
    ASSERT_EQ(a.payload.size(), 2u + 301u);
    EXPECT_EQ(a.payload[0], 0xD5);
    EXPECT_EQ(a.payload[1], 0x01);
    EXPECT_TRUE(std::equal(diagnose.begin() + 1, diagnose.end(), a.payload.begin() + 2));

    // A frame fed byte by byte, with wake-up bytes in front, gives the same answer.
    Bytes bytes{0x55, 0x55, 0x00, 0x00};
    const Bytes f = hostFrame(diagnose);
    bytes.insert(bytes.end(), f.begin(), f.end());
    Bytes out;
    for (const uint8_t b : bytes) {
        const Bytes part = chip.feed(ByteView(&b, 1));
        out.insert(out.end(), part.begin(), part.end());
    }
    EXPECT_EQ(parseAnswer(out).payload, a.payload);
}

TEST(Pn532Frames, ChainedLongApduReachesTheCardWhole)
{
    // A card with a free-access 300-byte standard file (native WriteData needs no session).
    DesfireImage image = DesfireImage::blank({0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66});
    DesfireApplication app;
    app.keys.resize(1);
    DesfireFile file;
    file.accessRights = 0xEEEE;
    file.data.assign(300, 0x00);
    app.files[1] = file;
    image.applications[0x010203] = app;
    auto card = std::make_shared<DesfireEmulator>(image);
    Pn532Emulator chip;
    chip.presentCard(card);
    ASSERT_EQ(ask(chip, Bytes{0x4A, 0x01, 0x00}).payload[2], 0x01); // InListPassiveTarget: 1 target
    EXPECT_EQ(ask(chip, Bytes{0x40, 0x01, 0x5A, 0x03, 0x02, 0x01}).payload, (Bytes{0xD5, 0x41, 0x00, 0x00}));

    Bytes apdu{0x3D, 0x01, 0x00, 0x00, 0x00, 0x2C, 0x01, 0x00}; // native WriteData, 300 bytes at 0
    for (int i = 0; i < 300; ++i)
        apdu.push_back(static_cast<uint8_t>(i * 3));
    Bytes first{0x40, 0x41}; // Tg 1 with MI: more information follows
    first.insert(first.end(), apdu.begin(), apdu.begin() + 100);
    Bytes last{0x40, 0x01};
    last.insert(last.end(), apdu.begin() + 100, apdu.end());
    EXPECT_EQ(ask(chip, first).payload, (Bytes{0xD5, 0x41, 0x00})); // chained: no card answer yet
    EXPECT_EQ(card->image().applications.at(0x010203).files.at(1).data, Bytes(300, 0x00));
    const ChipAnswer a = ask(chip, last);
    EXPECT_EQ(a.payload, (Bytes{0xD5, 0x41, 0x00, 0x00})); // native status OK
    EXPECT_EQ(card->image().applications.at(0x010203).files.at(1).data, Bytes(apdu.begin() + 8, apdu.end()));
    EXPECT_EQ(chip.cardCommands(), 2u); // SelectApplication + one whole WriteData
}

TEST(Pn532Pty, NfcPollFindsTheCardByInAutoPollAndEndsWhenItIsRemoved)
{
    auto chip = std::make_shared<Pn532Emulator>();
    auto card = blankCard();
    chip->presentCard(card);
    test::TempDir dir;
    auto pty = PtyPn532::start(chip, dir.path() / "pn532");
    ASSERT_TRUE(pty.ok()) << pty.error().message;
    ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
    ::setenv("LIBNFC_DEVICE", (*pty)->connString().c_str(), 1);
    ::setenv("LIBNFC_LOG_LEVEL", "0", 1);

    const std::string outPath = (dir.path() / "out.txt").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    char arg0[] = "nfc-poll";
    char *argv[] = {arg0, nullptr};
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, "nfc-poll", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ASSERT_EQ(spawned, 0) << "nfc-poll (libnfc-examples) not installed";

    // nfc-poll finds the card with InAutoPoll, then checks its presence (InCommunicateThru) until
    // it leaves the field. Remove it once that loop has begun; the deadlines only stop a hang.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (chip->hostCommands(0x42) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_GT(chip->hostCommands(0x60), 0u);
    chip->removeCard();
    int status = 0;
    pid_t done = 0;
    while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (done == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        FAIL() << "nfc-poll did not end after the card was removed";
    }
    std::ifstream in(outPath);
    std::stringstream out;
    out << in.rdbuf();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out.str();
    EXPECT_NE(out.str().find("ISO/IEC 14443A (106 kbps) target"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("04  11  22  33  44  55  66"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("done."), std::string::npos) << out.str();
}
