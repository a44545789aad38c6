#include "kiosk/config/kioskconfig.h"
#include "core/kioskid.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <toml++/toml.h>

namespace tapledger::kiosk {

namespace {

namespace fs = std::filesystem;

struct TableSchema
{
    std::string_view name;
    std::vector<std::string_view> keys;
};

// The single list of accepted tables and keys: unknown-key checks, knownKeys() and the messages'
// "allowed:" lists all come from here.
const std::vector<TableSchema> &schema()
{
    static const std::vector<TableSchema> tables{
        {"kiosk", {"id", "data_dir", "language", "policy", "venue_name", "venue_type"}},
        {"reader", {"connstring", "poll_interval_ms", "key_store", "key_token"}},
        {"hq", {"url", "sync_interval_s", "ca_file", "cert_file", "key_file"}},
        {"timeouts", {"guest_idle_s", "staff_idle_s", "receipt_s"}},
        {"offline", {"max_redemptions", "max_value", "max_denylist_age_hours"}},
        {"printer", {"device"}},
    };
    return tables;
}

// Drivers compiled into Debian 12's libnfc 1.8.0 (no pcsc / acr122_pcsc there).
constexpr std::array<std::string_view, 7> kLibnfcDrivers{"acr122_usb", "acr122s",    "arygon",   "pn532_i2c",
                                                         "pn532_spi",  "pn532_uart", "pn53x_usb"};
constexpr size_t kMaxConnstring = 1023; // libnfc's NFC_BUFSIZE_CONNSTRING (1024) with its NUL
constexpr size_t kMaxVenueName = 120;
constexpr size_t kMaxFileSize = 1 << 20;

std::string joined(const std::vector<std::string_view> &items, std::string_view before,
                   std::string_view after)
{
    std::string out;
    for (const auto &item : items) {
        if (!out.empty())
            out += ", ";
        out.append(before).append(item).append(after);
    }
    return out;
}

bool printable(std::string_view s)
{
    // Bytes >= 0x80 are UTF-8 (toml++ has already rejected invalid UTF-8); only controls are refused.
    return std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

bool validConnstring(std::string_view s)
{
    if (s.empty() || s == KioskConfig::kEmulatedReader)
        return true;
    if (s.size() > kMaxConnstring || !printable(s) || s.find(' ') != std::string_view::npos)
        return false;
    const std::string_view driver = s.substr(0, s.find(':'));
    return std::find(kLibnfcDrivers.begin(), kLibnfcDrivers.end(), driver) != kLibnfcDrivers.end();
}

// https://host[:port][/path]; host is a name, an IPv4 address or a bracketed IPv6 literal.
bool validHqUrl(std::string_view url)
{
    constexpr std::string_view scheme = "https://";
    if (!url.starts_with(scheme) || !printable(url) || url.find(' ') != std::string_view::npos)
        return false;
    const std::string_view rest = url.substr(scheme.size());
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos)
        return false;
    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return false;
        host = authority.substr(0, close + 1);
        const std::string_view tail = authority.substr(close + 1);
        if (!tail.empty() && !tail.starts_with(':'))
            return false;
        port = tail.empty() ? tail : tail.substr(1);
        if (tail.starts_with(':') && port.empty())
            return false;
    } else if (const size_t colon = authority.find(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (port.empty())
            return false;
    }
    if (host.empty() || host == "[]")
        return false;
    if (!port.empty()) {
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos)
            return false;
        const int n = std::stoi(std::string(port));
        if (n < 1 || n > 65535)
            return false;
    }
    return true;
}

std::string renderValue(const toml::node &node)
{
    if (node.is_table())
        return "a table";
    if (node.is_array())
        return "an array";
    std::ostringstream os;
    if (const auto *s = node.as_string()) {
        // Control characters are shown escaped, so the message stays one printable line.
        os << '"';
        for (const char c : s->get()) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7f)
                os << "\\x"
                   << "0123456789abcdef"[u >> 4] << "0123456789abcdef"[u & 0xf];
            else
                os << c;
        }
        os << '"';
    } else {
        node.visit([&os](const auto &value) { os << value; });
    }
    std::string text = os.str();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

// Builds the "<source>:<line>: [table] key ..." messages and reads typed values from one table.
class Section
{
public:
    Section(std::string_view source, std::string_view name, const toml::table *table, fs::path baseDir)
        : m_source(source), m_name(name), m_table(table), m_baseDir(std::move(baseDir))
    {}

