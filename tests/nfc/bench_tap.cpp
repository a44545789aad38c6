// Tap benchmark (not a pass/fail test): tap → authenticated member record + card state read and
// verified, (1) through libnfc's pn532_uart driver, libfreefare 0.4.0 and the emulated PN532 on a
// pty, and (2) in-process: EmulatedCardReader + our DesfireClient on the same emulated card.
// Usage: nfc_bench_tap [taps=1000]. Prints median and p95 in milliseconds and their ratios.
#include "cardfixture.h"

#include "nfc/cardstateverifier.h"
#include "nfc/emulator/emulatedcardreader.h"
#include "nfc/emulator/ptypn532.h"
#include "nfc/nfccardreader.h"
#include "nfc/tapledgercard.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

struct Figures
{
    double median = 0;
    double p95 = 0;
    double max = 0;
};

/// Personalises the card in the field once, then times @p taps taps (present + wait + read + verify).
std::optional<Figures> measure(const char *name, CardReader &reader, const std::function<void()> &present,
                               const std::shared_ptr<DesfireEmulator> &card, size_t taps)
{
    const test::CardFixture fx;
    const MemberRecord rec = test::CardFixture::record(0x70);
    present();
    if (!reader.waitForCard(2s) || !reader.runSession([&](DesfireCard &c) {
            return TapLedgerCard(c, fx.masters).personalise(rec, fx.token(card->uid(), rec, 1, 100));
        })) {
        std::fprintf(stderr, "%s: personalisation failed\n", name);
        return std::nullopt;
    }
    const CardStateVerifier verifier({fx.kioskKey.publicKey()});
    std::vector<double> ms;
    ms.reserve(taps);
    for (size_t i = 0; i < taps; ++i) {
        present(); // a fresh tap: the card enters the field
        const auto t0 = std::chrono::steady_clock::now();
        bool ok = false;
        if (reader.waitForCard(2s)) {
            auto r = reader.runSession([&](DesfireCard &c) -> Result<void> {
                auto contents = TapLedgerCard(c, fx.masters).read();
                if (!contents)
                    return std::move(contents).error();
                ok = verifier.check(contents->stateBytes, c.uid(), contents->record, 1u).accepted();
                return {};
            });
            ok = ok && r.ok();
        }
        const auto t1 = std::chrono::steady_clock::now();
        if (!ok) {
            std::fprintf(stderr, "%s: tap %zu failed\n", name, i);
            return std::nullopt;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))];
    };
    const Figures f{at(0.5), at(0.95), ms.back()};
    std::printf("tap via %s, %zu taps: median %.3f ms, p95 %.3f ms, max %.3f ms\n", name, ms.size(), f.median, f.p95,
                f.max);
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    const size_t taps = argc > 1 ? std::stoul(argv[1]) : 1000;
    if (taps == 0)
        return 2;
    ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
    ::setenv("LIBNFC_LOG_LEVEL", "0", 1);

    auto chip = std::make_shared<Pn532Emulator>();
    auto pty = PtyPn532::start(chip);
    if (!pty) {
        std::fprintf(stderr, "%s\n", pty.error().message.c_str());
        return 1;
    }
    NfcCardReader nfcReader((*pty)->connString());
    auto card = test::CardFixture::blankCard(0x77);
    const auto libnfc = measure("libnfc + libfreefare + emulated PN532 (pty)", nfcReader,
                                [&] { chip->presentCard(card); }, card, taps);
    if (!libnfc)
        return 1;
    std::printf("  card commands per tap (InDataExchange): %llu\n", static_cast<unsigned long long>(chip->cardCommands()));

    EmulatedCardReader emulated;
    auto card2 = test::CardFixture::blankCard(0x78);
    const auto inProcess = measure("in-process EmulatedCardReader + DesfireClient", emulated,
                                   [&] { emulated.presentCard(card2); }, card2, taps);
    if (!inProcess)
        return 1;
    std::printf("  card commands per tap (APDUs): %llu\n", static_cast<unsigned long long>(emulated.cardCommands()));
    std::printf("ratio libnfc / in-process: median %.1fx, p95 %.1fx\n", libnfc->median / inProcess->median,
                libnfc->p95 / inProcess->p95);
    return 0;
}
