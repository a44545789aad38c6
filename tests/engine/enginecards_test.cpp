// Member flows around cards: contact data, lookup without a card, duplicate check, lost-card
// replacement and the deny-list, card use on actions, offline caps, feedback.
#include "core/engine/engine.h"
#include "enginetestsupport.h"

#include <gtest/gtest.h>

namespace tapledger::test {
namespace {

using CardsTest = EngineFixture;

/// A lookup's table: query → the members found, in order.
struct LookupCase
{
    std::string query;
    std::vector<Uuid> expected;
};

void expectLookups(const Engine &engine, const std::vector<LookupCase> &cases)
{
    for (const auto &c : cases) {
        auto found = engine.findMembers(c.query);
        ASSERT_TRUE(found.ok()) << c.query << ": " << found.error().message;
        std::vector<Uuid> ids;
        for (const auto &m : *found)
            ids.push_back(m.member);
        EXPECT_EQ(ids, c.expected) << c.query;
    }
}

TEST_F(CardsTest, EnrolStoresNormalisedPhoneAndConsent)
{
    EnrolRequest r{Uuid(), "bob", "Bob", "", "1234", Uuid()};
    r.phone = "(06) 11-22.33 44";
    r.consent = true;
    auto receipt = engine().enrol(r);
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    auto view = engine().member(receipt->member);
    EXPECT_EQ(view->phone, "0611223344");
    EXPECT_TRUE(view->consent);
    EXPECT_EQ(engine().member(ann)->phone, "+33612345678");
    EXPECT_FALSE(engine().member(ann)->consent);

    const auto enrolWithPhone = [&](std::string phone) {
        return [this, phone] {
            EnrolRequest bad{Uuid(), "carol", "Carol", "", "1234", Uuid()};
            bad.phone = phone;
            return outcome(engine().enrol(bad));
        };
    };
    expectRefusedAndNothingWritten(engine(), {
                                                 {"5 digits", ErrorCode::InvalidArgument, enrolWithPhone("12345")},
                                                 {"21 digits", ErrorCode::InvalidArgument, enrolWithPhone(std::string(21, '1'))},
                                                 {"letters", ErrorCode::InvalidArgument, enrolWithPhone("0611abc223")},
                                                 {"inner plus", ErrorCode::InvalidArgument, enrolWithPhone("06+11223344")},
                                                 {"plus alone", ErrorCode::InvalidArgument, enrolWithPhone("+")},
                                             });
}

TEST_F(CardsTest, FindMembersByNameHandlePhoneIdOrCard)
{
    const Uuid annie = enrol("annie", "annie Lee", "0699887766");
    const Uuid bob = enrol("b-50%", "Bob", "");
    const std::vector<LookupCase> cases = {
        {"ANN", {ann, annie}},          // case-insensitive, ordered by name
        {"  lee ", {annie}},            // trimmed
        {"12 34", {ann}},               // phone digits
        {"+33 6", {ann}},
        {"998877", {annie}},
        {"50%", {bob}},                 // LIKE wildcards are literal
        {"%", {bob}},
        {ann.toString(), {ann}},        // full member id
        {annCard.toString(), {ann}},    // card id
        {"nobody", {}},
    };
    expectLookups(engine(), cases);
    auto one = engine().findMembers("ann", 1);
    ASSERT_EQ(one->size(), 1u);
    EXPECT_EQ(one->front().handle, "ann");
    EXPECT_EQ(one->front().phone, "+33612345678");
    EXPECT_EQ(one->front().tier, "bronze");
    EXPECT_EQ(one->front().tierName, "Bronze");
    for (const char *bad : {"", "   "}) {
        auto r = engine().findMembers(bad);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    }
}

TEST_F(CardsTest, FindMembersByPinyinAndInitialsOfChineseNames)
{
    // A touch keyboard without Chinese input: the cashier types the pinyin (ICU Han-Latin).
    const Uuid liWei = enrol("li-wei", "李伟", "");
    const Uuid zhang = enrol("zhang", "张小明", "");
    const Uuid wang = enrol("wang", "王丽", "");
    const Uuid latin = enrol("lw-latin", "Li Wei", "");
    const Uuid lv = enrol("lv", "吕芳", "");
    const std::vector<LookupCase> cases = {
        {"liwei", {liWei}},              // full pinyin, no tones
        {"LiWei", {liWei}},              // case-insensitive
        {"Li Wei", {latin, liWei}},      // the Latin name by LIKE, the Chinese one by pinyin; by name
        {"lw", {latin, liWei}},          // initials (and the Latin handle "lw-latin")
        {"zxm", {zhang}},                // initials of three syllables
        {"xiaoming", {zhang}},           // part of the pinyin
        {"zx", {zhang}},                 // initials prefix
        {"xm", {}},                      // initials match from the start only
        {"wang", {wang}},
        {"lufang", {lv}},                // ü as u
        {"李伟", {liWei}},               // the characters themselves, as before
        {"li3wei", {}},                  // digits: not a pinyin query, and no name or phone matches
    };
    expectLookups(engine(), cases);
    auto one = engine().findMembers("l", 1);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->size(), 1u) << "the limit holds over both kinds of match";
}

TEST_F(CardsTest, DuplicateCandidatesBySamePhoneOrFoldedName)
{
    const Uuid other = enrol("ann2", "Other", "0033612345678");
    auto byName = engine().duplicateCandidates("  aNN ", "");
    ASSERT_TRUE(byName.ok());
    ASSERT_EQ(byName->size(), 1u);
    EXPECT_EQ(byName->front().member, ann);
    auto byPhone = engine().duplicateCandidates("Zed", "+33 6 12-34-56-78");
    ASSERT_EQ(byPhone->size(), 1u);
    EXPECT_EQ(byPhone->front().member, ann); // 0033… is another normalised number
    EXPECT_EQ(engine().duplicateCandidates("other", "")->front().member, other);
    EXPECT_TRUE(engine().duplicateCandidates("Zed", "0700000000")->empty());
    EXPECT_EQ(engine().duplicateCandidates("", "").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(engine().duplicateCandidates("Ann", "12ab").error().code, ErrorCode::InvalidArgument);
}

TEST_F(CardsTest, ReplaceCardErrorsWriteNothing)
{
    const Uuid bob = enrol("bob", "Bob");
    const Uuid bobCard = Uuid::generate();
    ASSERT_TRUE(engine().issueCard(bob, bobCard, Uuid()).ok());
    const Uuid lost = Uuid::generate(), next = Uuid::generate();
    ASSERT_TRUE(engine().issueCard(bob, lost, Uuid()).ok());
    ASSERT_TRUE(engine().replaceCard(lost, next, cashier).ok());
    expectRefusedAndNothingWritten(
        engine(),
        {
            {"unknown old card", ErrorCode::NotFound,
             [&] { return outcome(engine().replaceCard(Uuid::generate(), Uuid::generate(), cashier)); }},
            {"new card already issued", ErrorCode::AlreadyExists,
             [&] { return outcome(engine().replaceCard(annCard, bobCard, cashier)); }},
            {"old card already replaced", ErrorCode::Conflict,
             [&] { return outcome(engine().replaceCard(lost, Uuid::generate(), cashier)); }},
            {"nil new card", ErrorCode::InvalidArgument, [&] { return outcome(engine().replaceCard(annCard, Uuid(), cashier)); }},
            {"same card", ErrorCode::InvalidArgument, [&] { return outcome(engine().replaceCard(annCard, annCard, cashier)); }},
            {"block unknown", ErrorCode::NotFound, [&] { return outcome(engine().blockCard(Uuid::generate(), "lost", cashier)); }},
            {"block without reason", ErrorCode::InvalidArgument, [&] { return outcome(engine().blockCard(bobCard, "", cashier)); }},
            {"block replaced", ErrorCode::Conflict, [&] { return outcome(engine().blockCard(lost, "stolen", cashier)); }},
            {"status unknown", ErrorCode::NotFound, [&] { return outcome(engine().cardStatus(Uuid::generate())); }},
            {"replaced card for member", ErrorCode::Denied, [&] { return outcome(engine().memberForCard(lost)); }},
            {"top-up with replaced card", ErrorCode::Denied,
             [&] { return outcome(engine().topUp({bob, 2000, "cash", Uuid(), lost})); }},
            {"top-up with another member's card", ErrorCode::Denied,
             [&] { return outcome(engine().topUp({bob, 2000, "cash", Uuid(), annCard})); }},
            {"top-up with unknown card", ErrorCode::NotFound,
             [&] { return outcome(engine().topUp({bob, 2000, "cash", Uuid(), Uuid::generate()})); }},
        });
}

TEST_F(CardsTest, ReplacementMovesBalancesInOneTransferPair)
{
    ASSERT_TRUE(engine().topUp({ann, 30000, "cash", Uuid(), annCard}).ok());
    ASSERT_TRUE(engine().purchase({ann, {{"menu", 1, "", 0}}, "cash", "", 0, Uuid()}).ok());
    const auto expiriesBefore = engine().member(ann)->expiries;
    t.clock->advance(60'000);
    const Uuid replacement = Uuid::generate();
    auto r = engine().replaceCard(annCard, replacement, cashier);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->seqs.size(), 2u);
    auto out = engine().ledger().entry(r->seqs[0])->entry;
    auto in = engine().ledger().entry(r->seqs[1])->entry;
    EXPECT_EQ(out.kind, EntryKind::Transfer);
    EXPECT_EQ(out.card, annCard);
    EXPECT_EQ(out.depositDelta, -30000);
    EXPECT_EQ(out.bonusDelta, -5000);
    EXPECT_EQ(out.pointsDelta, -8);
    EXPECT_EQ(out.cardCounter, 2u); // the top-up was counter 1
    EXPECT_EQ(in.card, replacement);
    EXPECT_EQ(in.depositDelta, 30000);
    EXPECT_EQ(in.pointsDelta, 8);
    EXPECT_EQ(in.staff, cashier);
    EXPECT_EQ(r->balances[0].after, 30000); // the member's balances are unchanged
    EXPECT_NE(r->explanations[1].find("Replacement card"), std::string::npos) << r->explanations[1];

    auto view = engine().member(ann);
    EXPECT_EQ(view->points, 8);
    EXPECT_EQ(view->expiries.size(), expiriesBefore.size()); // batches keep their expiry
    EXPECT_EQ(view->cards, (std::vector<Uuid>{annCard, replacement}));
    EXPECT_EQ(engine().memberForCard(replacement).value(), ann);
    auto denied = engine().memberForCard(annCard);
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().code, ErrorCode::Denied);
    EXPECT_NE(denied.error().message.find("card replaced/blocked"), std::string::npos);
    EXPECT_EQ(engine().denyList().value(), std::vector<Uuid>{annCard});
    EXPECT_EQ(engine().cardStatus(annCard)->status, "replaced");
    EXPECT_EQ(engine().cardStatus(replacement)->status, "active");

    ASSERT_TRUE(engine().blockCard(replacement, "stolen", supervisor).ok());
    EXPECT_EQ(engine().cardStatus(replacement)->status, "blocked");
    EXPECT_EQ(engine().denyList()->size(), 2u);
    auto pay = engine().purchase(
        {ann, {{"cake", 1, "", 0}}, "stored_value", "1234", 0, Uuid(), replacement});
    ASSERT_FALSE(pay.ok());
    EXPECT_EQ(pay.error().code, ErrorCode::Denied);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(CardsTest, OfflineCapsCountPerCardAndRefuseWithoutWriting)
{
    ASSERT_TRUE(engine().topUp({ann, 30000, "cash", Uuid()}).ok());
    ASSERT_TRUE(engine().adjustPoints({ann, 300, "gift", cashier, Card::Role::Cashier}).ok());
    engine().setConnectivity(false, t.clock->nowMs());
    const PurchaseRequest cake{ann, {{"cake", 1, "", 0}}, "stored_value", "1234", 0, Uuid(), annCard};
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(engine().purchase(cake).ok()) << i;
    auto allowance = engine().offlineAllowance(annCard);
    ASSERT_TRUE(allowance.ok());
    EXPECT_FALSE(allowance->online);
    EXPECT_EQ(allowance->redemptionsLeft, 0);
    EXPECT_EQ(allowance->valueLeft, 10000 - 3000);
    EXPECT_FALSE(allowance->denyListStale);
    const Uuid other = Uuid::generate();
    ASSERT_TRUE(engine().issueCard(ann, other, Uuid()).ok());
    PurchaseRequest big = cake;
    big.card = other;
    big.items = {{"wine", 2, "", 0}};
    expectRefusedAndNothingWritten(
        engine(), {
                      {"count cap", ErrorCode::Denied, [&] { return outcome(engine().purchase(cake)); }},
                      {"count cap redeem", ErrorCode::Denied,
                       [&] { return outcome(engine().redeem({ann, "credit", 100, "1234", "", annCard})); }},
                      {"value cap", ErrorCode::Denied, [&] { return outcome(engine().purchase(big)); }},
                      {"allowance of unknown card", ErrorCode::NotFound,
                       [&] { return outcome(engine().offlineAllowance(Uuid::generate())); }},
                      {"mark unknown card online", ErrorCode::NotFound,
                       [&] { return engine().markCardOnline(Uuid::generate()); }},
                  });
    auto refused = engine().purchase(cake);
    EXPECT_NE(refused.error().message.find("offline limit"), std::string::npos) << refused.error().message;
    // The reasons and numbers the kiosk turns into a translated message.
    EXPECT_EQ(refused.error().reason, ErrorReason::OfflineCountLimit);
    EXPECT_EQ(refused.error().needed, 3);
    auto tooMuch = engine().purchase(big);
    ASSERT_FALSE(tooMuch.ok());
    EXPECT_EQ(tooMuch.error().reason, ErrorReason::OfflineValueLimit);
    EXPECT_EQ(tooMuch.error().available, 10000); // the other card has spent nothing offline
    EXPECT_GT(tooMuch.error().needed, 10000);
    PurchaseRequest cash = cake;
    cash.payMethod = "cash";
    EXPECT_TRUE(engine().purchase(cash).ok()); // only stored-value spending is capped

    t.clock->advance(25 * 3600'000);
    EXPECT_TRUE(engine().offlineAllowance(other)->denyListStale);
    auto stale = engine().purchase({ann, {{"cake", 1, "", 0}}, "stored_value", "1234", 0, Uuid(), other});
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::Denied);
    EXPECT_NE(stale.error().message.find("deny-list is too old"), std::string::npos) << stale.error().message;
    EXPECT_EQ(stale.error().reason, ErrorReason::OfflineDenyListStale);
    EXPECT_EQ(stale.error().needed, 24);

    engine().setConnectivity(true, t.clock->nowMs());
    ASSERT_TRUE(engine().markCardOnline(annCard).ok());
    EXPECT_EQ(engine().offlineAllowance(annCard)->redemptionsLeft, 3);
    engine().setConnectivity(false, t.clock->nowMs());
    EXPECT_TRUE(engine().purchase(cake).ok());
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(CardsTest, KioskOfflineCapsTightenThePolicyNeverLoosen)
{
    ASSERT_TRUE(engine().topUp({ann, 30000, "cash", Uuid()}).ok());
    // Policy: 3 redemptions, 100.00, 24 h. Kiosk: 1 redemption (tighter), 500.00 (looser: ignored), 2 h.
    engine().tightenOfflineLimits({1, 50000, 2});
    engine().setConnectivity(false, t.clock->nowMs());
    auto allowance = engine().offlineAllowance(annCard);
    ASSERT_TRUE(allowance.ok());
    EXPECT_EQ(allowance->redemptionsLeft, 1);
    EXPECT_EQ(allowance->valueLeft, 10000);
    const PurchaseRequest cake{ann, {{"cake", 1, "", 0}}, "stored_value", "1234", 0, Uuid(), annCard};
    ASSERT_TRUE(engine().purchase(cake).ok());
    expectRefusedAndNothingWritten(
        engine(), {{"kiosk count cap", ErrorCode::Denied, [&] { return outcome(engine().purchase(cake)); }}});

    const Uuid other = Uuid::generate();
    ASSERT_TRUE(engine().issueCard(ann, other, Uuid()).ok());
    t.clock->advance(3 * 3600'000); // past the kiosk's 2 h deny-list age, within the policy's 24 h
    EXPECT_TRUE(engine().offlineAllowance(other)->denyListStale);
    PurchaseRequest withOther = cake;
    withOther.card = other;
    expectRefusedAndNothingWritten(
        engine(), {{"kiosk deny-list age", ErrorCode::Denied, [&] { return outcome(engine().purchase(withOther)); }}});
}

TEST_F(CardsTest, CardCountersRiseOnEveryActionWithTheCard)
{
    ASSERT_TRUE(engine().topUp({ann, 30000, "cash", Uuid(), annCard}).ok());
    ASSERT_TRUE(engine().adjustPoints({ann, 300, "gift", cashier, Card::Role::Cashier}).ok());
    auto p = engine().purchase({ann, {{"menu", 1, "", 0}}, "stored_value", "1234", 0, cashier, annCard});
    ASSERT_TRUE(p.ok()) << p.error().message;
    for (uint64_t seq : p->seqs) {
        auto e = engine().ledger().entry(seq)->entry;
        EXPECT_EQ(e.card, annCard) << seq;
        EXPECT_EQ(e.cardCounter, 2u) << seq;
        EXPECT_EQ(e.staff, cashier) << seq;
    }
    RedeemRequest redeem{ann, "credit", 100, "1234", "", annCard, 40};
    auto r = engine().redeem(redeem); // the card's own counter is ahead: it wins
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(engine().ledger().entry(r->mainSeq)->entry.cardCounter, 40u);
}

TEST_F(CardsTest, FeedbackErrorsWriteNothing)
{
    const auto feedback = [&](int rating, std::string category, std::string text, Uuid member = Uuid()) {
        return [=, this] { return outcome(engine().recordFeedback({member, rating, category, text})); };
    };
    expectRefusedAndNothingWritten(engine(),
                                   {
                                       {"nothing", ErrorCode::InvalidArgument, feedback(0, "", "")},
                                       {"only spaces", ErrorCode::InvalidArgument, feedback(0, "", "   ")},
                                       {"rating 6", ErrorCode::InvalidArgument, feedback(6, "", "")},
                                       {"rating -1", ErrorCode::InvalidArgument, feedback(-1, "food", "")},
                                       {"unknown category", ErrorCode::InvalidArgument, feedback(4, "parking", "")},
                                       {"501 bytes", ErrorCode::InvalidArgument, feedback(0, "", std::string(501, 'a'))},
                                       {"not UTF-8", ErrorCode::InvalidArgument, feedback(0, "", "caf\xe9")},
                                       {"unknown member", ErrorCode::NotFound, feedback(5, "", "", Uuid::generate())},
                                   });
}

TEST_F(CardsTest, FeedbackIsRecordedWithOrWithoutAMember)
{
    EXPECT_EQ(engine().feedbackCategories(),
              (std::vector<std::string>{"food", "service", "cleanliness", "waiting_time", "other"}));
    auto r = engine().recordFeedback({ann, 4, "food", "Great fish"});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->explanations[0], "Feedback 4/5 on food: \"Great fish\"");
    EXPECT_EQ(engine().history(ann)->back().kind, "feedback");
    auto anonymous = engine().recordFeedback({Uuid(), 0, "", std::string(500, 'a')});
    ASSERT_TRUE(anonymous.ok()) << anonymous.error().message;
    EXPECT_TRUE(anonymous->balances.empty());
    EXPECT_TRUE(engine().ledger().verify().ok);
}

} // namespace
} // namespace tapledger::test
