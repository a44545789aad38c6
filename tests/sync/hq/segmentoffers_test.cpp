// HQ's segment offers end to end: two kiosks sync purchases, HQ's CRM ranks the members, the
// policy's segment rules become per-member `offers` items, and the member's kiosks show and accept
// them like any HQ offer (docs/crm.md, "Offers from segments"). Real engines, HQ over mutual TLS.
#include "hqtestsupport.h"

#include "core/crm/crmanalysis.h"
#include "core/engine/policyparser.h"
#include "core/fileio.h"
#include "sync/hq/crm/crmdataset.h"
#include "sync/hq/crm/segmentoffers.h"
#include "sync/hq/reconciler.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace tapledger::test {
namespace {

class SegmentOffersTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto text = readSmallFile(dataPath("engine/policies/base.policy.json"), "policy");
        ASSERT_TRUE(text.ok());
        auto j = nlohmann::json::parse(*text);
        j["offers"].push_back({{"id", "vip-thanks"}, {"version", 1}, {"title", "Thank you"},
                               {"reason", "Among our best guests: 25 points on us"}, {"priority", 300},
                               {"when", {{"pyramid", {"vip"}}}}, {"points", 25}});
        policyText = j.dump(2);
        auto parsed = PolicyParser::parse(policyText);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        policy = *parsed;
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        ASSERT_TRUE(writeFileAtomic(hq->path() / sync::HqVenue::kPolicyFile, policyText).ok());
        reconciler = std::make_unique<sync::Reconciler>(hq->dir().store(), hq->dir().key(),
                                                        std::make_shared<ManualClock>(kHqTestStartMs));
    }

    /// One run of the segment offers as of the kiosks' first day.
    sync::SegmentOffersReport run(bool dryRun)
    {
        auto venue = sync::HqVenue::load(hq->path(), hq->dir().store());
        EXPECT_TRUE(venue) << venue.error().message;
        const int64_t asOfDay = venue->calendar().localDay(kHqTestStartMs);
        sync::CrmDataset data;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto loaded = sync::CrmDataset::load(tx, *venue, asOfDay);
            if (!loaded)
                return std::move(loaded).error();
            data = std::move(*loaded);
            return {};
        }));
        crm::AnalysisOptions options;
        options.asOfDay = asOfDay;
        auto analysis = crm::analyse(data.members, options);
        EXPECT_TRUE(analysis) << analysis.error().message;
        std::map<std::string, Uuid> idOf;
        for (size_t i = 0; i < data.members.size(); ++i)
            idOf[data.members[i].member] = data.memberIds[i];
        auto report = sync::SegmentOffers::run(hq->dir().store(), *reconciler, *venue, *analysis, idOf, asOfDay, 7, dryRun);
        EXPECT_TRUE(report) << report.error().message;
        return report ? *report : sync::SegmentOffersReport{};
    }

    static bool shows(Engine &kiosk, const Uuid &member, const std::string &offerId)
    {
        auto offers = kiosk.offers(member);
        EXPECT_TRUE(offers.ok()) << offers.error().message;
        return offers && std::any_of(offers->begin(), offers->end(), [&](const Offer &o) { return o.id == offerId; });
    }

    TempDir tmp;
    std::string policyText;
    Policy policy;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<sync::Reconciler> reconciler;
};

TEST_F(SegmentOffersTest, TheBestSpenderIsThankedAtEveryKioskOnce)
{
    TestKiosk a(tmp.path() / "kiosks", "lobby-1", policy, *hq);
    TestKiosk b(tmp.path() / "kiosks", "bar-2", policy, *hq);
    auto [ann, annCard] = enrolWithCard(a.engine(), "ann");
    auto [bo, boCard] = enrolWithCard(a.engine(), "bo");
    ASSERT_TRUE(a.engine().purchase(purchaseOf(ann, annCard, "wine", "cash")).ok());
    ASSERT_TRUE(a.engine().purchase(purchaseOf(bo, boCard, "cake", "cash")).ok());
    EXPECT_FALSE(shows(a.engine(), ann, "vip-thanks")); // a segment rule: the kiosk leaves it to HQ
    hq->start();
    ASSERT_TRUE(a.round().ok());

    const auto dry = run(true);
    EXPECT_EQ(dry.analysed, 2u);
    EXPECT_EQ(dry.qualified, 1u);
    EXPECT_EQ(dry.published, 1u);
    ASSERT_EQ(dry.members.size(), 1u);
    EXPECT_EQ(dry.members[0].memberId, ann);
    ASSERT_TRUE(b.round().ok());
    EXPECT_FALSE(shows(b.engine(), ann, "vip-thanks")); // a dry run publishes nothing

    const auto first = run(false);
    EXPECT_EQ(first.published, 1u);
    EXPECT_EQ(first.byOffer.at("vip-thanks"), 1u);
    const auto again = run(false);
    EXPECT_EQ(again.published, 0u);
    EXPECT_EQ(again.unchanged, 1u);

    ASSERT_TRUE(b.round().ok());
    auto offers = b.engine().offers(ann);
    ASSERT_TRUE(offers.ok());
    ASSERT_FALSE(offers->empty());
    EXPECT_EQ(offers->front().id, "vip-thanks");
    EXPECT_EQ(offers->front().source, "hq");
    EXPECT_EQ(offers->front().reason, "Among our best guests: 25 points on us");
    EXPECT_FALSE(shows(b.engine(), bo, "vip-thanks"));

    auto accepted = b.engine().acceptOffer(ann, "vip-thanks");
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_FALSE(shows(b.engine(), ann, "vip-thanks")); // once: per_member_limit 1
    ASSERT_TRUE(b.round().ok());
    ASSERT_TRUE(a.round().ok());
    EXPECT_EQ(hq->verify(), "");
}

} // namespace
} // namespace tapledger::test
