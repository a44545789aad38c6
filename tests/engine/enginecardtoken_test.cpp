// Engine::adoptCardToken: a newer token of another fleet kiosk in the kiosk's view of a member,
// and the persisted last sync round (docs/sync-protocol.md, "The card's token in the view").
#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/canonicalcodec.h"
#include "enginetestsupport.h"
#include "nfc/cardstatetoken.h"

#include <nlohmann/json.hpp>

using namespace tapledger;
using namespace tapledger::test;

namespace {
class CardTokenView : public EngineFixture
{
protected:
    void SetUp() override
    {
        EngineFixture::SetUp();
        ASSERT_TRUE(engine().topUp({ann, 20000, "cash", cashier}).ok()); // 200.00 + 10.00 bonus
        std::vector<HqFeedItem> page = {keyItem(1, "kiosk-a", kioskA, "active"), keyItem(2, "kiosk-q", kioskQ, "quarantined")};
        auto applied = engine().applyHqFeed(page, 2);
        ASSERT_TRUE(applied.ok()) << applied.error().message;
        const auto view = engine().member(ann);
        ASSERT_TRUE(view.ok());
        deposit = view->deposit;
        bonus = view->bonus;
        points = view->points;
        counter = cardCounter();
    }

    static HqFeedItem keyItem(uint64_t seq, const std::string &kiosk, const Ed25519SecretKey &key, const std::string &status)
    {
        HqFeedItem i;
        i.seq = seq;
        i.type = "kiosk_key";
        i.body = nlohmann::json{{"kiosk_id", kiosk}, {"public_key", toHex(key.publicKey())}, {"status", status}}.dump();
        i.signature.fill(0xab);
        return i;
    }

    /// The card's highest counter in this kiosk's view (card_states).
    uint32_t cardCounter()
    {
        uint32_t best = 0;
        for (uint64_t s = 1; s <= engine().ledger().size(); ++s) {
            auto e = engine().ledger().entry(s);
            if (e && e->entry.card == annCard && e->entry.kind != EntryKind::CardAlert)
                best = std::max(best, e->entry.cardCounter);
        }
        return best;
    }

    /// A token for ann's card signed by @p key as kiosk @p kiosk.
    CardTokenFacts token(const Ed25519SecretKey &key, const std::string &kiosk, uint32_t c, int64_t dep, int64_t bon,
                         int64_t pts, const std::string &currency = "EUR", const Uuid *member = nullptr)
    {
        nfc::CardStateToken tok;
        tok.uid = {0x04, 1, 2, 3, 4, 5, 6};
        tok.cardId = annCard;
        tok.memberId = member ? *member : ann;
        tok.counter = c;
        tok.ledgerSeq = 17;
        tok.deposit = dep;
        tok.bonus = bon;
        tok.points = pts;
        tok.currency = currency;
        tok.kioskId = kiosk;
        tok.timeMs = kJan2026;
        EXPECT_TRUE(tok.sign(key).ok());
        auto facts = nfc::cardTokenFacts(tok);
        EXPECT_TRUE(facts.ok());
        return facts ? *facts : CardTokenFacts{};
    }

    Ed25519SecretKey kioskA = Ed25519SecretKey::generate();
    Ed25519SecretKey kioskQ = Ed25519SecretKey::generate();
    Ed25519SecretKey stranger = Ed25519SecretKey::generate();
    int64_t deposit = 0, bonus = 0, points = 0;
    uint32_t counter = 0;
};
} // namespace

