#include "core/bytes.h"
#include "core/ledger/canonicalcodec.h"
#include "core/kioskid.h"
#include "ledgerfixture.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace tapledger;
using namespace tapledger::test;

namespace {
std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}
} // namespace

TEST(CanonicalCodec, GoldenEncodingOfTheWorkedExample)
{
    auto bytes = CanonicalCodec::encode(exampleEntry());
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    expectMatchesGolden(toHex(*bytes) + "\n", "ledger/valid/example-topup.hex");
    EXPECT_EQ(toHex(sha256(*bytes)), trimmed(readFile(dataPath("ledger/valid/example-topup.sha256"))));
}

TEST(CanonicalCodec, DecodeInvertsEncode)
{
    LedgerEntry minimal;
    minimal.kioskId = "k";
    minimal.seq = 1;
    minimal.kind = EntryKind::ShiftOpen;
    for (const LedgerEntry &e : {exampleEntry(), minimal}) {
        auto bytes = CanonicalCodec::encode(e);
        ASSERT_TRUE(bytes.ok());
        auto back = CanonicalCodec::decode(*bytes);
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(*back, e);
    }
}

TEST(CanonicalCodec, EveryInvalidFixtureIsRejectedAsCorrupt)
{
    const auto dir = dataPath("ledger/invalid");
    int count = 0;
    for (const auto &file : std::filesystem::directory_iterator(dir)) {
        SCOPED_TRACE(file.path().filename().string());
        auto bytes = fromHex(trimmed(readFile(file.path())));
        ASSERT_TRUE(bytes.ok());
        auto decoded = CanonicalCodec::decode(*bytes);
        ASSERT_FALSE(decoded.ok());
        EXPECT_EQ(decoded.error().code, ErrorCode::Corrupt);
        ++count;
    }
    EXPECT_GE(count, 10);
}

TEST(CanonicalCodec, ValidateNamesTheBrokenRule)
{
    struct Case
    {
        const char *name;
        void (*mutate)(LedgerEntry &);
        const char *expect;
    };
    const Case cases[] = {
        {"empty kiosk id", [](LedgerEntry &e) { e.kioskId = ""; }, "kiosk id"},
        {"kiosk id with space", [](LedgerEntry &e) { e.kioskId = "lobby 1"; }, "kiosk id"},
        {"kiosk id of 64 characters (the card token holds 63)", [](LedgerEntry &e) { e.kioskId.assign(64, 'k'); },
         "kiosk id"},
        {"seq zero", [](LedgerEntry &e) { e.seq = 0; }, "seq"},
        {"first entry with prev hash", [](LedgerEntry &e) { e.seq = 1; }, "previous hash"},
        {"value without currency", [](LedgerEntry &e) { e.currency = ""; }, "currency"},
        {"unknown currency", [](LedgerEntry &e) { e.currency = "XYZ"; }, "currency"},
        {"currency without value", [](LedgerEntry &e) { e.depositDelta = e.bonusDelta = 0; }, "currency"},
        {"ref with space", [](LedgerEntry &e) { e.refs = {"rule a"}; }, "reference"},
        {"empty ref", [](LedgerEntry &e) { e.refs = {""}; }, "reference"},
        {"65 refs", [](LedgerEntry &e) { e.refs.assign(65, "r"); }, "64 references"},
        {"extra not an object", [](LedgerEntry &e) { e.extra = "[1]"; }, "JSON object"},
        {"extra with float", [](LedgerEntry &e) { e.extra = R"({"rate":0.1})"; }, "floating-point"},
        {"extra not canonical", [](LedgerEntry &e) { e.extra = R"({"b":1, "a":2})"; }, "canonical"},
        {"extra nested 65 levels", [](LedgerEntry &e) { e.extra = "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}"; },
         "nested deeper than 64"},
        {"unknown kind", [](LedgerEntry &e) { e.kind = static_cast<EntryKind>(999); }, "kind"},
        {"format version 2", [](LedgerEntry &e) { e.formatVersion = 2; }, "format version"},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        LedgerEntry e = exampleEntry();
        c.mutate(e);
        auto r = CanonicalCodec::encode(e);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    }
}

TEST(CanonicalCodec, ExtraNestedAtTheLimitRoundTrips)
{
    LedgerEntry e = exampleEntry();
    e.extra = "{\"a\":" + std::string(63, '[') + std::string(63, ']') + "}"; // 64 levels
    auto bytes = CanonicalCodec::encode(e);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    auto back = CanonicalCodec::decode(*bytes);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->extra, e.extra);
}

TEST(KioskId, OneRuleForLedgerCardAndConfig)
{
    const struct
    {
        std::string id;
        bool valid;
    } cases[] = {
        {"lobby-1", true},          {"A.b_c-9", true},          {std::string(63, 'k'), true},
        {"", false},                {std::string(64, 'k'), false}, {"lobby 1", false},
        {"lobby/1", false},         {"k\xc3\xa9", false},       {"k:1", false},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.id);
        EXPECT_EQ(isValidKioskId(c.id), c.valid);
    }
}

TEST(CanonicalCodec, CanonicalJsonSortsAndCompacts)
{
    EXPECT_EQ(*CanonicalCodec::canonicalJson(R"({ "b": [1, {"z":1,"a":2}], "a": "x" })"), R"({"a":"x","b":[1,{"a":2,"z":1}]})");
    EXPECT_EQ(*CanonicalCodec::canonicalJson(""), "");
    EXPECT_FALSE(CanonicalCodec::canonicalJson("{").ok());
    EXPECT_FALSE(CanonicalCodec::canonicalJson(R"({"a":1e3})").ok());
}
