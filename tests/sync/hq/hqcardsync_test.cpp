// HQ ingest of card_sync entries (docs/sync-protocol.md, "The card's token in the view"): stored
// and verified with the kiosk's chain, the token checked against the enrolled kiosk keys, never
// merged as value and never a card use, so nothing is counted twice.
#include "core/crypto/ed25519secretkey.h"
#include "nfc/cardstatetoken.h"
#include "hqtestsupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace tapledger::test {
namespace {

/// The token kiosk @p kiosk writes on @p card after its entry @p seq: the member's balances there.
nfc::CardStateToken tokenAt(TestKiosk &kiosk, const Uuid &member, const Uuid &card, uint64_t seq,
                            const Ed25519SecretKey &key)
{
    const auto entry = kiosk.engine().ledger().entry(seq);
    EXPECT_TRUE(entry.ok());
    const auto view = kiosk.engine().member(member);
    EXPECT_TRUE(view.ok());
    nfc::CardStateToken t;
    t.uid = {0x04, 9, 8, 7, 6, 5, 4};
    t.cardId = card;
    t.memberId = member;
    t.counter = entry ? entry->entry.cardCounter : 0;
    t.ledgerSeq = seq;
    t.deposit = view ? view->deposit : 0;
    t.bonus = view ? view->bonus : 0;
    t.points = view ? view->points : 0;
    t.currency = "EUR";
    t.kioskId = kiosk.id();
    t.timeMs = kiosk.clock().nowMs();
    EXPECT_TRUE(t.sign(key).ok());
    return t;
}

TEST(HqCardSync, VerifiedButNeverMergedAndAForgedTokenIsAlerted)
{
    TempDir tmp;
    const Policy policy = syncTestPolicy();
    TestHq hq(tmp.path() / "hq");
    TestKiosk a(tmp.path() / "kiosks", "lobby-1", policy, hq);
    TestKiosk b(tmp.path() / "kiosks", "bar-2", policy, hq);
    const auto [ann, annCard] = enrolWithCard(a.engine(), "ann");
    ASSERT_TRUE(a.engine().topUp({ann, 5'000, "cash", Uuid(), annCard}).ok());
    hq.start();
    ASSERT_TRUE(a.round().ok());
    ASSERT_TRUE(b.round().ok()); // B learns ann and lobby-1's key

    // A spends; the card carries A's token to B, which adopts it without any sync in between.
    auto paid = a.engine().purchase(purchaseOf(ann, annCard, "cake", "stored_value"));
    ASSERT_TRUE(paid.ok()) << paid.error().message;
    const nfc::CardStateToken atA = tokenAt(a, ann, annCard, paid->seqs.back(), a.engine().deviceKey());
    auto facts = nfc::cardTokenFacts(atA);
    ASSERT_TRUE(facts.ok());
    auto adopted = b.engine().adoptCardToken(*facts);
    ASSERT_TRUE(adopted.ok()) << adopted.error().message;
    ASSERT_EQ(adopted->kind, CardTokenAdoption::Kind::Adopted);
    EXPECT_EQ(b.engine().member(ann)->deposit, atA.deposit);

    // A card_sync whose token names lobby-1 but is signed by another key, written straight into
    // B's chain (a kiosk bug).
    nfc::CardStateToken forged = atA;
    forged.counter += 5;
    ASSERT_TRUE(forged.sign(Ed25519SecretKey::generate()).ok());
    auto forgedBytes = forged.encode();
    ASSERT_TRUE(forgedBytes.ok());
    LedgerEntry bad;
    bad.kind = EntryKind::CardSync;
    bad.timeMs = b.clock().nowMs();
    bad.member = ann;
    bad.card = annCard;
    bad.cardCounter = forged.counter;
    bad.extra = nlohmann::json{{"kiosk", "lobby-1"}, {"token", toHex(*forgedBytes)}, {"token_counter", forged.counter}}
                    .dump();
    ASSERT_TRUE(b.engine().ledger().append(bad).ok());

    // B uploads first (HQ has not merged A's purchase yet), then A, then B reads the result.
    ASSERT_TRUE(b.round().ok());
    ASSERT_TRUE(a.round().ok());
    ASSERT_TRUE(b.round().ok());
    EXPECT_EQ(hq.verify(), "");
    const std::string state = hq.masterState();
    const auto balances = linesStarting(state, "balance " + ann.toString());
    ASSERT_EQ(balances.size(), 1u) << state;
    EXPECT_EQ(balances[0], "balance " + ann.toString() + " EUR deposit " + std::to_string(atA.deposit) + " bonus " +
                               std::to_string(atA.bonus) + " points " + std::to_string(atA.points) +
                               " debt 0 points_debt 0")
        << "the card_sync deltas were merged as value";
    const auto alerts = linesStarting(state, "alert ");
    ASSERT_EQ(alerts.size(), 1u) << state; // no fork: a card_sync's counter is not a card use
    EXPECT_EQ(alerts[0].rfind("alert card bar-2:", 0), 0u) << alerts[0];
    EXPECT_NE(alerts[0].find("not signed by kiosk lobby-1's device key"), std::string::npos) << alerts[0];
    EXPECT_TRUE(linesStarting(state, "deny ").empty()) << state;
    // Both kiosks' views are HQ's: nothing counted twice at B.
    EXPECT_EQ(b.engine().member(ann)->deposit, atA.deposit);
    EXPECT_EQ(b.engine().member(ann)->points, atA.points);
}

} // namespace
} // namespace tapledger::test
