// The key custody seam: TapLedgerCard depends only on CardKeyStore (CardMasterKeys is the default,
// a SAM-like store works the same), and no error message on any failure path carries key material.
#include "cardfixture.h"

#include "nfc/cardlayout.h"
#include "nfc/cardterminal.h"
#include "nfc/emulator/emulatedcardreader.h"
#include "nfc/inmemorycardcounterstore.h"
#include "nfc/pkcs11cardkeystore.h"
#include "nfc/tapledgercard.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

/// Stands in for a SAM: diversifies inside, never hands out its master; counts the requests.
class SamLikeKeyStore final : public CardKeyStore
{
public:
    explicit SamLikeKeyStore(const Aes128Key &master) : m_master(master) {}
    uint8_t current() const noexcept override { return 1; }
    Result<Aes128Key> cardKey(uint8_t version, const CardUid &uid, uint32_t aid, uint8_t keyNo) const override
    {
        ++requests;
        if (version != 1)
            return fail(ErrorCode::NotFound, "the SAM holds no key of generation " + std::to_string(version));
        return CardLayout::cardKey(m_master, uid, aid, keyNo);
    }
    mutable int requests = 0;

private:
    Aes128Key m_master;
};

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// Every key an error message must never show (hex, any case), and 8-digit fragments of them.
class KeyMaterial
{
public:
    void add(const Aes128Key &key)
    {
        const std::string hex = toHex(key);
        for (size_t i = 0; i + 8 <= hex.size(); i += 4)
            m_fragments.push_back(hex.substr(i, 8));
    }
    void addCard(const CardKeyStore &keys, uint8_t version, const CardUid &uid)
    {
        add(*keys.cardKey(version, uid, 0, 0));
        for (uint8_t k = 0; k < CardLayout::kKeyCount; ++k)
            add(*keys.cardKey(version, uid, CardLayout::kAid, k));
    }
    void expectAbsentFrom(const std::string &message) const
    {
        const std::string m = lower(message);
        for (const auto &f : m_fragments)
            EXPECT_EQ(m.find(f), std::string::npos) << "key material in: " << message;
    }

private:
    std::vector<std::string> m_fragments;
};

} // namespace

