// libnfc-specific behaviour of the production backend (libnfc pn532_uart driver + libfreefare
// 0.4.0) against the emulated PN532 on a pseudo-terminal. The card tests that run on both reader
// paths are in cardreader_test.cpp.
#include "readerharness.h"

#include <gtest/gtest.h>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

bool has(const std::vector<ReaderEvent::Kind> &events, ReaderEvent::Kind kind)
{
    return std::find(events.begin(), events.end(), kind) != events.end();
}

} // namespace

TEST(FreefareOverPty, ReaderUnpluggedIsReportedAndRecoveredWhenItIsBack)
{
    nfc::test::PtyHarness h;
    std::vector<ReaderEvent::Kind> events;
    h.reader().setEventHandler([&](const ReaderEvent &e) { events.push_back(e.kind); });
    auto card = nfc::test::CardFixture::blankCard(0x0B);
    h.present(card);
    ASSERT_TRUE(h.reader().waitForCard(2s).ok());
    EXPECT_TRUE(has(events, ReaderEvent::Kind::ReaderReady));

    h.pty.reset(); // the reader is unplugged: pty closed, symlink gone
    events.clear();
    auto uid = h.reader().waitForCard(300ms);
    ASSERT_FALSE(uid.ok());
    EXPECT_EQ(uid.error().code, ErrorCode::Io) << uid.error().message;
    EXPECT_EQ(std::count(events.begin(), events.end(), ReaderEvent::Kind::ReaderUnplugged), 1);

    // Plugged in again at the same path: the reader reopens it by itself.
    auto again = PtyPn532::start(h.chip, h.dir.path() / "pn532");
    ASSERT_TRUE(again.ok()) << again.error().message;
    h.pty = std::move(*again);
    events.clear();
    uid = h.reader().waitForCard(5s);
    ASSERT_TRUE(uid.ok()) << uid.error().message;
    EXPECT_EQ(*uid, card->uid());
    EXPECT_TRUE(has(events, ReaderEvent::Kind::ReaderReady));
}

TEST(FreefareOverPty, ReaderThatNeverExistedIsAnIoError)
{
    std::vector<ReaderEvent::Kind> events;
    NfcCardReader nowhere("pn532_uart:/nonexistent/tty");
    nowhere.setEventHandler([&](const ReaderEvent &e) { events.push_back(e.kind); });
    auto none = nowhere.waitForCard(50ms);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::Io);
    EXPECT_TRUE(has(events, ReaderEvent::Kind::ReaderUnplugged));
}
