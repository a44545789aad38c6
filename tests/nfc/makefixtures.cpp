// Writes the card image fixtures of tests/data/cards/{valid,invalid}/ into a directory given on
// the command line (never into the source tree by itself): review the output, then copy it.
// Everything is deterministic (fixed UIDs, master keys and Ed25519 seeds).
#include "cardfixture.h"

#include "nfc/cardlayout.h"
#include "nfc/emulator/ptypn532.h"
#include "nfc/nfccardreader.h"
#include "nfc/tapledgercard.h"

#include <cstdlib>
#include <iostream>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

struct Issuer
{
    test::CardFixture fx;
    std::shared_ptr<Pn532Emulator> chip = std::make_shared<Pn532Emulator>();
    std::unique_ptr<PtyPn532> pty;
    std::unique_ptr<NfcCardReader> reader;

    Issuer()
    {
        ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
        auto started = PtyPn532::start(chip);
        if (!started) {
            std::cerr << "makefixtures: emulated reader: " << started.error().message << "\n";
            std::exit(1);
        }
        pty = std::move(*started);
        reader = std::make_unique<NfcCardReader>(pty->connString());
    }

    DesfireImage issue(uint8_t uidByte, const MemberRecord &rec, const CardMasterKeys &keys)
    {
        auto card = test::CardFixture::blankCard(uidByte);
        chip->presentCard(card);
        if (!reader->waitForCard(2s).ok())
            std::abort();
        auto r = reader->runSession([&](DesfireCard &c) {
            return TapLedgerCard(c, keys).personalise(rec, fx.token(card->uid(), rec, 1, 2500));
        });
        if (!r.ok()) {
            std::cerr << r.error().message << "\n";
            std::abort();
        }
        return card->image();
    }
};

Bytes &stateFile(DesfireImage &image)
{
    return image.applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: nfc_make_fixtures OUTDIR\n";
        return 2;
    }
    const std::filesystem::path out = argv[1];
    std::filesystem::create_directories(out / "valid");
    std::filesystem::create_directories(out / "invalid");
    Issuer is;
    auto save = [&](const std::string &rel, const DesfireImage &image) {
        if (!image.save(out / rel).ok())
            std::abort();
        std::cout << rel << "\n";
    };
    save("valid/member-card.json", is.issue(0x41, test::CardFixture::record(0x51), is.fx.masters));
    save("valid/staff-card-supervisor.json",
         is.issue(0x42, test::CardFixture::record(0x52, MemberRecord::CardType::Staff, Card::Role::Supervisor),
                  is.fx.masters));

    DesfireImage victim = is.issue(0x43, test::CardFixture::record(0x53), is.fx.masters);
    DesfireImage clone = is.issue(0x44, test::CardFixture::record(0x54), is.fx.masters);
    stateFile(clone) = stateFile(victim);
    save("invalid/clone-state-copied-from-other-uid.json", clone);

    DesfireImage flipped = is.issue(0x45, test::CardFixture::record(0x55), is.fx.masters);
    stateFile(flipped)[60] ^= 0x01; // one bit of the deposit
    save("invalid/bad_signature-deposit-bit-flipped.json", flipped);

    DesfireImage other = is.issue(0x46, test::CardFixture::record(0x56), is.fx.masters);
    {
        const MemberRecord rec = test::CardFixture::record(0x56);
        auto enc = is.fx.token(other.uid, rec, 1, 2500, &is.fx.otherKiosk).encode();
        stateFile(other).assign(enc->begin(), enc->end());
    }
    save("invalid/untrusted_signer-unknown-kiosk-key.json", other);

    DesfireImage zeroed = is.issue(0x47, test::CardFixture::record(0x57), is.fx.masters);
    std::fill(stateFile(zeroed).begin(), stateFile(zeroed).end(), uint8_t{0});
    save("invalid/malformed-state-file-zeroed.json", zeroed);

    save("invalid/not_recognised-blank-desfire.json", DesfireImage::blank(test::CardFixture::uid(0x48)));

    CardMasterKeys foreign;
    Aes128Key m{};
    m.fill(0x77);
    (void)foreign.add(1, m);
    save("invalid/not_recognised-other-fleet-keys.json", is.issue(0x49, test::CardFixture::record(0x59), foreign));
    return 0;
}