TEST(CardKeyStore, CardMasterKeysDiversifiesPerAn10922)
{
    nfc::test::CardFixture fx;
    const CardUid uid = nfc::test::CardFixture::uid(0x01);
    const CardKeyStore &store = fx.masters;
    EXPECT_EQ(store.current(), 1);
    EXPECT_EQ(*store.cardKey(2, uid, CardLayout::kAid, 1), CardLayout::cardKey(*fx.masters.master(2), uid, CardLayout::kAid, 1));
    auto missing = store.cardKey(9, uid, CardLayout::kAid, 1);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST(CardKeyStore, TapLedgerCardWorksWithAnyStore)
{
    Aes128Key master{};
    master.fill(0x3C);
    const SamLikeKeyStore sam(master);
    nfc::test::CardFixture fx;
    EmulatedCardReader reader;
    auto card = nfc::test::CardFixture::blankCard(0x02);
    reader.presentCard(card);
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    const MemberRecord rec = nfc::test::CardFixture::record(0x02);
    ASSERT_TRUE(reader.runSession([&](DesfireCard &c) {
                    return TapLedgerCard(c, sam).personalise(rec, fx.token(card->uid(), rec, 1, 5));
                }).ok());
    Result<CardContents> contents = fail(ErrorCode::Io, "not read");
    ASSERT_TRUE(reader.runSession([&](DesfireCard &c) {
                    contents = TapLedgerCard(c, sam).read();
                    return Result<void>{};
                }).ok());
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_EQ(contents->record, rec);
    EXPECT_GT(sam.requests, 4);
}

TEST(CardKeyStore, NoErrorMessageCarriesKeyMaterial)
{
    nfc::test::CardFixture fx;
    KeyMaterial keys;
    keys.add(*fx.masters.master(1));
    keys.add(*fx.masters.master(2));
    CardMasterKeys otherFleet;
    Aes128Key other{};
    other.fill(0x77);
    ASSERT_TRUE(otherFleet.add(1, other).ok());
    keys.add(other);
    std::vector<std::string> messages;
    const auto note = [&](const auto &result) {
        EXPECT_FALSE(result.ok());
        if (!result.ok())
            messages.push_back(result.error().message);
    };

    // Key files: malformed keys, wrong lengths, bad permissions.
    const std::string m1 = toHex(*fx.masters.master(1));
    note(CardMasterKeys::fromJson(R"({"current":1,"masters":{"1":")" + m1.substr(0, 30) + "zz\"}}"));
    note(CardMasterKeys::fromJson(R"({"current":1,"masters":{"1":")" + m1 + "00\"}}"));
    note(CardMasterKeys::fromJson(R"({"current":2,"masters":{"1":")" + m1 + "\"}}"));
    tapledger::test::TempDir dir;
    const auto path = dir.path() / "keys.json";
    std::ofstream(path) << R"({"current":1,"masters":{"1":")" << m1 << "\"}}";
    ::chmod(path.c_str(), 0644);
    note(CardMasterKeys::load(path));
    note(fx.masters.cardKey(7, nfc::test::CardFixture::uid(3), CardLayout::kAid, 1));

    // Cards: another fleet's card, a blank one, a foreign PICC key, an unknown key generation.
    EmulatedCardReader reader;
    auto foreign = nfc::test::CardFixture::blankCard(0x04);
    const MemberRecord rec = nfc::test::CardFixture::record(0x04);
    keys.addCard(fx.masters, 1, foreign->uid());
    keys.addCard(otherFleet, 1, foreign->uid());
    reader.presentCard(foreign);
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    ASSERT_TRUE(reader.runSession([&](DesfireCard &c) {
                    return TapLedgerCard(c, otherFleet).personalise(rec, fx.token(foreign->uid(), rec, 1, 5));
                }).ok());
    const auto session = [&](const std::function<Result<void>(TapLedgerCard &)> &fn, const CardKeyStore &store) {
        return reader.runSession([&](DesfireCard &c) {
            TapLedgerCard app(c, store);
            return fn(app);
        });
    };
    note(session([](TapLedgerCard &app) -> Result<void> {
        auto r = app.read();
        return r ? Result<void>{} : Result<void>(std::move(r).error());
    }, fx.masters));
    note(session([&](TapLedgerCard &app) { return app.personalise(rec, fx.token(foreign->uid(), rec, 1, 5)); }, fx.masters));
    note(session([](TapLedgerCard &app) { return app.rotateKeys(9); }, otherFleet));
    note(session([](TapLedgerCard &app) { return app.format(); }, fx.masters));
    StateWriteOutcome w;
    ASSERT_TRUE(reader.runSession([&](DesfireCard &c) {
                    w = TapLedgerCard(c, fx.masters).writeState(fx.token(foreign->uid(), rec, 2, 5));
                    return Result<void>{};
                }).ok());
    EXPECT_EQ(w.kind, StateWriteOutcome::Kind::NotCommitted);
    messages.push_back(w.detail);

    // The kiosk's view of the same card.
    InMemoryCardCounterStore counters;
    CardTerminal terminal(reader, fx.masters, CardStateVerifier({fx.kioskKey.publicKey()}), counters, "kiosk-1");
    auto tap = terminal.waitForTap(0ms);
    ASSERT_TRUE(tap.ok());
    EXPECT_EQ(tap->kind, TapResult::Kind::NotRecognised);
    messages.push_back(tap->message);
    note(terminal.issueCard(rec, fx.kioskKey, 1));

    // Issue 15 paths: an issued card issued again, a card with a foreign DES PICC key, a torn
    // factory issue, a malformed token setting.
    auto own = nfc::test::CardFixture::blankCard(0x05);
    keys.addCard(fx.masters, 1, own->uid());
    reader.presentCard(own);
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    ASSERT_TRUE(session([&](TapLedgerCard &app) { return app.personalise(rec, fx.token(own->uid(), rec, 1, 5)); },
                        fx.masters)
                    .ok());
    note(session([&](TapLedgerCard &app) { return app.personalise(rec, fx.token(own->uid(), rec, 1, 5)); }, fx.masters));
    auto desCard = nfc::test::CardFixture::blankCard(0x06);
    const Bytes desKey{0x13, 0x57, 0x9B, 0xDF, 0x24, 0x68, 0xAC, 0xE0, 0x13, 0x57, 0x9B, 0xDF, 0x24, 0x68, 0xAC, 0xE0};
    desCard->mutableImage().piccKey.key = DesfireKey::of(DesfireKeyType::TwoK3Des, desKey);
    Aes128Key desAsKey{};
    std::copy(desKey.begin(), desKey.end(), desAsKey.begin());
    keys.add(desAsKey);
    reader.presentCard(desCard);
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    note(session([&](TapLedgerCard &app) { return app.personalise(rec, fx.token(desCard->uid(), rec, 1, 5)); }, fx.masters));
    auto torn = nfc::test::CardFixture::blankCard(0x07);
    keys.addCard(fx.masters, 1, torn->uid());
    reader.presentCard(torn);
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    reader.setFault({12, true, 0});
    note(session([&](TapLedgerCard &app) { return app.personalise(rec, fx.token(torn->uid(), rec, 1, 5)); }, fx.masters));
    reader.setFault({});
    note(Pkcs11CardKeyStore::configFromUri("pkcs11:module=" + m1 + ";token=" + m1));

    ASSERT_GE(messages.size(), 16u);
    for (const auto &m : messages) {
        SCOPED_TRACE(m);
        EXPECT_FALSE(m.empty());
        keys.expectAbsentFrom(m);
    }
}
