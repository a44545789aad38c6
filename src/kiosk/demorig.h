#pragma once

#include "core/engine/policy.h"
#include "core/result.h"
#include "core/uuid.h"
#include "nfc/cardkeystore.h"
#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/ptypn532.h"

#include <QStringList>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tapledger {
class Engine;
}

namespace tapledger::kiosk {

/// The `--demo` hardware: an emulated PN532 on a pseudo-terminal (driven by the real libnfc
/// pn532_uart driver) hosting emulated DESFire cards: three members, a cashier, a supervisor, a
/// blank card for issuing and a MIFARE Classic tag that is not ours. Card images live in
/// `<data dir>/demo-cards/` and are saved after every change, so counters survive restarts.
/// seed() prepares a fresh data dir from docs/examples/kiosk-demo.sim.jsonl (members, history).
class DemoRig
{
public:
    /// The demo's card master key file content. Demo only: these keys are public.
    static std::string demoKeysJson();
    /// Staff ids and PINs of the demo staff cards (for the screen hint and tests).
    static Uuid cashierId();
    static Uuid supervisorId();
    static constexpr const char *kCashierPin = "4321";
    static constexpr const char *kSupervisorPin = "8765";
    /// PIN of the first demo member (li-wei, card-001; docs/examples/kiosk-demo.sim.jsonl).
    static constexpr const char *kMemberPin = "2468";
    /// The first kMemberCards cards of the panel are member cards.
    static constexpr int kMemberCards = 3;

    /// Creates @p dataDir for @p kioskId: runs @p script through the engine with @p policy on a
    /// manual clock, registers the demo staff and personalises the demo cards. Returns the
    /// script's end time (UTC ms). AlreadyExists when @p dataDir holds a ledger.
    static Result<int64_t> seed(const std::filesystem::path &dataDir, const std::string &kioskId, const Policy &policy,
                                const nfc::CardKeyStore &keys, const std::filesystem::path &script);

    /// Loads the card images of @p dataDir and starts the emulated PN532. Io when no pty.
    static Result<std::unique_ptr<DemoRig>> start(const std::filesystem::path &dataDir);
    ~DemoRig();

    /// libnfc connection string of the emulated reader.
    std::string connString() const { return m_pty->connString(); }
    /// One label per card, in panel order: English source texts of translation context "DemoRig".
    QStringList labels() const;
    /// Puts card @p index into the field.
    void present(int index);
    /// Takes the card out of the field.
    void remove();

private:
    /// Gives the demo member li-wei an HQ profile (docs/crm.md, "Member profiles").
    static Result<void> seedProfile(Engine &engine, int64_t nowMs);

    struct DemoCard
    {
        std::string label;
        std::shared_ptr<nfc::DesfireEmulator> card; ///< null for the non-DESFire tag
        std::filesystem::path image;
    };
    DemoRig() = default;

    std::vector<DemoCard> m_cards;
    std::shared_ptr<nfc::Pn532Emulator> m_chip;
    std::unique_ptr<nfc::PtyPn532> m_pty;
};

} // namespace tapledger::kiosk
