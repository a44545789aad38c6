#include "nfc/cardlayout.h"

#include "nfc/an10922.h"

#include <cassert>

namespace tapledger::nfc {

Bytes CardLayout::diversificationInput(const CardUid &uid, uint32_t aid, uint8_t keyNo)
{
    const std::array<uint8_t, 3> aidBytes{static_cast<uint8_t>(aid), static_cast<uint8_t>(aid >> 8),
                                          static_cast<uint8_t>(aid >> 16)};
    auto m = An10922::input(uid, aidBytes, kSystemId);
    assert(m.ok() && "fixed-size inputs always fit");
    m->push_back(keyNo);
    assert(m->size() == kDiversificationInputSize);
    return std::move(*m);
}

Aes128Key CardLayout::cardKey(const Aes128Key &master, const CardUid &uid, uint32_t aid, uint8_t keyNo)
{
    const Bytes m = diversificationInput(uid, aid, keyNo);
    auto key = An10922::diversify(master, m);
    assert(key.ok());
    return *key;
}

} // namespace tapledger::nfc
