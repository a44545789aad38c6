// Engine::applyHqFeed: the kiosk's view = HQ's snapshot + its own unmerged entries
// (docs/sync-protocol.md, "Whose view wins").
#include "core/ledger/canonicalcodec.h"
#include "enginetestsupport.h"

#include <nlohmann/json.hpp>

using namespace tapledger;
using namespace tapledger::test;

namespace {
class EngineSync : public EngineFixture
{
protected:
    /// The scrypt PIN hash ann's enrol entry carries (a snapshot carries the same kind of hash).
    std::string annPinHash()
    {
        auto first = engine().ledger().entry(1);
        EXPECT_TRUE(first.ok());
        return nlohmann::json::parse(first->entry.extra).at("pin").get<std::string>();
    }

    HqFeedItem item(uint64_t seq, const std::string &type, const nlohmann::json &body)
    {
        HqFeedItem i;
        i.seq = seq;
        i.type = type;
        i.body = body.dump();
        i.signature.fill(0xab);
        return i;
    }

    nlohmann::json snapshot(const Uuid &member, const std::string &handle, int64_t deposit, int64_t bonus, int64_t points,
                            nlohmann::json sources, const Uuid &card)
    {
        return {{"member", member.toString()}, {"handle", handle}, {"name", "Bo Chen"}, {"birthday", ""},
                {"pin", annPinHash()}, {"phone", ""}, {"consent", false}, {"tier", ""}, {"currency", "EUR"},
                {"deposit", deposit}, {"bonus", bonus}, {"points", points}, {"debt", 0}, {"points_debt", 0},
                {"cards", nlohmann::json::array({{{"card", card.toString()}, {"status", "active"}, {"counter", 4}}})},
                {"sources", sources}};
    }
};
} // namespace

TEST_F(EngineSync, MemberEnrolledElsewhereBecomesUsableHere)
{
    const Uuid bo = Uuid::generate(), boCard = Uuid::generate();
    const std::vector<HqFeedItem> page = {item(3, "member", snapshot(bo, "bo", 5000, 1000, 70, {{"bar-2", 9}}, boCard))};
    auto r = engine().applyHqFeed(page, 3);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->applied, 1u);
    EXPECT_EQ(engine().hqFeedCursor(), 3u);
    auto view = engine().member(bo);
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->name, "Bo Chen");
    EXPECT_EQ(view->deposit, 5000);
    EXPECT_EQ(view->bonus, 1000);
    EXPECT_EQ(view->points, 70);
    EXPECT_EQ(*engine().memberForCard(boCard), bo);
    EXPECT_EQ(*engine().memberByHandle("bo"), bo);
    EXPECT_TRUE(engine().checkPin(bo, "1234").ok()); // the snapshot's PIN hash works offline
    const auto e = engine().ledger().entry(engine().ledger().size());
    EXPECT_EQ(e->entry.kind, EntryKind::HqSync);
    EXPECT_EQ(e->entry.refs, std::vector<std::string>{"hq:feed:3"});
    EXPECT_TRUE(engine().ledger().verify().ok) << engine().ledger().verify().problem;
}