    const toml::node *node(std::string_view key) const { return m_table ? m_table->get(key) : nullptr; }

    // "<source>:<line>: [table] key = <value>: <rule>"
    Error invalid(std::string_view key, std::string_view rule) const
    {
        const toml::node &n = *node(key);
        return fail(ErrorCode::InvalidArgument, prefix(n.source().begin.line) + "[" + std::string(m_name) +
                                                    "] " + std::string(key) + " = " + renderValue(n) + ": " +
                                                    std::string(rule));
    }

    // "<source>[:<line of the table>]: [table] key is missing: <rule>"
    Error missing(std::string_view key, std::string_view rule) const
    {
        const auto line = m_table ? m_table->source().begin.line : 0u;
        return fail(ErrorCode::InvalidArgument, prefix(line) + "[" + std::string(m_name) + "] " +
                                                    std::string(key) + " is missing: " + std::string(rule));
    }

    std::string prefix(toml::source_index line) const
    {
        return std::string(m_source) + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": ";
    }

    // An integer in [lo, hi]; @p fallback when absent.
    Result<int64_t> integer(std::string_view key, int64_t fallback, int64_t lo, int64_t hi,
                            std::string_view unit) const
    {
        const toml::node *n = node(key);
        if (!n)
            return fallback;
        const std::string rule =
            "must be " + std::to_string(lo) + ".." + std::to_string(hi) + " " + std::string(unit);
        const auto *i = n->as_integer();
        if (!i)
            return invalid(key, "must be an integer, " + rule.substr(std::string_view("must be ").size()));
        if (i->get() < lo || i->get() > hi)
            return invalid(key, rule);
        return i->get();
    }

    // A string; nullopt when absent.
    Result<std::optional<std::string>> string(std::string_view key) const
    {
        const toml::node *n = node(key);
        if (!n)
            return std::optional<std::string>{};
        const auto *s = n->as_string();
        if (!s)
            return invalid(key, "must be a string in double quotes");
        return std::optional<std::string>{s->get()};
    }

    // A path string, relative ones joined to the base directory; "" when absent or empty.
    Result<fs::path> path(std::string_view key) const
    {
        auto text = string(key);
        if (!text)
            return std::move(text).error();
        if (!text->has_value() || (*text)->empty())
            return fs::path{};
        if (!printable(**text))
            return invalid(key, "must be a file name without control characters");
        fs::path p(**text);
        if (p.is_relative() && !m_baseDir.empty())
            p = (m_baseDir / p).lexically_normal();
        return p;
    }

    // A path that must be set: absent is "missing", "" is invalid; @p rule says what it is for.
    Result<fs::path> requiredPath(std::string_view key, std::string_view rule) const
    {
        auto p = path(key);
        if (p && p->empty())
            return node(key) ? invalid(key, "must not be empty: " + std::string(rule)) : missing(key, rule);
        return p;
    }

    // Rejects keys outside @p allowed.
    Result<void> rejectUnknown(const std::vector<std::string_view> &allowed) const
    {
        if (!m_table)
            return {};
        for (const auto &[key, value] : *m_table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
                return fail(ErrorCode::InvalidArgument,
                            prefix(key.source().begin.line) + "[" + std::string(m_name) + "] " +
                                std::string(key.str()) +
                                ": unknown key (allowed: " + joined(allowed, "", "") + ")");
        }
        return {};
    }

private:
    std::string_view m_source;
    std::string_view m_name;
    const toml::table *m_table;
    fs::path m_baseDir;
};

Result<void> readKiosk(const Section &s, KioskConfig::Kiosk &out)
{
    const std::string idRule = "required, " + std::string(kKioskIdRule);
    auto id = s.string("id");
    if (!id)
        return std::move(id).error();
    if (!id->has_value())
        return s.missing("id", idRule);
    if (!isValidKioskId(**id))
        return s.invalid("id", idRule);
    out.id = **id;

    auto dataDir = s.requiredPath("data_dir", "required, the kiosk data directory");
    if (!dataDir)
        return std::move(dataDir).error();
    out.dataDir = *dataDir;

    auto language = s.string("language");
    if (!language)
        return std::move(language).error();
    if (language->has_value()) {
        if (**language != "zh_CN" && **language != "en")
            return s.invalid("language", "must be \"zh_CN\" or \"en\"");
        out.language = **language;
    }

    auto policy = s.requiredPath("policy", "required, the program policy JSON file");
    if (!policy)
        return std::move(policy).error();
    out.policy = *policy;

    auto venue = s.string("venue_name");
    if (!venue)
        return std::move(venue).error();
    if (venue->has_value()) {
        if ((*venue)->size() > kMaxVenueName || !printable(**venue))
            return s.invalid("venue_name", "must be at most 120 bytes of text without control characters");
        out.venueName = **venue;
    }

    auto type = s.string("venue_type");
    if (!type)
        return std::move(type).error();
    if (type->has_value()) {
        const auto &types = KioskConfig::kVenueTypes;
        if (std::find(types.begin(), types.end(), **type) == types.end())
            return s.invalid("venue_type", "must be \"hotel\", \"restaurant\", \"club\" or \"shop\"");
        out.venueType = **type;
    }
    return {};
}

