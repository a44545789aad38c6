#pragma once

// Private helpers shared by desfireemulator.cpp and desfireemulatorfiles.cpp.
#include "core/bytes.h"
#include "nfc/desfirecrypto.h"

#include <algorithm>
#include <array>
#include <deque>

namespace tapledger::nfc::detail {

inline constexpr size_t kMaxFrameData = 59; // DESFire: up to 59 data bytes per answer frame
inline constexpr size_t kEepromSize = 4096; // an EV1 4k card

inline uint32_t le24(ByteView b) noexcept
{
    return static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 | static_cast<uint32_t>(b[2]) << 16;
}

inline std::deque<Bytes> chunk(const Bytes &data)
{
    std::deque<Bytes> out;
    for (size_t off = 0; off < data.size(); off += kMaxFrameData) {
        const size_t n = std::min(kMaxFrameData, data.size() - off);
        out.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(off),
                         data.begin() + static_cast<std::ptrdiff_t>(off + n));
    }
    if (out.empty())
        out.emplace_back();
    return out;
}

} // namespace tapledger::nfc::detail
