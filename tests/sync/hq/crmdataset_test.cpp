// What HQ's CRM analyses: the kiosks' merged purchase entries (read with core's purchaseEffect)
// and imported purchases, on the venue's local days (docs/crm.md, "Purchases, visits, spend").
#include "hqtestsupport.h"

#include "core/engine/purchaseeffect.h"
#include "sync/hq/crm/crmdataset.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/crm/purchaseimport.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace fs = std::filesystem;

namespace tapledger::test {
namespace {

TEST(PurchaseEffectTest, ReadsPurchasePayAndReturnOnly)
{
    LedgerEntry e;
    e.member = Uuid::generate();
    e.kind = EntryKind::Purchase;
    e.extra = R"({"amount":2500,"items":[{"amount":2500,"category":"food","quantity":1,"sku":"menu"}]})";
    auto p = purchaseEffect(e);
    ASSERT_TRUE(p && *p);
    EXPECT_EQ((*p)->amountMinor, 2500);
    EXPECT_FALSE((*p)->isReturn);
    ASSERT_EQ((*p)->items.size(), 1u);
    EXPECT_EQ((*p)->items[0].category, "food");

    e.kind = EntryKind::Return;
    e.extra = R"({"amount":700,"purchase":3})";
    p = purchaseEffect(e);
    ASSERT_TRUE(p && *p);
    EXPECT_TRUE((*p)->isReturn);
    EXPECT_EQ((*p)->amountMinor, 700);

    e.kind = EntryKind::TopUp;
    p = purchaseEffect(e);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->has_value());

    e.kind = EntryKind::Pay;
    e.extra = R"({"amount":-1})";
    EXPECT_EQ(purchaseEffect(e).error().code, ErrorCode::Corrupt);
    e.extra = "[1]";
    EXPECT_EQ(purchaseEffect(e).error().code, ErrorCode::Corrupt);
    e.extra = R"({"amount":100})";
    e.member = Uuid{};
    p = purchaseEffect(e);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->has_value()); // about no member
}

TEST(CrmDatasetTest, KioskPurchasesAndImportedOnesCountForTheSameMember)
{
    TempDir tmp;
    TestHq hq(tmp.path() / "hq");
    hq.start();
    const Policy policy = syncTestPolicy();
    TestKiosk kiosk(tmp.path() / "k1", "kiosk-1", policy, hq);
    auto [member, card] = enrolWithCard(kiosk.engine(), "ann");
    auto first = kiosk.engine().purchase(purchaseOf(member, card, "menu", "cash"));
    ASSERT_TRUE(first) << first.error().message;
    kiosk.clock().advance(3 * 86400000LL);
    auto second = kiosk.engine().purchase(purchaseOf(member, card, "fish", "cash"));
    ASSERT_TRUE(second) << second.error().message;
    auto round = kiosk.round();
    ASSERT_TRUE(round) << round.error().message;
    hq.stop();

    // HQ's venue is the kiosks' (Europe/Paris, EUR).
    fs::copy_file(dataPath("engine/policies/base.policy.json"), hq.path() / sync::HqVenue::kPolicyFile);
    auto venue = sync::HqVenue::load(hq.path());
    ASSERT_TRUE(venue) << venue.error().message;
    const std::string csv = "member,time,amount\n" + member.toString() + ",2026-03-10,5.00\nguest-x,2026-03-02,1.00\n";
    auto rows = sync::PurchaseImport::parse(csv, *venue, "import:test.csv");
    ASSERT_TRUE(rows) << rows.error().message;
    auto report = sync::PurchaseImport::store(hq.dir().store(), *rows, kHqTestStartMs);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->newMembers, 1u); // the kiosk member's id is that member, not a new one

    const VenueCalendar &cal = venue->calendar();
    const int64_t asOf = cal.localDay(cal.parseLocalDate("2026-03-31").value());
    std::optional<sync::CrmDataset> data;
    ASSERT_TRUE(hq.dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
        auto loaded = sync::CrmDataset::load(tx, *venue, asOf);
        if (!loaded)
            return std::move(loaded).error();
        data = std::move(*loaded);
        return {};
    }));
    ASSERT_EQ(data->members.size(), 2u);
    const auto at = std::find(data->memberIds.begin(), data->memberIds.end(), member) - data->memberIds.begin();
    ASSERT_LT(static_cast<size_t>(at), data->members.size());
    const crm::MemberActivity &ann = data->members[static_cast<size_t>(at)];
    EXPECT_EQ(ann.member, member.toString());
    std::vector<std::pair<int64_t, int64_t>> seen;
    for (const auto &p : ann.purchases) {
        EXPECT_FALSE(p.isReturn);
        seen.emplace_back(p.day, p.amountMinor);
    }
    std::sort(seen.begin(), seen.end());
    const int64_t day0 = cal.localDay(kHqTestStartMs);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0], std::make_pair(day0, first->charged));
    EXPECT_EQ(seen[1], std::make_pair(day0 + 3, second->charged));
    EXPECT_EQ(seen[2], std::make_pair(cal.localDay(cal.parseLocalDate("2026-03-10").value()), int64_t{500}));
    ASSERT_EQ(data->cards.size(), 1u);
    EXPECT_EQ(data->cards[0].card, card);
    EXPECT_EQ(data->cards[0].member, member);
    EXPECT_GE(data->cards[0].lastUseDay, day0 + 3);

    // As of the first day, the later purchases are not there.
    ASSERT_TRUE(hq.dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
        auto loaded = sync::CrmDataset::load(tx, *venue, day0);
        if (!loaded)
            return std::move(loaded).error();
        data = std::move(*loaded);
        return {};
    }));
    size_t annPurchases = 0;
    for (size_t i = 0; i < data->members.size(); ++i) {
        if (data->memberIds[i] == member) {
            for (const auto &p : data->members[i].purchases)
                annPurchases += p.day <= day0 ? 1u : 0u;
        }
    }
    EXPECT_EQ(annPurchases, 1u);
}

} // namespace
} // namespace tapledger::test
