// Tap benchmark (not a pass/fail test): tap → authenticated member record + card state read and
// verified, through libnfc's pn532_uart driver, libfreefare 0.4.0 and the emulated PN532 on a pty.
// Usage: nfc_bench_tap [taps=1000]. Prints median and p95 in milliseconds.
#include "cardfixture.h"

#include "nfc/cardstateverifier.h"
#include "nfc/emulator/ptypn532.h"
#include "nfc/nfccardreader.h"
#include "nfc/tapledgercard.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

int main(int argc, char **argv)
{
    const size_t taps = argc > 1 ? std::stoul(argv[1]) : 1000;
    ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
    ::setenv("LIBNFC_LOG_LEVEL", "0", 1);
    test::CardFixture fx;
    auto chip = std::make_shared<Pn532Emulator>();
    auto card = test::CardFixture::blankCard(0x77);
    chip->presentCard(card);
    auto pty = PtyPn532::start(chip);
    if (!pty) {
        std::fprintf(stderr, "%s\n", pty.error().message.c_str());
        return 1;
    }
    NfcCardReader reader((*pty)->connString());
    const MemberRecord rec = test::CardFixture::record(0x70);
    if (!reader.waitForCard(2s) || !reader.runSession([&](DesfireCard &c) {
            return TapLedgerCard(c, fx.masters).personalise(rec, fx.token(card->uid(), rec, 1, 100));
        })) {
        std::fprintf(stderr, "personalisation failed\n");
        return 1;
    }
    const CardStateVerifier verifier({fx.kioskKey.publicKey()});
    std::vector<double> ms;
    ms.reserve(taps);
    for (size_t i = 0; i < taps; ++i) {
        chip->presentCard(card); // a fresh tap: the card enters the field
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
            std::fprintf(stderr, "tap %zu failed\n", i);
            return 1;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
    std::printf("tap via libnfc + libfreefare + emulated PN532 (pty), %zu taps: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
                ms.size(), at(0.5), at(0.95), ms.back());
    std::printf("card commands per tap (InDataExchange): %llu\n",
                static_cast<unsigned long long>(chip->cardCommands()));
    return 0;
}
