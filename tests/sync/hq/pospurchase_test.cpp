// PosPurchase::fromJson (docs/pos-api.md, "POST /v1/pos/purchases"): the request reader alone,
// fixtures in tests/data/pos/{valid,invalid}/, invalid ones named after their defect.
#include "support/testsupport.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/pospurchase.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

namespace tapledger::test {
namespace {

namespace fs = std::filesystem;

/// 2026-03-02T00:00:00Z: every fixture's time is before it, 2030 is after.
constexpr int64_t kNowMs = 1772409600000;

class PosPurchaseTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        fs::copy_file(dataPath("engine/policies/base.policy.json"), tmp.path() / sync::HqVenue::kPolicyFile);
        auto v = sync::HqVenue::load(tmp.path());
        ASSERT_TRUE(v.ok()) << v.error().message;
        venue = std::make_unique<sync::HqVenue>(std::move(*v));
    }
    Result<sync::PosPurchase> parse(const std::string &body) { return sync::PosPurchase::fromJson(body, *venue, kNowMs); }
    TempDir tmp;
    std::unique_ptr<sync::HqVenue> venue;
};

TEST_F(PosPurchaseTest, ValidRequestsParse)
{
    // What each valid fixture must read as: amount (minor units), lines, a return or not.
    const std::map<std::string, std::tuple<int64_t, size_t, bool>> expected = {
        {"purchase-by-member.json", {30000, 1, false}},
        {"purchase-by-card-without-lines.json", {1250, 0, false}},
        {"return-of-a-receipt.json", {15000, 0, true}},
        {"zero-amount-visit.json", {0, 0, false}},
    };
    size_t seen = 0;
    for (const auto &f : fs::directory_iterator(dataPath("pos/valid"))) {
        SCOPED_TRACE(f.path().filename().string());
        const auto want = expected.find(f.path().filename().string());
        ASSERT_NE(want, expected.end()) << "a fixture without an expectation";
        auto p = parse(readFile(f.path()));
        ASSERT_TRUE(p.ok()) << p.error().message;
        EXPECT_EQ(p->amountMinor, std::get<0>(want->second));
        EXPECT_EQ(p->lines.size(), std::get<1>(want->second));
        EXPECT_EQ(p->isReturn(), std::get<2>(want->second));
        EXPECT_EQ(p->member.isNil(), !p->card.isNil()) << "exactly one of member and card";
        EXPECT_EQ(p->digest.size(), 64u);
        ++seen;
    }
    EXPECT_EQ(seen, expected.size());
}

TEST_F(PosPurchaseTest, InvalidRequestsAreRefusedNamingTheDefect)
{
    const std::map<std::string, std::string> expected = {
        {"amount-too-many-decimals.json", "amount '12.505'"},
        {"amount-negative.json", "amount '-12.50'"},
        {"amount-a-json-number.json", "amount must be a string"},
        {"member-and-card.json", "exactly one of member and card"},
        {"neither-member-nor-card.json", "exactly one of member and card"},
        {"member-not-a-uuid.json", "member 'guest-17' is not a UUID"},
        {"unknown-field.json", "unknown field 'tip'"},
        {"receipt-missing.json", "receipt is required"},
        {"receipt-too-long.json", "receipt must be at most 128 bytes"},
        {"time-not-a-date.json", "time '1st of March'"},
        {"time-in-the-future.json", "is in the future"},
        {"lines-do-not-add-up.json", "the lines add up to 900 minor units, amount is 1000"},
        {"line-quantity-a-fraction.json", "lines[0]: quantity"},
        {"line-unknown-field.json", "unknown field 'price' in lines[0]"},
        {"return-of-itself.json", "a return needs its own receipt id"},
        {"nested-too-deep.json", "one JSON object"},
        {"not-an-object.json", "one JSON object"},
    };
    size_t seen = 0;
    for (const auto &f : fs::directory_iterator(dataPath("pos/invalid"))) {
        SCOPED_TRACE(f.path().filename().string());
        const auto want = expected.find(f.path().filename().string());
        ASSERT_NE(want, expected.end()) << "a fixture without an expectation";
        auto p = parse(readFile(f.path()));
        ASSERT_FALSE(p.ok());
        EXPECT_EQ(p.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(p.error().message.find(want->second), std::string::npos) << p.error().message;
        ++seen;
    }
    EXPECT_EQ(seen, expected.size());
}

TEST_F(PosPurchaseTest, TheSameRequestHasTheSameDigestWhateverItsLayout)
{
    const std::string body = readFile(dataPath("pos/valid/purchase-by-member.json"));
    auto a = parse(body);
    auto b = parse("  " + body + "\n");
    auto c = parse(R"({"amount":"300.00","time":"2026-03-01T18:30:00+08:00","member":"5f0c2b1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b",
        "lines":[{"amount":"300.00","quantity":3,"sku":"wine","category":"drinks"}],"receipt":"R-1001"})");
    auto other = parse(readFile(dataPath("pos/valid/zero-amount-visit.json")));
    ASSERT_TRUE(a.ok() && b.ok() && c.ok() && other.ok());
    EXPECT_EQ(a->digest, b->digest);
    EXPECT_EQ(a->digest, c->digest);
    EXPECT_NE(a->digest, other->digest);
}

} // namespace
} // namespace tapledger::test