TEST_F(CardTokenView, NewerTokenOfAnotherKioskBecomesTheView)
{
    // Kiosk A spent 50.00 (bonus first: 10.00 bonus, 40.00 deposit) and earned 5 points.
    const CardTokenFacts spent = token(kioskA, "kiosk-a", counter + 2, deposit - 4000, 0, points + 5);
    const uint64_t size = engine().ledger().size();
    auto r = engine().adoptCardToken(spent);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, CardTokenAdoption::Kind::Adopted);
    EXPECT_EQ(r->depositDelta, -4000);
    EXPECT_EQ(r->bonusDelta, -bonus);
    EXPECT_EQ(r->pointsDelta, 5);
    ASSERT_EQ(engine().ledger().size(), size + 1);
    EXPECT_EQ(r->seq, size + 1);
    const auto view = engine().member(ann);
    EXPECT_EQ(view->deposit, deposit - 4000);
    EXPECT_EQ(view->bonus, 0);
    EXPECT_EQ(view->points, points + 5);

    const auto e = engine().ledger().entry(size + 1);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->entry.kind, EntryKind::CardSync);
    EXPECT_EQ(e->entry.card, annCard);
    EXPECT_EQ(e->entry.cardCounter, counter + 2);
    EXPECT_EQ(e->entry.currency, "EUR");
    EXPECT_EQ(e->entry.refs, std::vector<std::string>{"entry:kiosk-a:17"});
    const auto x = nlohmann::json::parse(e->entry.extra);
    EXPECT_EQ(x.at("kiosk"), "kiosk-a");
    EXPECT_EQ(x.at("token_counter"), counter + 2);
    EXPECT_EQ(x.at("token"), toHex(spent.bytes)); // anyone can decode and re-verify it
    auto decoded = nfc::CardStateToken::decode(*fromHex(x.at("token").get<std::string>()));
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(decoded->verifySignature());
    EXPECT_EQ(engine().explain(e->entry),
              "Brought up to date from the card (written at kiosk kiosk-a): deposit -40.00, bonus -10.00, +5 pts");
    const auto verified = engine().ledger().verify();
    EXPECT_TRUE(verified.ok) << verified.problem;

    // The same token again, or an older one: the view already reflects it.
    for (uint32_t c : {counter + 2, counter + 1}) {
        auto again = engine().adoptCardToken(token(kioskA, "kiosk-a", c, 1, 0, 0));
        ASSERT_TRUE(again.ok()) << again.error().message;
        EXPECT_EQ(again->kind, CardTokenAdoption::Kind::NotNewer) << c;
    }
    EXPECT_EQ(engine().ledger().size(), size + 1);

    // This kiosk's next use of the card continues above the token's counter.
    auto paid = engine().purchase({ann, {{"cake", 1, "", 0}}, "stored_value", "1234", 0, Uuid(), annCard});
    ASSERT_TRUE(paid.ok()) << paid.error().message;
    EXPECT_EQ(engine().ledger().entry(paid->seqs.front())->entry.cardCounter, counter + 3);
}

TEST_F(CardTokenView, TokensThatChangeNothing)
{
    struct Case
    {
        const char *what;
        CardTokenFacts token;
        CardTokenAdoption::Kind kind;
    };
    const std::string own = engine().ledger().kioskId();
    const std::vector<Case> cases = {
        {"this kiosk's own token", token(engine().deviceKey(), own, counter + 5, 1, 0, 0), CardTokenAdoption::Kind::OwnToken},
        {"equal counter", token(kioskA, "kiosk-a", counter, 1, 0, 0), CardTokenAdoption::Kind::NotNewer},
        {"fresh card token (counter 0)", token(kioskA, "kiosk-a", 0, 0, 0, 0, ""), CardTokenAdoption::Kind::NotNewer},
        {"newer but the same balances", token(kioskA, "kiosk-a", counter + 1, deposit, bonus, points),
         CardTokenAdoption::Kind::Unchanged},
    };
    const uint64_t size = engine().ledger().size();
    for (const auto &c : cases) {
        auto r = engine().adoptCardToken(c.token);
        ASSERT_TRUE(r.ok()) << c.what << ": " << r.error().message;
        EXPECT_EQ(r->kind, c.kind) << c.what;
        EXPECT_EQ(engine().ledger().size(), size) << c.what;
    }
}

