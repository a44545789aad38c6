#include "core/bytes.h"

#include <algorithm>

namespace tapledger {

std::string toHex(ByteView data)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (uint8_t b : data) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0f]);
    }
    return out;
}

namespace {
int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

Result<Bytes> fromHex(std::string_view hex)
{
    if (hex.size() % 2 != 0)
        return fail(ErrorCode::InvalidArgument, "hex string has an odd number of digits");
    Bytes out(hex.size() / 2);
    for (size_t i = 0; i < out.size(); ++i) {
        const int hi = nibble(hex[2 * i]);
        const int lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return fail(ErrorCode::InvalidArgument, "invalid hex digit in '" + std::string(hex) + "'");
        out[i] = static_cast<uint8_t>((hi << 4) | lo);
    }
    return out;
}

Result<Bytes> fromHexExact(std::string_view hex, size_t size, std::string_view what)
{
    auto bytes = fromHex(hex);
    if (!bytes)
        return fail(ErrorCode::InvalidArgument, std::string(what) + ": " + bytes.error().message);
    if (bytes->size() != size)
        return fail(ErrorCode::InvalidArgument, std::string(what) + " must be " + std::to_string(size) +
                                                    " bytes (" + std::to_string(2 * size) + " hex digits)");
    return bytes;
}

bool hasNoUpperHex(std::string_view hex) noexcept
{
    return std::none_of(hex.begin(), hex.end(), [](char c) { return c >= 'A' && c <= 'F'; });
}

} // namespace tapledger
