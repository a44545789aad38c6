#include "core/ledger/canonicalcodec.h"

#include "core/boundedjson.h"
#include "core/kioskid.h"

#include "core/currency.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tapledger {

namespace {
constexpr uint8_t kMagic[3] = {'T', 'L', 'E'};
constexpr size_t kMaxRefs = 64;
constexpr size_t kMaxExtra = 64 * 1024;

class Writer
{
public:
    void u8(uint8_t v) { m_out.push_back(v); }
    void u16(uint16_t v) { be(v, 2); }
    void u32(uint32_t v) { be(v, 4); }
    void u64(uint64_t v) { be(v, 8); }
    void i64(int64_t v) { be(static_cast<uint64_t>(v), 8); }
    void raw(ByteView b) { m_out.insert(m_out.end(), b.begin(), b.end()); }
    void raw(std::string_view s) { raw(asBytes(s)); }
    Bytes take() { return std::move(m_out); }

private:
    void be(uint64_t v, int n)
    {
        for (int i = n - 1; i >= 0; --i)
            m_out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
    Bytes m_out;
};

class Reader
{
public:
    explicit Reader(ByteView in) : m_in(in) {}
    bool ok() const noexcept { return m_ok; }
    bool atEnd() const noexcept { return m_pos == m_in.size(); }
    uint8_t u8() { return static_cast<uint8_t>(be(1)); }
    uint16_t u16() { return static_cast<uint16_t>(be(2)); }
    uint32_t u32() { return static_cast<uint32_t>(be(4)); }
    uint64_t u64() { return be(8); }
    int64_t i64() { return static_cast<int64_t>(be(8)); }
    ByteView raw(size_t n)
    {
        if (!m_ok || m_in.size() - m_pos < n) {
            m_ok = false;
            return {};
        }
        auto out = m_in.subspan(m_pos, n);
        m_pos += n;
        return out;
    }
    std::string str(size_t n)
    {
        auto b = raw(n);
        return std::string(b.begin(), b.end());
    }
    template<size_t N>
    std::array<uint8_t, N> fixed()
    {
        std::array<uint8_t, N> out{};
        auto b = raw(N);
        if (m_ok)
            std::copy(b.begin(), b.end(), out.begin());
        return out;
    }

private:
    uint64_t be(int n)
    {
        auto b = raw(static_cast<size_t>(n));
        uint64_t v = 0;
        for (uint8_t byte : b)
            v = (v << 8) | byte;
        return v;
    }
    ByteView m_in;
    size_t m_pos = 0;
    bool m_ok = true;
};

bool validRef(std::string_view ref)
{
    return !ref.empty() && ref.size() <= 255 &&
           std::all_of(ref.begin(), ref.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

bool hasFloat(const nlohmann::json &j)
{
    if (j.is_number_float())
        return true;
    if (j.is_structured()) {
        for (const auto &child : j) {
            if (hasFloat(child))
                return true;
        }
    }
    return false;
}
} // namespace

Result<std::string> CanonicalCodec::canonicalJson(std::string_view json)
{
    if (json.empty())
        return std::string();
    auto bounded = parseBoundedJson(json, kMaxExtraDepth);
    if (!bounded)
        return fail(ErrorCode::InvalidArgument,
                    "extra must not be nested deeper than " + std::to_string(kMaxExtraDepth) + " levels");
    nlohmann::json &parsed = *bounded;
    if (parsed.is_discarded() || !parsed.is_object())
        return fail(ErrorCode::InvalidArgument, "extra must be a JSON object");
    if (hasFloat(parsed))
        return fail(ErrorCode::InvalidArgument, "extra must not contain floating-point numbers (use integers, minor units)");
    try {
        return parsed.dump();
    } catch (const nlohmann::json::exception &) {
        return fail(ErrorCode::InvalidArgument, "extra contains invalid UTF-8");
    }
}

Result<void> CanonicalCodec::validate(const LedgerEntry &e)
{
    const auto bad = [](std::string why) { return fail(ErrorCode::InvalidArgument, "invalid entry: " + why); };
    if (e.formatVersion != LedgerEntry::kFormatVersion)
        return bad("unsupported format version " + std::to_string(e.formatVersion));
    if (!isValidKioskId(e.kioskId))
        return bad("kiosk id must be " + std::string(kKioskIdRule));
    if (e.seq == 0)
        return bad("seq starts at 1");
    if (e.seq == 1 && e.prevHash != Sha256Digest{})
        return bad("the first entry's previous hash must be zero");
    if (!entryKindFromCode(static_cast<uint16_t>(e.kind)))
        return bad("unknown kind");
    const bool hasValue = e.depositDelta != 0 || e.bonusDelta != 0;
    if (hasValue && !Currency::fromCode(e.currency))
        return bad("a value change needs an ISO 4217 currency");
    if (!hasValue && !e.currency.empty())
        return bad("currency is set only when a value delta is non-zero");
    if (e.refs.size() > kMaxRefs)
        return bad("at most 64 references");
    for (const auto &r : e.refs) {
        if (!validRef(r))
            return bad("a reference is 1-255 printable ASCII characters without spaces");
    }
    if (e.extra.size() > kMaxExtra)
        return bad("extra is larger than 64 KiB");
    auto canon = canonicalJson(e.extra);
    if (!canon)
        return bad(canon.error().message);
    if (*canon != e.extra)
        return bad("extra is not in canonical JSON form");
    return {};
}

Result<Bytes> CanonicalCodec::encode(const LedgerEntry &e)
{
    TL_TRY(validate(e));
    Writer w;
    w.raw(ByteView(kMagic));
    w.u8(e.formatVersion);
    w.u8(static_cast<uint8_t>(e.kioskId.size()));
    w.raw(e.kioskId);
    w.u64(e.seq);
    w.raw(e.prevHash);
    w.i64(e.timeMs);
    w.u16(static_cast<uint16_t>(e.kind));
    w.raw(e.card.bytes());
    w.u32(e.cardCounter);
    w.raw(e.member.bytes());
    if (e.currency.empty())
        w.raw(std::array<uint8_t, 3>{});
    else
        w.raw(e.currency);
    w.i64(e.depositDelta);
    w.i64(e.bonusDelta);
    w.i64(e.pointsDelta);
    w.raw(e.staff.bytes());
    w.raw(e.idempotencyKey.bytes());
    w.u16(static_cast<uint16_t>(e.refs.size()));
    for (const auto &r : e.refs) {
        w.u8(static_cast<uint8_t>(r.size()));
        w.raw(r);
    }
    w.u32(static_cast<uint32_t>(e.extra.size()));
    w.raw(e.extra);
    return w.take();
}

Result<LedgerEntry> CanonicalCodec::decode(ByteView bytes)
{
    const auto corrupt = [](std::string why) { return fail(ErrorCode::Corrupt, "entry does not decode: " + why); };
    Reader r(bytes);
    auto magic = r.raw(3);
    if (!r.ok() || !std::equal(magic.begin(), magic.end(), kMagic))
        return corrupt("bad magic");
    LedgerEntry e;
    e.formatVersion = r.u8();
    if (r.ok() && e.formatVersion != LedgerEntry::kFormatVersion)
        return corrupt("unsupported format version " + std::to_string(e.formatVersion));
    e.kioskId = r.str(r.u8());
    e.seq = r.u64();
    e.prevHash = r.fixed<32>();
    e.timeMs = r.i64();
    const uint16_t kindCode = r.u16();
    e.card = Uuid(r.fixed<16>());
    e.cardCounter = r.u32();
    e.member = Uuid(r.fixed<16>());
    const auto currency = r.fixed<3>();
    if (currency != std::array<uint8_t, 3>{})
        e.currency.assign(currency.begin(), currency.end());
    e.depositDelta = r.i64();
    e.bonusDelta = r.i64();
    e.pointsDelta = r.i64();
    e.staff = Uuid(r.fixed<16>());
    e.idempotencyKey = Uuid(r.fixed<16>());
    const uint16_t refCount = r.u16();
    if (refCount > kMaxRefs)
        return corrupt("too many references");
    for (uint16_t i = 0; i < refCount && r.ok(); ++i)
        e.refs.push_back(r.str(r.u8()));
    const uint32_t extraLen = r.u32();
    if (extraLen > kMaxExtra)
        return corrupt("extra too large");
    e.extra = r.str(extraLen);
    if (!r.ok())
        return corrupt("truncated");
    if (!r.atEnd())
        return corrupt("trailing bytes");
    auto kind = entryKindFromCode(kindCode);
    if (!kind)
        return corrupt(kind.error().message);
    e.kind = *kind;
    if (auto valid = validate(e); !valid)
        return corrupt(valid.error().message);
    return e;
}

} // namespace tapledger
