#pragma once

// One CardReader path plus its card controls, so that the same test runs on the production
// libnfc + libfreefare path (emulated PN532 on a pty) and on the in-process EmulatedCardReader.
#include "cardfixture.h"

#include "nfc/emulator/emulatedcardreader.h"
#include "nfc/emulator/ptypn532.h"
#include "nfc/nfccardreader.h"
#include "nfc/tapledgercard.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

namespace tapledger::nfc::test {

enum class ReaderPath { Libnfc, InProcess };

/// Both reader paths, for INSTANTIATE_TEST_SUITE_P.
inline auto bothPaths()
{
    return ::testing::Values(ReaderPath::Libnfc, ReaderPath::InProcess);
}

inline std::string pathName(const ::testing::TestParamInfo<ReaderPath> &info)
{
    return info.param == ReaderPath::Libnfc ? "Libnfc" : "InProcess";
}

class ReaderHarness
{
public:
    virtual ~ReaderHarness() = default;
    virtual CardReader &reader() = 0;
    virtual void present(std::shared_ptr<DesfireEmulator> card) = 0;
    virtual void presentUidOnly(const std::array<uint8_t, 4> &uid) = 0;
    virtual void remove() = 0;
    virtual void setFault(const Pn532Fault &fault) = 0;
    virtual uint64_t cardCommands() const = 0;

    static std::unique_ptr<ReaderHarness> make(ReaderPath path);

    /// waitForCard + runSession with a TapLedgerCard over @p keys.
    Result<void> withCard(const CardKeyStore &keys, const std::function<Result<void>(TapLedgerCard &)> &fn)
    {
        auto uid = reader().waitForCard(std::chrono::seconds(2));
        if (!uid)
            return std::move(uid).error();
        return reader().runSession([&](DesfireCard &card) {
            TapLedgerCard app(card, keys);
            return fn(app);
        });
    }

    /// Reads the card in the field.
    Result<CardContents> read(const CardKeyStore &keys)
    {
        Result<CardContents> out = fail(ErrorCode::Io, "not read");
        auto r = withCard(keys, [&](TapLedgerCard &app) -> Result<void> {
            out = app.read();
            return {};
        });
        if (!r)
            return std::move(r).error();
        return out;
    }

    /// Presents @p card and personalises it for @p rec with a counter-1 state of @p deposit.
    Result<void> issue(const CardFixture &fx, const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &rec,
                       int64_t deposit)
    {
        present(card);
        const CardUid uid = card->uid();
        return withCard(fx.masters, [&](TapLedgerCard &app) { return app.personalise(rec, fx.token(uid, rec, 1, deposit)); });
    }
};

class PtyHarness final : public ReaderHarness
{
public:
    PtyHarness()
    {
        ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
        ::setenv("LIBNFC_LOG_LEVEL", "0", 1);
        // A private symlink: pty numbers are reused by parallel test processes.
        auto p = PtyPn532::start(chip, dir.path() / "pn532");
        if (!p)
            throw std::runtime_error(p.error().message);
        pty = std::move(*p);
        nfcReader = std::make_unique<NfcCardReader>(pty->connString());
        nfcReader->setPollInterval(std::chrono::milliseconds(5));
    }
    CardReader &reader() override { return *nfcReader; }
    void present(std::shared_ptr<DesfireEmulator> card) override { chip->presentCard(std::move(card)); }
    void presentUidOnly(const std::array<uint8_t, 4> &uid) override { chip->presentUidOnlyTag(uid); }
    void remove() override { chip->removeCard(); }
    void setFault(const Pn532Fault &fault) override { chip->setFault(fault); }
    uint64_t cardCommands() const override { return chip->cardCommands(); }

    tapledger::test::TempDir dir;
    std::shared_ptr<Pn532Emulator> chip = std::make_shared<Pn532Emulator>();
    std::unique_ptr<PtyPn532> pty;
    std::unique_ptr<NfcCardReader> nfcReader;
};

class InProcessHarness final : public ReaderHarness
{
public:
    CardReader &reader() override { return emulated; }
    void present(std::shared_ptr<DesfireEmulator> card) override { emulated.presentCard(std::move(card)); }
    void presentUidOnly(const std::array<uint8_t, 4> &uid) override { emulated.presentUidOnlyTag(uid); }
    void remove() override { emulated.removeCard(); }
    void setFault(const Pn532Fault &fault) override { emulated.setFault(fault); }
    uint64_t cardCommands() const override { return emulated.cardCommands(); }

    EmulatedCardReader emulated;
};

inline std::unique_ptr<ReaderHarness> ReaderHarness::make(ReaderPath path)
{
    if (path == ReaderPath::Libnfc)
        return std::make_unique<PtyHarness>();
    return std::make_unique<InProcessHarness>();
}

} // namespace tapledger::nfc::test