Result<void> readReader(const Section &s, KioskConfig::Reader &out)
{
    auto conn = s.string("connstring");
    if (!conn)
        return std::move(conn).error();
    if (conn->has_value()) {
        if (!validConnstring(**conn))
            return s.invalid("connstring",
                             "must be \"\" (libnfc default), \"emulated\", or <driver>[:<port>...] "
                             "with a libnfc driver: " +
                                 joined({kLibnfcDrivers.begin(), kLibnfcDrivers.end()}, "", ""));
        out.connstring = **conn;
    }

    auto poll = s.integer("poll_interval_ms", out.pollInterval.count(), 10, 1000, "milliseconds");
    if (!poll)
        return std::move(poll).error();
    out.pollInterval = std::chrono::milliseconds{*poll};

    auto token = s.string("key_token");
    if (!token)
        return std::move(token).error();
    out.keyToken = token->value_or("");
    if (!out.keyToken.empty() && out.keyToken.rfind("pkcs11:", 0) != 0)
        return s.invalid("key_token", "must be pkcs11:module=<path>;token=<label>;pin-file=<path>, or \"\"");
    auto keyStore =
        out.emulated() || !out.keyToken.empty()
            ? s.path("key_store")
            : s.requiredPath("key_store",
                             "required for a real reader: the card master key file (JSON, mode 0600)");
    if (!keyStore)
        return std::move(keyStore).error();
    out.keyStore = *keyStore;
    if (!out.keyToken.empty() && !out.keyStore.empty())
        return s.invalid("key_token", "set key_store or key_token, not both");
    return {};
}

Result<void> readHq(const Section &s, KioskConfig::Hq &out)
{
    auto url = s.string("url");
    if (!url)
        return std::move(url).error();
    if (url->has_value()) {
        if (!(*url)->empty() && !validHqUrl(**url))
            return s.invalid("url", "must be https://host[:port][/path], or \"\" for a standalone kiosk");
        out.url = **url;
    }

    auto interval = s.integer("sync_interval_s", out.syncInterval.count(), 5, 86400, "seconds");
    if (!interval)
        return std::move(interval).error();
    out.syncInterval = std::chrono::seconds{*interval};

    const std::array<std::pair<std::string_view, fs::path *>, 3> files{
        {{"ca_file", &out.caFile}, {"cert_file", &out.certFile}, {"key_file", &out.keyFile}}};
    for (const auto &[key, target] : files) {
        auto p =
            out.enabled() ? s.requiredPath(key, "required when [hq] url is set (mutual TLS)") : s.path(key);
        if (!p)
            return std::move(p).error();
        *target = *p;
    }
    return {};
}

Result<void> readTimeouts(const Section &s, KioskConfig::Timeouts &out)
{
    auto guest = s.integer("guest_idle_s", out.guestIdle.count(), 5, 600, "seconds");
    if (!guest)
        return std::move(guest).error();
    auto staff = s.integer("staff_idle_s", out.staffIdle.count(), 60, 7200, "seconds");
    if (!staff)
        return std::move(staff).error();
    auto receipt = s.integer("receipt_s", out.receipt.count(), 3, 120, "seconds");
    if (!receipt)
        return std::move(receipt).error();
    out.guestIdle = std::chrono::seconds{*guest};
    out.staffIdle = std::chrono::seconds{*staff};
    out.receipt = std::chrono::seconds{*receipt};
    return {};
}

Result<void> readOffline(const Section &s, KioskConfig::Offline &out)
{
    auto count = s.integer("max_redemptions", out.maxRedemptions, 0, 1000, "redemptions per card");
    if (!count)
        return std::move(count).error();
    auto value = s.integer("max_value", out.maxValue, 0, 100'000'000, "minor units per card");
    if (!value)
        return std::move(value).error();
    auto age = s.integer("max_denylist_age_hours", out.maxDenylistAge.count(), 1, 720, "hours");
    if (!age)
        return std::move(age).error();
    out.maxRedemptions = *count;
    out.maxValue = *value;
    out.maxDenylistAge = std::chrono::hours{*age};
    return {};
}

