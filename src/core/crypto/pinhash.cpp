#include "core/crypto/pinhash.h"

#include "core/bytes.h"
#include "core/crypto/constanttime.h"
#include "core/crypto/opensslpp_p.h"
#include "core/crypto/random.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace tapledger {

namespace {
bool validParams(const PinHash::Params &p)
{
    return p.log2N >= 10 && p.log2N <= 20 && p.r >= 1 && p.r <= 32 && p.p >= 1 && p.p <= 4;
}

bool validPin(std::string_view pin)
{
    return pin.size() >= 4 && pin.size() <= 12 &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::array<uint8_t, 32> derive(std::string_view pin, const std::array<uint8_t, 16> &salt, const PinHash::Params &p)
{
    std::array<uint8_t, 32> out{};
    const uint64_t n = uint64_t{1} << p.log2N;
    const uint64_t maxMem = 256ull * p.r * n * p.p + (64ull << 20);
    if (EVP_PBE_scrypt(pin.data(), pin.size(), salt.data(), salt.size(), n, p.r, p.p, maxMem, out.data(),
                       out.size()) != 1)
        openssl::fatal();
    return out;
}

template<typename T>
bool parseNumber(std::string_view s, T &out)
{
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && ptr == s.data() + s.size();
}
} // namespace

Result<PinHash> PinHash::create(std::string_view pin, Params params)
{
    if (!validPin(pin))
        return fail(ErrorCode::InvalidArgument, "a PIN is 4 to 12 digits");
    if (!validParams(params))
        return fail(ErrorCode::InvalidArgument, "scrypt parameters out of range");
    PinHash h;
    h.m_params = params;
    randomBytes(h.m_salt);
    h.m_hash = derive(pin, h.m_salt, params);
    return h;
}

Result<PinHash> PinHash::parse(std::string_view encoded)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t pos = encoded.find('$', start);
        parts.push_back(encoded.substr(start, pos == std::string_view::npos ? pos : pos - start));
        if (pos == std::string_view::npos)
            break;
        start = pos + 1;
    }
    const auto corrupt = fail(ErrorCode::Corrupt, "stored PIN hash is malformed");
    if (parts.size() != 6 || parts[0] != "scrypt")
        return corrupt;
    PinHash h;
    unsigned log2N = 0;
    if (!parseNumber(parts[1], log2N) || !parseNumber(parts[2], h.m_params.r) || !parseNumber(parts[3], h.m_params.p) ||
        log2N > 255)
        return corrupt;
    h.m_params.log2N = static_cast<uint8_t>(log2N);
    if (!validParams(h.m_params))
        return corrupt;
    auto salt = fromHex(parts[4]);
    auto hash = fromHex(parts[5]);
    if (!salt || !hash || salt->size() != h.m_salt.size() || hash->size() != h.m_hash.size())
        return corrupt;
    std::copy(salt->begin(), salt->end(), h.m_salt.begin());
    std::copy(hash->begin(), hash->end(), h.m_hash.begin());
    return h;
}

bool PinHash::verify(std::string_view pin) const
{
    if (!validPin(pin))
        return false;
    auto candidate = derive(pin, m_salt, m_params);
    const bool match = constantTimeEqual(candidate, m_hash);
    secureZero(candidate);
    return match;
}

std::string PinHash::encode() const
{
    return "scrypt$" + std::to_string(m_params.log2N) + "$" + std::to_string(m_params.r) + "$" +
           std::to_string(m_params.p) + "$" + toHex(m_salt) + "$" + toHex(m_hash);
}

} // namespace tapledger
