#include "sync/hq/hqconfig.h"

#include "core/fileio.h"

#include <toml++/toml.h>

namespace fs = std::filesystem;

namespace tapledger::sync {

namespace {
constexpr size_t kMaxFileSize = 64 * 1024;
constexpr int64_t kMaxThreads = 1024;

std::string at(std::string_view source, const toml::source_region &where)
{
    return std::string(source) + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
}
} // namespace

Result<HqConfig> HqConfig::load(const fs::path &file)
{
    std::error_code ec;
    if (!fs::exists(file, ec))
        return fail(ErrorCode::NotFound, "HQ configuration " + file.string() + " does not exist");
    if (fs::file_size(file, ec) > kMaxFileSize)
        return fail(ErrorCode::InvalidArgument, "HQ configuration " + file.string() + " is larger than 64 KiB");
    auto text = readSmallFile(file, "HQ configuration");
    if (!text)
        return std::move(text).error();
    return parse(*text, file.string(), fs::absolute(file, ec).parent_path());
}

Result<HqConfig> HqConfig::parse(std::string_view toml, std::string_view sourceName, const fs::path &baseDir)
{
    toml::table root;
    try {
        root = toml::parse(toml, sourceName);
    } catch (const toml::parse_error &e) {
        return fail(ErrorCode::InvalidArgument,
                    at(sourceName, e.source()) + ": TOML syntax error: " + std::string(e.description()));
    }
    for (const auto &[key, node] : root)
        if (key.str() != "hq" || !node.is_table())
            return fail(ErrorCode::InvalidArgument, at(sourceName, node.source()) + ": unknown table or key '" +
                                                        std::string(key.str()) + "' (allowed: [hq])");
    HqConfig c;
    const toml::table *hq = root["hq"].as_table();
    if (!hq)
        return c;
    for (const auto &[key, node] : *hq) {
        const std::string name(key.str());
        const std::string where = at(sourceName, node.source()) + ": [hq] " + name;
        if (name == "data" || name == "listen") {
            const auto *s = node.as_string();
            if (!s || s->get().empty())
                return fail(ErrorCode::InvalidArgument, where + " must be a non-empty string");
            if (name == "data")
                c.data = fs::path(s->get()).is_absolute() ? fs::path(s->get()) : baseDir / s->get();
            else
                c.listen = s->get();
        } else if (name == "threads") {
            const auto *i = node.as_integer();
            if (!i || i->get() < 1 || i->get() > kMaxThreads)
                return fail(ErrorCode::InvalidArgument, where + " must be an integer 1..1024");
            c.threads = static_cast<size_t>(i->get());
        } else {
            return fail(ErrorCode::InvalidArgument, at(sourceName, key.source()) + ": [hq] " + name +
                                                        ": unknown key (allowed: data, listen, threads)");
        }
    }
    return c;
}

} // namespace tapledger::sync