TEST_F(EngineSync, SnapshotPlusOwnUnmergedEntries)
{
    // HQ merged this kiosk up to the current seq; a top-up after that is not in the snapshot.
    const uint64_t merged = engine().ledger().size();
    ASSERT_TRUE(engine().topUp({ann, 10000, "cash", cashier}).ok());
    const auto before = engine().member(ann);
    ASSERT_TRUE(before.ok());
    // HQ says: 3000 deposit from another kiosk's top-up (nothing of ours after `merged`).
    const auto body = snapshot(ann, "ann", 3000, 0, 0, {{engine().ledger().kioskId(), merged}, {"bar-2", 2}}, annCard);
    ASSERT_TRUE(engine().applyHqFeed(std::vector{item(1, "member", body)}, 1).ok());
    const auto after = engine().member(ann);
    EXPECT_EQ(after->deposit, 3000 + before->deposit);
    EXPECT_EQ(after->bonus, before->bonus);
    // A later snapshot that includes the top-up leaves the balance as HQ says.
    const auto body2 = snapshot(ann, "ann", 3000 + before->deposit, before->bonus, 0,
                                {{engine().ledger().kioskId(), engine().ledger().size()}}, annCard);
    ASSERT_TRUE(engine().applyHqFeed(std::vector{item(2, "member", body2)}, 2).ok());
    EXPECT_EQ(engine().member(ann)->deposit, 3000 + before->deposit);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(EngineSync, DenyListAndFleetKeys)
{
    const Uuid strange = Uuid::generate();
    std::vector<HqFeedItem> page = {
        item(4, "deny", {{"version", 1}, {"card", annCard.toString()}, {"member", ann.toString()}, {"reason", "fork"}, {"time_ms", 1}}),
        item(5, "deny", {{"version", 2}, {"card", strange.toString()}, {"member", ann.toString()}, {"reason", "overspend"}, {"time_ms", 2}}),
        item(6, "kiosk_key", {{"kiosk_id", "bar-2"}, {"public_key", std::string(64, 'a')}, {"status", "active"}}),
        item(7, "campaign", {{"member", ann.toString()}}), // a type this engine does not know: counted through
    };
    auto r = engine().applyHqFeed(page, 9);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->applied, 3u);
    EXPECT_EQ(r->skipped, 1u);
    EXPECT_EQ(engine().hqFeedCursor(), 9u);
    auto owner = engine().memberForCard(annCard);
    ASSERT_FALSE(owner.ok());
    EXPECT_EQ(owner.error().reason, ErrorReason::CardBlocked);
    EXPECT_EQ(engine().cardStatus(strange)->status, "blocked");
    auto keys = engine().fleetKeys();
    ASSERT_EQ(keys->size(), 1u);
    EXPECT_EQ((*keys)[0].kioskId, "bar-2");
    EXPECT_EQ((*keys)[0].status, "active");
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(EngineSync, BadPagesAreRefusedAndChangeNothing)
{
    ASSERT_TRUE(engine().applyHqFeed(std::vector{item(5, "kiosk_key", {{"kiosk_id", "k"}, {"public_key", std::string(64, 'b')}, {"status", "active"}})}, 5).ok());
    const uint64_t size = engine().ledger().size();
    const Uuid bo = Uuid::generate(), card = Uuid::generate();
    auto good = snapshot(bo, "bo", 1, 0, 0, nlohmann::json::object(), card);
    auto usd = good;
    usd["currency"] = "USD";
    auto noDeposit = good;
    noDeposit.erase("deposit");
    HqFeedItem nonCanonical = item(7, "member", good);
    nonCanonical.body = "{ \"member\": 1 }";
    struct Case
    {
        const char *what;
        std::vector<HqFeedItem> page;
        uint64_t next;
    };
    const std::vector<Case> cases = {
        {"seq not after the cursor", {item(5, "member", good)}, 6},
        {"items out of order", {item(8, "member", good), item(7, "member", good)}, 8},
        {"cursor before the last item", {item(7, "member", good)}, 6},
        {"non-canonical body", {nonCanonical}, 7},
        {"missing deposit", {item(7, "member", noDeposit)}, 7},
        {"another currency", {item(7, "member", usd)}, 7},
        {"deny without card", {item(7, "deny", {{"member", bo.toString()}})}, 7},
        {"kiosk key without key", {item(7, "kiosk_key", {{"kiosk_id", "x"}})}, 7},
        {"alias without into", {item(7, "member_alias", {{"member", bo.toString()}, {"merged_ms", 1}})}, 7},
        {"alias into itself", {item(7, "member_alias", {{"member", bo.toString()}, {"into", bo.toString()}, {"merged_ms", 1}})}, 7},
        {"alias of a malformed member", {item(7, "member_alias", {{"member", "bo"}, {"into", ann.toString()}, {"merged_ms", 1}})}, 7},
        {"alias into the nil member", {item(7, "member_alias", {{"member", bo.toString()}, {"into", Uuid().toString()}, {"merged_ms", 1}})}, 7},
        {"alias without merged_ms", {item(7, "member_alias", {{"member", bo.toString()}, {"into", ann.toString()}})}, 7},
        {"alias with a text merged_ms", {item(7, "member_alias", {{"member", bo.toString()}, {"into", ann.toString()}, {"merged_ms", "1"}})}, 7},
        {"good item then a bad one", {item(7, "member", good), item(8, "member", noDeposit)}, 8},
    };
    for (const auto &c : cases) {
        auto r = engine().applyHqFeed(c.page, c.next);
        EXPECT_FALSE(r.ok()) << c.what;
        EXPECT_EQ(engine().ledger().size(), size) << c.what;
        EXPECT_EQ(engine().hqFeedCursor(), 5u) << c.what;
        EXPECT_FALSE(engine().member(bo).ok()) << c.what;
        EXPECT_EQ(*engine().resolveMember(bo), bo) << c.what;
    }
}

TEST_F(EngineSync, MergedAwayMemberIsFoundAsTheSurvivor)
{
    // HQ merged bo (enrolled here) into ann; cy was merged into a member this kiosk never saw.
    const Uuid bo = enrol("bo", "Bo Chen", "+44 7700 900123");
    const Uuid cy = enrol("cy", "Cy Dee");
    const Uuid stranger = Uuid::generate();
    const auto alias = [&](uint64_t seq, const Uuid &from, const Uuid &into) {
        return item(seq, "member_alias", {{"member", from.toString()}, {"into", into.toString()}, {"merged_ms", 1000}});
    };
    auto r = engine().applyHqFeed(std::vector{alias(1, bo, ann), alias(2, cy, stranger), item(3, "campaign", {})}, 3);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->applied, 2u);
    EXPECT_EQ(r->skipped, 1u);
    EXPECT_EQ(*engine().resolveMember(bo), ann);
    EXPECT_EQ(*engine().resolveMember(ann), ann);

    const struct
    {
        std::string query;
        Uuid member, mergedFrom, mergedInto;
    } cases[] = {
        {"Bo Chen", ann, bo, {}},     // by the old name: the survivor
        {"bo", ann, bo, {}},          // by the old handle
        {"7700 900123", ann, bo, {}}, // by the old phone
        {bo.toString(), ann, bo, {}}, // by the old id
        {"Ann", ann, {}, {}},         // the survivor itself, unchanged
        {"Cy", cy, {}, stranger},     // survivor unknown here: the old line, pointing to it
        {"n", ann, {}, {}},           // "Bo Chen" and "Ann": the survivor once, as itself
    };
    for (const auto &c : cases) {
        auto found = engine().findMembers(c.query);
        ASSERT_TRUE(found.ok()) << c.query << ": " << found.error().message;
        ASSERT_EQ(found->size(), 1u) << c.query;
        EXPECT_EQ((*found)[0].member, c.member) << c.query;
        EXPECT_EQ((*found)[0].mergedFrom, c.mergedFrom) << c.query;
        EXPECT_EQ((*found)[0].mergedInto, c.mergedInto) << c.query;
    }
    auto view = engine().member(bo);
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->mergedInto, ann);
    EXPECT_TRUE(engine().member(ann)->mergedInto.isNil());
    EXPECT_TRUE(engine().duplicateCandidates("Bo Chen", "")->empty()) << "a merged-away member is no duplicate";
    EXPECT_EQ(engine().duplicateCandidates("Ann", "")->size(), 1u);

    // The newest item of a member replaces the last, and chains are followed: bo → cy → stranger.
    ASSERT_TRUE(engine().applyHqFeed(std::vector{alias(4, bo, cy)}, 4).ok());
    EXPECT_EQ(*engine().resolveMember(bo), stranger);
    EXPECT_EQ(engine().member(bo)->mergedInto, stranger);
    auto chained = engine().findMembers("Bo Chen");
    ASSERT_TRUE(chained.ok());
    ASSERT_EQ(chained->size(), 1u);
    EXPECT_EQ((*chained)[0].member, bo);
    EXPECT_EQ((*chained)[0].mergedInto, stranger);
    const auto verified = engine().ledger().verify(); // rebuilds engine_member_aliases from the entries
    EXPECT_TRUE(verified.ok) << verified.problem;
}
