#include "core/engine/phrasebook.h"

#include "core/engine/explainer.h"

#include <algorithm>

namespace tapledger {

namespace {
constexpr size_t kMaxName = 40;

/// The placeholder name at @p open (which holds '{'), or "" when none starts there.
std::string_view nameAt(std::string_view text, size_t open)
{
    const size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos || close == open + 1 || close - open - 1 > kMaxName)
        return {};
    const std::string_view name = text.substr(open + 1, close - open - 1);
    if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string_view::npos)
        return {};
    return name;
}
} // namespace

std::string fillTemplate(std::string_view text, const TemplateArgs &args)
{
    std::string out;
    out.reserve(text.size() + 32);
    size_t at = 0;
    while (at < text.size()) {
        const size_t open = text.find('{', at);
        if (open == std::string_view::npos)
            break;
        out.append(text, at, open - at);
        const std::string_view name = nameAt(text, open);
        const auto arg = std::find_if(args.begin(), args.end(), [&](const auto &a) { return !name.empty() && a.first == name; });
        if (arg == args.end()) {
            out += '{';
            at = open + 1;
            continue;
        }
        out += arg->second;
        at = open + name.size() + 2;
    }
    out.append(text, at);
    return out;
}

std::set<std::string> templatePlaceholders(std::string_view text)
{
    std::set<std::string> names;
    for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        if (const std::string_view name = nameAt(text, open); !name.empty())
            names.emplace(name);
    }
    return names;
}

void Phrasebook::add(const std::string &english, const std::string &localized)
{
    if (!localized.empty())
        m_phrases.insert_or_assign(english, localized);
}

void Phrasebook::addAll(const std::map<std::string, std::string> &translations)
{
    for (const auto &[english, localized] : translations)
        add(english, localized);
}

std::string Phrasebook::phrase(std::string_view english) const
{
    const auto it = m_phrases.find(english);
    return it == m_phrases.end() ? std::string(english) : it->second;
}

std::string Phrasebook::money(int64_t minor, int exponent) const
{
    std::string figures = formatAmount(minor, exponent);
    if (!figures.empty() && figures.front() == '-')
        return "-" + m_symbol + figures.substr(1);
    return m_symbol + figures;
}

} // namespace tapledger