TEST_F(CardTokenView, RefusedTokensWriteNothing)
{
    const Uuid bo = enrol("bo", "Bo");
    CardTokenFacts tampered = token(kioskA, "kiosk-a", counter + 1, 100, 0, 0);
    tampered.bytes[60] ^= 0x01; // the deposit field, signed
    CardTokenFacts shortBytes = token(kioskA, "kiosk-a", counter + 1, 100, 0, 0);
    shortBytes.bytes.pop_back();
    CardTokenFacts unknownCard = token(kioskA, "kiosk-a", counter + 1, 100, 0, 0);
    unknownCard.card = Uuid::generate();
    CardTokenFacts noCurrency = token(kioskA, "kiosk-a", counter + 1, 0, 0, 3, "");
    noCurrency.deposit = 100; // fields that do not match a token with no currency
    struct Case
    {
        const char *what;
        CardTokenFacts token;
        ErrorCode code;
    };
    const std::vector<Case> cases = {
        {"bad signature", tampered, ErrorCode::Crypto},
        {"not 256 bytes", shortBytes, ErrorCode::InvalidArgument},
        {"kiosk not in the fleet", token(stranger, "kiosk-x", counter + 1, 100, 0, 0), ErrorCode::Denied},
        {"key is not the named kiosk's", token(stranger, "kiosk-a", counter + 1, 100, 0, 0), ErrorCode::Denied},
        {"quarantined kiosk", token(kioskQ, "kiosk-q", counter + 1, 100, 0, 0), ErrorCode::Denied},
        {"another currency", token(kioskA, "kiosk-a", counter + 1, 100, 0, 0, "USD"), ErrorCode::Conflict},
        {"negative balance", token(kioskA, "kiosk-a", counter + 1, -1, 0, 0), ErrorCode::InvalidArgument},
        {"stored value without currency", noCurrency, ErrorCode::InvalidArgument},
        {"another member's card", token(kioskA, "kiosk-a", counter + 1, 100, 0, 0, "EUR", &bo), ErrorCode::Denied},
        {"unknown card", unknownCard, ErrorCode::NotFound},
    };
    const uint64_t size = engine().ledger().size();
    for (const auto &c : cases) {
        auto r = engine().adoptCardToken(c.token);
        ASSERT_FALSE(r.ok()) << c.what;
        EXPECT_EQ(r.error().code, c.code) << c.what << ": " << r.error().message;
        EXPECT_FALSE(r.error().message.empty()) << c.what;
        EXPECT_EQ(engine().ledger().size(), size) << c.what;
        EXPECT_EQ(engine().member(ann)->deposit, deposit) << c.what;
    }
}

TEST_F(CardTokenView, TopUpAtTheOtherKioskRaisesTheViewAndCapsStillBound)
{
    engine().setConnectivity(false, t.clock->nowMs());
    const auto allowance = engine().offlineAllowance(annCard);
    ASSERT_TRUE(allowance.ok());
    auto r = engine().adoptCardToken(token(kioskA, "kiosk-a", counter + 1, deposit + 40000, bonus + 5000, points));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, CardTokenAdoption::Kind::Adopted);
    EXPECT_EQ(engine().member(ann)->deposit, deposit + 40000);
    // Adopting is not a spend, and the caps of invariant 6 still bound what this kiosk lets go.
    EXPECT_EQ(engine().offlineAllowance(annCard)->valueLeft, allowance->valueLeft);
    EXPECT_EQ(engine().offlineAllowance(annCard)->redemptionsLeft, allowance->redemptionsLeft);
    auto over = engine().purchase({ann, {{"wine", 2, "", 0}}, "stored_value", "1234", 0, Uuid(), annCard});
    ASSERT_FALSE(over.ok());
    EXPECT_NE(over.error().message.find("offline limit"), std::string::npos) << over.error().message;
    EXPECT_TRUE(engine().purchase({ann, {{"wine", 1, "", 0}}, "stored_value", "1234", 0, Uuid(), annCard}).ok());
}

