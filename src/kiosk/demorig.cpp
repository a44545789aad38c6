#include "demorig.h"

#include "core/card.h"
#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/memberprofile.h"
#include "core/engine/purchaseeffect.h"
#include "core/engine/simulator.h"
#include "nfc/cardstateverifier.h"
#include "nfc/cardterminal.h"
#include "nfc/emulator/emulatedcardreader.h"
#include "nfc/inmemorycardcounterstore.h"

#include <QObject>

#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace tapledger::kiosk {

namespace {

struct DemoCardSpec
{
    const char *label;    // file name and panel label
    const char *handle;   // member or staff handle in the seed ("" = blank card)
    nfc::MemberRecord::CardType type;
    tapledger::Card::Role role;
    uint8_t uidTail;
};

// Members are the seed script's; staff are registered by seed().
constexpr DemoCardSpec kCards[] = {
    {"li-wei", "card-001", nfc::MemberRecord::CardType::Member, tapledger::Card::Role::None, 0x01},
    {"emma-clarke", "card-002", nfc::MemberRecord::CardType::Member, tapledger::Card::Role::None, 0x02},
    {"zhang-min", "card-003", nfc::MemberRecord::CardType::Member, tapledger::Card::Role::None, 0x03},
    {"cashier", "chen-jing", nfc::MemberRecord::CardType::Staff, tapledger::Card::Role::Cashier, 0x04},
    {"supervisor", "wang-fang", nfc::MemberRecord::CardType::Staff, tapledger::Card::Role::Supervisor, 0x05},
    {"blank", "", nfc::MemberRecord::CardType::Member, tapledger::Card::Role::None, 0x06},
};
constexpr const char *kForeignTag = "mifare-classic";

std::array<uint8_t, 7> uidFor(uint8_t tail)
{
    return {0x04, 0x7A, 0x11, 0x22, 0x33, 0x44, tail};
}

fs::path cardsDir(const fs::path &dataDir)
{
    return dataDir / "demo-cards";
}

} // namespace

std::string DemoRig::demoKeysJson()
{
    return R"({"current":1,"masters":{"1":"00112233445566778899aabbccddeeff"}})";
}

Uuid DemoRig::cashierId()
{
    return Simulator::idFor("staff", "chen-jing");
}

Uuid DemoRig::supervisorId()
{
    return Simulator::idFor("staff", "wang-fang");
}

Result<void> DemoRig::seedProfile(Engine &engine, int64_t nowMs)
{
    // The demo has no HQ: Li Wei's staff-entered profile is applied as the `profile` feed item HQ
    // would send (unsigned), its derived preferences by core's own rule over this kiosk's entries.
    const Uuid member = Simulator::idFor("member", "li-wei");
    MemberProfile p;
    p.type = "person", p.creditGrade = "A", p.seat = "Window table", p.taste = "Less spicy, no coriander";
    p.allergies = "Peanuts", p.notes = "Celebrates her birthday with the family in November";
    p.updatedBy = "HQ demo", p.updatedMs = nowMs;
    std::vector<MemberProfile::Purchase> purchases;
    for (uint64_t from = 1;;) {
        auto page = engine.ledger().entries(from, 500);
        if (!page)
            return std::move(page).error();
        for (const StoredEntry &stored : *page) {
            auto effect = purchaseEffect(stored.entry);
            if (!effect)
                return std::move(effect).error();
            if (*effect && stored.entry.member == member)
                purchases.push_back({stored.entry.timeMs, stored.entry.kioskId, std::move(**effect)});
        }
        if (page->size() < 500)
            break;
        from = page->back().entry.seq + 1;
    }
    p.derive(purchases, nowMs);
    const HqFeedItem item{1, "profile",
                          nlohmann::json{{"member", member.toString()}, {"profile", nlohmann::json::parse(p.toJson())}}.dump(),
                          {}};
    auto applied = engine.applyHqFeed(std::span(&item, 1), 1);
    if (!applied)
        return std::move(applied).error();
    return {};
}

