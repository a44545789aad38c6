#include "nfc/cardmasterkeys.h"

#include "core/bytes.h"
#include "core/crypto/constanttime.h"
#include "core/crypto/random.h"
#include "core/fileio.h"
#include "nfc/cardlayout.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace tapledger::nfc {

Result<void> CardMasterKeys::add(uint8_t version, const Aes128Key &master)
{
    if (version == 0 || m_masters.count(version))
        return fail(ErrorCode::InvalidArgument, "key generation must be 1..255 and unique");
    m_masters[version] = master;
    if (m_current == 0)
        m_current = version;
    return {};
}

Result<void> CardMasterKeys::setCurrent(uint8_t version)
{
    if (!m_masters.count(version))
        return fail(ErrorCode::NotFound, "no master key of generation " + std::to_string(version));
    m_current = version;
    return {};
}

Result<Aes128Key> CardMasterKeys::master(uint8_t version) const
{
    const auto it = m_masters.find(version);
    if (it == m_masters.end())
        return fail(ErrorCode::NotFound, "no master key of generation " + std::to_string(version));
    return it->second;
}

Result<Aes128Key> CardMasterKeys::cardKey(uint8_t version, const CardUid &uid, uint32_t aid, uint8_t keyNo) const
{
    auto m = master(version);
    if (!m)
        return std::move(m).error();
    const Aes128Key k = CardLayout::cardKey(*m, uid, aid, keyNo);
    secureZero(*m);
    return k;
}

Result<CardMasterKeys> CardMasterKeys::fromJson(std::string_view text)
{
    const auto j = nlohmann::json::parse(text, nullptr, false);
    const auto corrupt = [] { return fail(ErrorCode::Corrupt, "malformed card master key file"); };
    if (j.is_discarded() || !j.is_object() || !j.contains("masters") || !j["masters"].is_object() ||
        !j.contains("current") || !j["current"].is_number_unsigned())
        return corrupt();
    CardMasterKeys keys;
    for (const auto &[v, hex] : j["masters"].items()) {
        unsigned long version = 0;
        try {
            version = std::stoul(v);
        } catch (...) {
            return corrupt();
        }
        if (version == 0 || version > 255 || !hex.is_string())
            return corrupt();
        auto bytes = fromHexExact(hex.get<std::string>(), 16, "master key");
        if (!bytes)
            return corrupt();
        Aes128Key k{};
        std::copy(bytes->begin(), bytes->end(), k.begin());
        if (!keys.add(static_cast<uint8_t>(version), k))
            return corrupt();
    }
    const auto current = j["current"].get<uint64_t>();
    if (current > 255 || !keys.setCurrent(static_cast<uint8_t>(current)))
        return corrupt();
    return keys;
}

Result<CardMasterKeys> CardMasterKeys::load(const std::filesystem::path &path)
{
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0)
        return fail(ErrorCode::NotFound, "no key file " + path.string());
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        return fail(ErrorCode::Denied, "key file " + path.string() + " must be mode 0600");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in)
        return fail(ErrorCode::Io, "cannot read key file " + path.string());
    return fromJson(ss.str());
}

std::vector<uint8_t> CardMasterKeys::generations() const
{
    std::vector<uint8_t> out;
    for (const auto &[v, k] : m_masters)
        out.push_back(v);
    return out;
}

Result<uint8_t> CardMasterKeys::addGenerated()
{
    const unsigned next = m_masters.empty() ? 1U : m_masters.rbegin()->first + 1U;
    if (next > 255)
        return fail(ErrorCode::Overflow, "key generation 255 is taken: no room for another generation");
    Aes128Key master{};
    randomBytes(master);
    const auto version = static_cast<uint8_t>(next);
    auto added = add(version, master);
    secureZero(master);
    TL_TRY(added);
    TL_TRY(setCurrent(version));
    return version;
}

Result<std::string> CardMasterKeys::checkValue(uint8_t version) const
{
    auto m = master(version);
    if (!m)
        return std::move(m).error();
    const AesBlock zero{};
    const AesBlock mac = aes128Cmac(*m, zero);
    secureZero(*m);
    return toHex(ByteView(mac).first(3));
}

Result<void> CardMasterKeys::save(const std::filesystem::path &path, bool create) const
{
    std::error_code ec;
    if (create && std::filesystem::exists(path, ec))
        return fail(ErrorCode::AlreadyExists, "key file " + path.string() + " already exists: not replaced");
    nlohmann::json masters = nlohmann::json::object();
    for (const auto &[v, k] : m_masters)
        masters[std::to_string(v)] = toHex(k);
    std::string text = nlohmann::json{{"current", m_current}, {"masters", masters}}.dump() + "\n";
    auto written = writeFileAtomic(path, text, 0600);
    secureZero(std::span<uint8_t>(reinterpret_cast<uint8_t *>(text.data()), text.size()));
    if (!written)
        return fail(ErrorCode::Io, "cannot write key file " + path.string());
    return {};
}

} // namespace tapledger::nfc
