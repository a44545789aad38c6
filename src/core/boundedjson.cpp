#include "core/boundedjson.h"

namespace tapledger {

std::optional<nlohmann::json> parseBoundedJson(std::string_view text, size_t maxDepth)
{
    bool tooDeep = false;
    // The callback's depth counts the enclosing containers of the event's value: a value inside
    // the top-level object is depth 1, the opening of a container at depth d starts level d + 1.
    const nlohmann::json::parser_callback_t limit = [&tooDeep, maxDepth](int depth, nlohmann::json::parse_event_t event,
                                                                         nlohmann::json &) {
        const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                           event == nlohmann::json::parse_event_t::array_start;
        if (opens && static_cast<size_t>(depth) + 1 > maxDepth)
            tooDeep = true;
        return !tooDeep;
    };
    auto j = nlohmann::json::parse(text, limit, false);
    if (tooDeep)
        return std::nullopt;
    return j;
}

} // namespace tapledger