Result<int64_t> DemoRig::seed(const fs::path &dataDir, const std::string &kioskId, const Policy &policy,
                              const nfc::CardKeyStore &keys, const fs::path &script)
{
    auto clock = std::make_shared<ManualClock>(0);
    auto engine = Engine::init(dataDir, kioskId, policy, clock);
    if (!engine)
        return std::move(engine).error();
    std::ifstream in(script);
    if (!in)
        return fail(ErrorCode::NotFound, "demo seed script not found: " + script.string());
    Simulator sim(**engine, *clock, Simulator::Options{64, false});
    TL_TRY(sim.run(in));
    TL_TRY((*engine)->registerStaff(StaffRequest{cashierId(), "Chen Jing", tapledger::Card::Role::Cashier, kCashierPin}));
    TL_TRY((*engine)->registerStaff(StaffRequest{supervisorId(), "Wang Fang", tapledger::Card::Role::Supervisor, kSupervisorPin}));
    TL_TRY(seedProfile(**engine, clock->nowMs()));

    std::error_code ec;
    fs::create_directories(cardsDir(dataDir), ec);
    if (ec)
        return fail(ErrorCode::Io, "cannot create " + cardsDir(dataDir).string());
    nfc::EmulatedCardReader reader;
    nfc::InMemoryCardCounterStore counters;
    nfc::CardTerminal terminal(reader, keys, nfc::CardStateVerifier({(*engine)->deviceKey().publicKey()}), counters,
                               kioskId);
    for (const auto &spec : kCards) {
        auto card = std::make_shared<nfc::DesfireEmulator>(nfc::DesfireImage::blank(uidFor(spec.uidTail)));
        if (*spec.handle) {
            nfc::MemberRecord record;
            record.type = spec.type;
            record.role = spec.role;
            const bool staff = spec.type == nfc::MemberRecord::CardType::Staff;
            record.cardId = Simulator::idFor(staff ? "staff-card" : "card", spec.handle);
            if (staff) {
                record.memberId = Simulator::idFor("staff", spec.handle);
            } else {
                auto member = (*engine)->memberForCard(record.cardId);
                if (!member)
                    return std::move(member).error();
                record.memberId = *member;
            }
            record.issuer = "TAPLEDGER-DEMO";
            record.issuedAtMs = clock->nowMs();
            reader.presentCard(card);
            auto issued = terminal.issueCard(record, (*engine)->deviceKey(), clock->nowMs());
            reader.removeCard();
            if (!issued)
                return std::move(issued).error();
        }
        TL_TRY(card->image().save(cardsDir(dataDir) / (std::string(spec.label) + ".json")));
    }
    return clock->nowMs();
}

Result<std::unique_ptr<DemoRig>> DemoRig::start(const fs::path &dataDir)
{
    std::unique_ptr<DemoRig> rig(new DemoRig);
    for (const auto &spec : kCards) {
        const fs::path image = cardsDir(dataDir) / (std::string(spec.label) + ".json");
        auto loaded = nfc::DesfireImage::load(image);
        if (!loaded)
            return std::move(loaded).error();
        rig->m_cards.push_back(DemoCard{spec.label, std::make_shared<nfc::DesfireEmulator>(std::move(*loaded)), image});
    }
    rig->m_cards.push_back(DemoCard{kForeignTag, nullptr, {}});
    rig->m_chip = std::make_shared<nfc::Pn532Emulator>();
    rig->m_chip->setCardChangedHandler([r = rig.get()](const nfc::DesfireEmulator &changed) {
        for (const auto &c : r->m_cards)
            if (c.card.get() == &changed)
                (void)changed.image().save(c.image);
    });
    auto pty = nfc::PtyPn532::start(rig->m_chip);
    if (!pty)
        return std::move(pty).error();
    rig->m_pty = std::move(*pty);
    return rig;
}

DemoRig::~DemoRig() = default;

QStringList DemoRig::labels() const
{
    // Untranslated source texts: the panel translates them (context "DemoRig"), so a language
    // switch relabels the cards. The PINs are the seed script's (docs/examples/kiosk-demo.sim.jsonl)
    // and kCashierPin / kSupervisorPin: a demo visitor reads them on the panel.
    const QStringList names = {
        QStringLiteral(QT_TRANSLATE_NOOP("DemoRig", "Li Wei (member, PIN 2468)")),
        QStringLiteral(QT_TRANSLATE_NOOP("DemoRig", "Emma Clarke (member, PIN 1357)")),
        QStringLiteral(QT_TRANSLATE_NOOP("DemoRig", "Zhang Min (member, PIN 8642)")),
        QStringLiteral(QT_TRANSLATE_NOOP("DemoRig", "Chen Jing (cashier, PIN 4321)")),
        QStringLiteral(QT_TRANSLATE_NOOP("DemoRig", "Wang Fang (supervisor, PIN 8765)")),
        QStringLiteral(QT_TRANSLATE_NOOP("DemoRig", "Blank card")),
        QStringLiteral(QT_TRANSLATE_NOOP("DemoRig", "Foreign tag")),
    };
    return names;
}

void DemoRig::present(int index)
{
    if (index < 0 || static_cast<size_t>(index) >= m_cards.size())
        return;
    const DemoCard &c = m_cards[static_cast<size_t>(index)];
    if (c.card)
        m_chip->presentCard(c.card);
    else
        m_chip->presentUidOnlyTag({0x5A, 0x1C, 0x0F, 0xEE});
}

void DemoRig::remove()
{
    m_chip->removeCard();
}

} // namespace tapledger::kiosk