Result<void> readPrinter(const Section &s, KioskConfig::Printer &out)
{
    // Resolved against nothing: a device node is never relative to the config file.
    auto device = s.string("device");
    if (!device)
        return std::move(device).error();
    if (device->has_value() && !(*device)->empty()) {
        if (!printable(**device) || !fs::path(**device).is_absolute())
            return s.invalid("device",
                             "must be an absolute device path such as /dev/usb/lp0, or \"\" for none");
        out.device = **device;
    }
    return {};
}

} // namespace

Result<KioskConfig> KioskConfig::parse(std::string_view toml, std::string_view sourceName,
                                       const std::filesystem::path &baseDir)
{
    toml::table root;
    try {
        root = toml::parse(toml, sourceName);
    } catch (const toml::parse_error &e) {
        const auto &where = e.source().begin;
        return fail(ErrorCode::InvalidArgument, std::string(sourceName) + ":" + std::to_string(where.line) +
                                                    ":" + std::to_string(where.column) +
                                                    ": TOML syntax error: " + std::string(e.description()));
    }

    std::vector<std::string_view> tableNames;
    for (const auto &t : schema())
        tableNames.push_back(t.name);
    const auto prefix = [&](const toml::key &key) {
        return std::string(sourceName) + ":" + std::to_string(key.source().begin.line) + ": ";
    };
    for (const auto &[key, value] : root) {
        if (std::find(tableNames.begin(), tableNames.end(), key.str()) == tableNames.end()) {
            const std::string what = value.is_table()
                                         ? "[" + std::string(key.str()) + "]: unknown table"
                                         : std::string(key.str()) + ": unknown key outside any table";
            return fail(ErrorCode::InvalidArgument,
                        prefix(key) + what + " (allowed tables: " + joined(tableNames, "[", "]") + ")");
        }
        if (!value.is_table())
            return fail(ErrorCode::InvalidArgument, prefix(key) + "[" + std::string(key.str()) +
                                                        "] must be one table, not " + renderValue(value));
    }

    KioskConfig config;
    for (const auto &t : schema()) {
        const Section section(sourceName, t.name, root[t.name].as_table(), baseDir);
        TL_TRY(section.rejectUnknown(t.keys));
    }
    const auto section = [&](std::string_view name) {
        return Section(sourceName, name, root[name].as_table(), baseDir);
    };
    TL_TRY(readKiosk(section("kiosk"), config.kiosk));
    TL_TRY(readReader(section("reader"), config.reader));
    TL_TRY(readHq(section("hq"), config.hq));
    TL_TRY(readTimeouts(section("timeouts"), config.timeouts));
    TL_TRY(readOffline(section("offline"), config.offline));
    TL_TRY(readPrinter(section("printer"), config.printer));
    return config;
}

Result<KioskConfig> KioskConfig::load(const std::filesystem::path &file)
{
    const std::string name = file.string();
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (!fs::exists(status))
        return fail(ErrorCode::NotFound, name + ": configuration file not found");
    if (!fs::is_regular_file(status))
        return fail(ErrorCode::Io, name + ": not a regular file");
    const auto size = fs::file_size(file, ec);
    if (ec)
        return fail(ErrorCode::Io, name + ": cannot read: " + ec.message());
    if (size > kMaxFileSize)
        return fail(ErrorCode::InvalidArgument, name + ": larger than 1 MiB, not a kiosk configuration");
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open())
        return fail(ErrorCode::Io, name + ": cannot open for reading");
    std::string text(static_cast<size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.gcount() != static_cast<std::streamsize>(text.size()))
        return fail(ErrorCode::Io, name + ": cannot read");
    const fs::path baseDir = fs::absolute(file, ec).lexically_normal().parent_path();
    if (ec)
        return fail(ErrorCode::Io, name + ": cannot resolve its directory: " + ec.message());
    return parse(text, name, baseDir);
}

std::vector<std::string> KioskConfig::knownKeys()
{
    std::vector<std::string> keys;
    for (const auto &t : schema())
        for (const auto &k : t.keys)
            keys.push_back(std::string(t.name) + "." + std::string(k));
    return keys;
}

} // namespace tapledger::kiosk
