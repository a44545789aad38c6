// libFuzzer target: the PN532 HSU frame parser of the emulator (bytes from the host over the
// serial line) with the personalised member card of tests/data/cards/valid in the field, fed in
// two chunks split by the first input byte so frames that straddle reads are covered.
#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/desfireimage.h"
#include "nfc/emulator/pn532emulator.h"

#include <cstdlib>
#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    if (size == 0)
        return 0;
    nfc::Pn532Emulator chip;
    static const nfc::DesfireImage image = [] {
        auto loaded = nfc::DesfireImage::load(TAPLEDGER_FUZZ_CARD);
        if (!loaded)
            std::abort();
        return std::move(*loaded);
    }();
    chip.presentCard(std::make_shared<nfc::DesfireEmulator>(image));
    const size_t split = std::min<size_t>(data[0], size - 1);
    (void)chip.feed(ByteView(data + 1, split));
    (void)chip.feed(ByteView(data + 1 + split, size - 1 - split));
    return 0;
}
