#include "core/uuid.h"

#include "core/bytes.h"
#include "core/crypto/random.h"

#include <algorithm>

namespace tapledger {

Uuid Uuid::generate()
{
    Bytes16 b;
    randomBytes(b);
    b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    return Uuid(b);
}

Result<Uuid> Uuid::parse(std::string_view text)
{
    const auto bad = fail(ErrorCode::InvalidArgument,
                          "invalid id '" + std::string(text) + "' (expected a UUID like 0b7c…-…)");
    if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
        return bad;
    std::string hex;
    hex.reserve(32);
    for (char c : text) {
        if (c != '-')
            hex.push_back(c);
    }
    if (hex.size() != 32)
        return bad;
    auto bytes = fromHex(hex);
    if (!bytes)
        return bad;
    Bytes16 b;
    std::copy(bytes->begin(), bytes->end(), b.begin());
    return Uuid(b);
}

std::string Uuid::toString() const
{
    std::string hex = toHex(m_bytes);
    for (size_t pos : {8u, 13u, 18u, 23u})
        hex.insert(pos, 1, '-');
    return hex;
}

bool Uuid::isNil() const noexcept
{
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](uint8_t b) { return b == 0; });
}

} // namespace tapledger