TEST_F(CardTokenView, HqSnapshotAfterwardsCountsNothingTwice)
{
    // HQ has merged everything of this kiosk so far.
    const uint64_t merged = engine().ledger().size();
    ASSERT_TRUE(engine().adoptCardToken(token(kioskA, "kiosk-a", counter + 1, deposit - 3000, bonus, points)).ok());
    ASSERT_EQ(engine().member(ann)->deposit, deposit - 3000);
    // HQ merged kiosk A's 30.00 too: its snapshot is what the token said.
    HqFeedItem snap;
    snap.seq = 3;
    snap.type = "member";
    snap.signature.fill(0xab);
    auto enrolEntry = engine().ledger().entry(1);
    ASSERT_TRUE(enrolEntry.ok());
    const std::string pin = nlohmann::json::parse(enrolEntry->entry.extra).at("pin");
    snap.body = nlohmann::json{{"member", ann.toString()}, {"handle", "ann"}, {"name", "Ann"}, {"birthday", ""},
                               {"pin", pin}, {"phone", ""}, {"consent", false}, {"tier", ""}, {"currency", "EUR"},
                               {"deposit", deposit - 3000}, {"bonus", bonus}, {"points", points}, {"debt", 0},
                               {"points_debt", 0},
                               {"cards", nlohmann::json::array({{{"card", annCard.toString()}, {"status", "active"},
                                                                 {"counter", counter + 1}}})},
                               {"sources", {{engine().ledger().kioskId(), merged}, {"kiosk-a", 20}}}}
                    .dump();
    ASSERT_TRUE(engine().applyHqFeed(std::vector{snap}, 3).ok());
    EXPECT_EQ(engine().member(ann)->deposit, deposit - 3000); // not deposit - 6000
    EXPECT_EQ(engine().member(ann)->bonus, bonus);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(CardTokenView, RefusedTokenCounterNeverLocksTheCardOut)
{
    // A forged token with the highest counter is refused and recorded as a card_alert; the
    // genuine card must stay usable.
    LedgerEntry alert;
    alert.kind = EntryKind::CardAlert;
    alert.timeMs = t.clock->nowMs();
    alert.card = annCard;
    alert.member = ann;
    alert.cardCounter = UINT32_MAX;
    alert.extra = R"({"detail":"forged","reason":"bad_signature","token_counter":4294967295,"uid":"04010203040506"})";
    ASSERT_TRUE(engine().ledger().append(alert).ok());
    auto paid = engine().purchase({ann, {{"cake", 1, "", 0}}, "stored_value", "1234", 0, Uuid(), annCard});
    ASSERT_TRUE(paid.ok()) << paid.error().message;
    EXPECT_EQ(engine().ledger().entry(paid->seqs.front())->entry.cardCounter, counter + 1);
    // ... and a genuine newer token of kiosk A is still adopted.
    auto r = engine().adoptCardToken(token(kioskA, "kiosk-a", counter + 2, 0, 0, 0, "EUR"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, CardTokenAdoption::Kind::Adopted);
}

TEST_F(CardTokenView, LastSyncRoundIsStored)
{
    EXPECT_EQ(engine().lastSyncRound().timeMs, 0);
    EXPECT_EQ(engine().recordSyncRound(0, 3).error().code, ErrorCode::InvalidArgument);
    ASSERT_TRUE(engine().recordSyncRound(kJan2026 + 5, 12).ok());
    EXPECT_EQ(engine().lastSyncRound().timeMs, kJan2026 + 5);
    EXPECT_EQ(engine().lastSyncRound().ackedSeq, 12u);
    // It is in the data directory: a restarted engine reads it back.
    t.engine.reset();
    auto reopened = Engine::open(tmp.path() / "data", policy, t.clock);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    t.engine = std::move(*reopened);
    EXPECT_EQ(engine().lastSyncRound().timeMs, kJan2026 + 5);
    EXPECT_EQ(engine().lastSyncRound().ackedSeq, 12u);
}
